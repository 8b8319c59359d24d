import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq, sql } from 'drizzle-orm';
import { users } from '../../db/schema/index';
import { requireRole, scopeWhere } from '../../platform/access';
import { recordAudit } from '../../platform/audit';
import { hashPassword, passwordProblem } from '../../platform/auth/passwords';
import { revokeUserSessions } from '../../platform/auth/sessions';
import { invalid, notFound } from '../../platform/errors';

const Params = z.object({ id: z.uuid() });

/** Account administration beyond the register: password reset, unlock, force logout. */
export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const load = async (actorRegion: Parameters<typeof scopeWhere>[0], id: string) => {
    const [u] = await app.db.select().from(users).where(and(eq(users.id, id), scopeWhere(actorRegion, { region: users.regionCode }, 'write')));
    if (!u) throw notFound('用户');
    return u;
  };

  r.post('/api/users/:id/reset-password', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['用户'], summary: '重置密码（用户下次登录须修改）', params: Params, body: z.object({ password: z.string() }) },
  }, async (req) => {
    const actor = requireRole(req.actor, ['admin']);
    const problem = passwordProblem(req.body.password);
    if (problem) throw invalid([{ field: 'password', label: '新密码', message: problem }]);
    const u = await load(actor, req.params.id);
    const passwordHash = await hashPassword(req.body.password);
    await app.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, version: sql`${users.version} + 1` }).where(eq(users.id, u.id));
      await revokeUserSessions(tx, u.id);
      await recordAudit(tx, actor, { action: 'reset-password', resource: 'users', resourceId: u.id, regionCode: u.regionCode, reason: '管理员重置密码' });
    });
    return { ok: true };
  });

  r.post('/api/users/:id/unlock', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['用户'], summary: '解除登录锁定', params: Params },
  }, async (req) => {
    const actor = requireRole(req.actor, ['admin']);
    const u = await load(actor, req.params.id);
    await app.db.transaction(async (tx) => {
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
      await recordAudit(tx, actor, { action: 'unlock', resource: 'users', resourceId: u.id, regionCode: u.regionCode });
    });
    return { ok: true };
  });

  r.post('/api/users/:id/revoke-sessions', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['用户'], summary: '强制下线（注销该用户全部会话）', params: Params },
  }, async (req) => {
    const actor = requireRole(req.actor, ['admin']);
    const u = await load(actor, req.params.id);
    await app.db.transaction(async (tx) => {
      await revokeUserSessions(tx, u.id);
      await recordAudit(tx, actor, { action: 'revoke-sessions', resource: 'users', resourceId: u.id, regionCode: u.regionCode });
    });
    return { ok: true };
  });
}
