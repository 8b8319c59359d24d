/**
 * The server's input schemas and code tables, shared so that forms validate with the same rules and
 * Chinese messages as the API. These modules depend only on zod and pure helpers.
 */
export { EntityInput, LicenceInput, entityLabels } from '../../../server/domains/entities/schema';
export { CATEGORIES, LICENCE_KINDS, OPERATING_STATUSES, type Category } from '../../../server/domains/entities/categories';
export { PractitionerInput, PRACTITIONER_CATEGORIES, practitionerLabels } from '../../../server/domains/practitioners/schema';
export { InspectorInput, inspectorLabels, TRAINING_TARGET_HOURS } from '../../../server/domains/inspectors/schema';
export { MatterInput, ChecklistInput, PLAN_LEVELS, matterLabels, checklistLabels } from '../../../server/domains/matters/schema';
export { RegionInput, GridInput, regionLabels, gridLabels } from '../../../server/domains/regions/schema';
export { AgencyInput, agencyLabels } from '../../../server/domains/agencies/schema';
export { UserInput, userLabels } from '../../../server/domains/users/schema';
export { ROLES, type Role } from '../../../server/platform/roles';
export { REGION_LEVEL_LABELS } from '../../../server/domains/regions/region-code';
