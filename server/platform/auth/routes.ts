import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq, sql } from 'drizzle-orm';
import { agencies, users } from '../../db/schema/index';
import { recordAudit } from '../audit';
import { AppError, invalid, unauthorized } from '../errors';
import { requireRole } from '../access';
import { ROLES } from '../roles';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { createSession, revokeSession, revokeUserSessions, SESSION_COOKIE, SESSION_IDLE_MS } from './sessions';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});

const PasswordBody = z.object({
  oldPassword: z.string().min(1, '请输入原密码'),
  newPassword: z.string().min(1, '请输入新密码'),
});

/** A dummy hash so that unknown usernames cost the same time as wrong passwords. */
let dummyHash: Promise<string> | null = null;

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/auth/login', {
    config: { access: { public: true }, rateLimit: { max: app.config.loginRatePerMinute, timeWindow: '1 minute' } },
    schema: { tags: ['认证'], summary: '登录', body: LoginBody },
  }, async (request, reply) => {
    const { username, password } = request.body;
    const [user] = await app.db.select().from(users).where(eq(users.username, username)).limit(1);
    if (!user || user.recordStatus !== 'active') {
      await verifyPassword(await (dummyHash ??= hashPassword('dummy-password-1')), password);
      throw new AppError(401, 'bad_credentials', '用户名或密码错误');
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      throw new AppError(423, 'locked', `账户因连续登录失败已被锁定，请于 ${formatTime(user.lockedUntil)} 后重试，或联系系统管理员解锁`);
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const failed = user.failedLogins + 1;
      const lock = failed >= MAX_FAILED_LOGINS;
      await app.db.transaction(async (tx) => {
        await tx.update(users).set({
          failedLogins: lock ? 0 : failed,
          lockedUntil: lock ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : user.lockedUntil,
        }).where(eq(users.id, user.id));
        if (lock) {
          await recordAudit(tx, null, { action: 'lockout', resource: 'users', resourceId: user.id, regionCode: user.regionCode, reason: `连续 ${MAX_FAILED_LOGINS} 次密码错误` });
        }
      });
      if (lock) throw new AppError(423, 'locked', `密码连续错误 ${MAX_FAILED_LOGINS} 次，账户已锁定 ${LOCKOUT_MINUTES} 分钟`);
      throw new AppError(401, 'bad_credentials', `用户名或密码错误（再错 ${MAX_FAILED_LOGINS - failed} 次将锁定账户）`);
    }
    const session = await app.db.transaction(async (tx) => {
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
      const s = await createSession(tx, user.id, { ip: request.ip, userAgent: request.headers['user-agent'] });
      await recordAudit(tx, { userId: user.id, displayName: user.displayName }, { action: 'login', resource: 'sessions', resourceId: s.sessionId, regionCode: user.regionCode, after: { ip: request.ip } });
      return s;
    });
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/', httpOnly: true, sameSite: 'strict', secure: app.config.secureCookies, maxAge: Math.floor((7 * 24 * 3600_000) / 1000),
    });
    return { csrfToken: session.csrfToken, mustChangePassword: user.mustChangePassword, idleTimeoutMinutes: SESSION_IDLE_MS / 60_000 };
  });

  r.post('/api/auth/logout', {
    config: { access: { roles: 'any' } },
    schema: { tags: ['认证'], summary: '退出登录' },
  }, async (request, reply) => {
    const actor = requireRole(request.actor, 'any');
    await app.db.transaction(async (tx) => {
      await revokeSession(tx, actor.sessionId);
      await recordAudit(tx, actor, { action: 'logout', resource: 'sessions', resourceId: actor.sessionId, regionCode: actor.regionCode });
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.get('/api/auth/me', {
    config: { access: { public: true } },
    schema: { tags: ['认证'], summary: '当前用户' },
  }, async (request) => {
    const actor = request.actor;
    if (!actor) throw unauthorized();
    const [agency] = actor.agencyId
      ? await app.db.select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode, docPrefix: agencies.docPrefix })
        .from(agencies).where(eq(agencies.id, actor.agencyId))
      : [];
    const [u] = await app.db.select({ mustChangePassword: users.mustChangePassword }).from(users).where(eq(users.id, actor.userId));
    return {
      user: {
        id: actor.userId, username: actor.username, displayName: actor.displayName, roles: actor.roles,
        roleLabels: actor.roles.map((x) => ROLES[x]), regionCode: actor.regionCode, entityId: actor.entityId,
        mustChangePassword: u?.mustChangePassword ?? false,
      },
      agency: agency ?? null,
      csrfToken: actor.csrfToken,
    };
  });

  r.post('/api/auth/password', {
    config: { access: { roles: 'any' } },
    schema: { tags: ['认证'], summary: '修改密码', body: PasswordBody },
  }, async (request) => {
    const actor = requireRole(request.actor, 'any');
    const { oldPassword, newPassword } = request.body;
    const problem = passwordProblem(newPassword);
    if (problem) throw invalid([{ field: 'newPassword', label: '新密码', message: problem }]);
    if (newPassword === oldPassword) throw invalid([{ field: 'newPassword', label: '新密码', message: '新密码不能与原密码相同' }]);
    const [user] = await app.db.select().from(users).where(eq(users.id, actor.userId));
    if (!(await verifyPassword(user.passwordHash, oldPassword))) {
      throw invalid([{ field: 'oldPassword', label: '原密码', message: '原密码不正确' }]);
    }
    const passwordHash = await hashPassword(newPassword);
    await app.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: sql`now()`, version: sql`${users.version} + 1` })
        .where(eq(users.id, actor.userId));
      await revokeUserSessions(tx, actor.userId, actor.sessionId);
      await recordAudit(tx, actor, { action: 'password', resource: 'users', resourceId: actor.userId, regionCode: actor.regionCode, reason: '用户修改密码；其他会话已注销' });
    });
    return { ok: true };
  });
}

function formatTime(d: Date): string {
  return d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: process.env.TZ ?? 'Asia/Shanghai' });
}
