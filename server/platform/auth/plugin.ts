import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';
import { resolveSession, SESSION_COOKIE } from './sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every request from the session cookie and enforces the CSRF token (header
 * `x-csrf-token`, bound to the session) on state-changing requests of logged-in users.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const actor = await resolveSession(app.db, token);
    if (!actor) return;
    request.actor = actor;
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (sent !== actor.csrfToken) {
        throw new AppError(403, 'csrf', '安全校验失败（CSRF 令牌缺失或不匹配），请刷新页面后重试');
      }
    }
  });
}, { name: 'auth', dependencies: ['@fastify/cookie'] });
