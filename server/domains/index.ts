import type { FastifyInstance } from 'fastify';
import { registerRoutes } from '../platform/register/routes';
import type { RegisterDef } from '../platform/register/types';
import { agencyRegister } from './agencies/register';
import { entityRegister } from './entities/register';
import { inspectorRegister } from './inspectors/register';
import { checklistRegister, matterRegister } from './matters/register';
import { practitionerRegister } from './practitioners/register';
import { gridRegister, regionRegister } from './regions/register';
import { userRegister } from './users/register';
import { userRoutes } from './users/routes';
import { practitionerRoutes } from './practitioners/routes';
import { registerFieldLabels } from '../platform/errors';
import { planRoutes } from './plans/routes';
import { publicPlanRoutes } from './plans/public';
import { complaintRoutes } from './complaints/routes';
import { leadRoutes } from './leads/routes';
import { todoRoutes } from './todo/routes';
import { gridRoutes } from './regions/routes';
import { entityRoutes } from './entities/routes';

/** Every register, in menu order. */
export const registers: RegisterDef[] = [
  entityRegister, practitionerRegister, inspectorRegister, matterRegister, checklistRegister,
  regionRegister, gridRegister, agencyRegister, userRegister,
] as unknown as RegisterDef[];

for (const def of registers) registerFieldLabels(def.fieldLabels);

export const registerByName = new Map(registers.map((d) => [d.name, d]));

/** Fastify plugins of the domains. */
export const domains: ((app: FastifyInstance) => Promise<void>)[] = [
  async (app) => { for (const def of registers) registerRoutes(app, def); },
  userRoutes,
  practitionerRoutes,
  planRoutes,
  publicPlanRoutes,
  complaintRoutes,
  leadRoutes,
  todoRoutes,
  gridRoutes,
  entityRoutes,
];
