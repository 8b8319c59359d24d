import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../platform/access';
import { STAFF_ROLES, type Role } from '../../platform/roles';
import { entityFile } from './file';

const READERS: Role[] = [...STAFF_ROLES, 'unit'];

/** 一户一档: GET /api/entities/:id/file — the unit's inspections, complaints and leads, and its locator. */
export async function entityRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/entities/:id/file', {
    config: { access: { roles: READERS } },
    schema: { tags: ['检查对象'], summary: '一户一档：检查记录、投诉举报、线索及位置（按辖区）', params: z.object({ id: z.string() }) },
  }, async (req) => entityFile(app.db, requireRole(req.actor, READERS), req.params.id));
}
