import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { practitioners } from '../../db/schema/index';
import { requireRole, scopeWhere } from '../../platform/access';
import { recordAudit } from '../../platform/audit';
import { decryptField } from '../../platform/crypto';
import { notFound } from '../../platform/errors';
import type { Role } from '../../platform/roles';

const REVEAL_ROLES: Role[] = ['admin', 'head', 'chief'];

/** Showing a full ID number is an audited act with a stated reason; everywhere else it stays masked. */
export async function practitionerRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().post('/api/practitioners/:id/reveal-id', {
    config: { access: { roles: REVEAL_ROLES } },
    schema: {
      tags: ['从业人员'], summary: '查看完整身份证号（记录审计）', params: z.object({ id: z.uuid() }),
      body: z.object({ reason: z.string().trim().min(2, '请填写查看原因（至少 2 个字）').max(200) }),
    },
  }, async (req) => {
    const actor = requireRole(req.actor, REVEAL_ROLES);
    const [row] = await app.db.select().from(practitioners)
      .where(and(eq(practitioners.id, req.params.id), scopeWhere(actor, { region: practitioners.regionCode }, 'read')));
    if (!row) throw notFound('从业人员');
    if (!row.idNumberEnc) return { idNumber: null };
    await app.db.transaction((tx) => recordAudit(tx, actor, {
      action: 'reveal', resource: 'practitioners', resourceId: row.id, regionCode: row.regionCode, reason: req.body.reason,
    }));
    return { idNumber: decryptField(row.idNumberEnc) };
  });
}
