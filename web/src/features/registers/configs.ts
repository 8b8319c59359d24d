import { agenciesConfig } from '../agencies/config';
import { checklistsConfig } from '../checklists/config';
import { entitiesConfig } from '../entities/config';
import { inspectorsConfig } from '../inspectors/config';
import { mattersConfig } from '../matters/config';
import { practitionersConfig } from '../practitioners/config';
import { gridsConfig, regionsConfig } from '../regions/config';
import { usersConfig } from '../users/config';
import type { AnyRegisterConfig } from './types';

/** Every register page config by API name. */
export const REGISTER_CONFIGS: Record<string, AnyRegisterConfig> = {
  entities: entitiesConfig,
  practitioners: practitionersConfig,
  inspectors: inspectorsConfig,
  matters: mattersConfig,
  checklists: checklistsConfig,
  regions: regionsConfig,
  'grid-cells': gridsConfig,
  agencies: agenciesConfig,
  users: usersConfig,
};
