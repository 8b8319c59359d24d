import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { users } from '../server/db/schema/index';
import { enforceAccessDeclarations } from '../server/platform/access';
import { createTestApp, PASSWORD, type TestContext } from './server';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

describe('health and OpenAPI', () => {
  it('GET /api/health reports the database kind', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: t.database.kind });
  });
  it('serves the OpenAPI document', async () => {
    const res = await t.anonymous().get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/entities', '/api/entities/{id}', '/api/auth/login']));
  });
  it('sends secure headers', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeUndefined(); // only with secure cookies (behind HTTPS)
    // on refusals too
    const denied = await t.anonymous().get('/api/entities');
    expect(denied.statusCode).toBe(401);
    expect(denied.headers['x-content-type-options']).toBe('nosniff');
    expect(denied.headers['content-security-policy']).toBe(res.headers['content-security-policy']);
  });
});

describe('login, session, logout', () => {
  it('rejects anonymous access to registers', async () => {
    const res = await t.anonymous().get('/api/entities');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('请先登录');
  });

  it('logs in with the right password, sets an HttpOnly SameSite cookie, and /me names the user', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'chief', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/wj_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const c = await t.login('chief');
    const me = (await c.get('/api/auth/me')).json();
    expect(me.user.username).toBe('chief');
    expect(me.user.roles).toEqual(['chief']);
    expect(me.agency.name).toMatch(/监督所/);
  });

  it('refuses a wrong password with a Chinese message and no cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'legal', password: 'wrong-password1' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toMatch(/用户名或密码错误/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('locks the account after 5 failures, even for the right password, and audits the lockout', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'assistant', password: `bad-pass-${i}x` } });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'assistant', password: 'bad-pass-5x' } });
    expect(fifth.statusCode).toBe(423);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'assistant', password: PASSWORD } });
    expect(right.statusCode).toBe(423);
    expect(right.json().message).toMatch(/锁定/);
    // an administrator unlocks it
    const admin = await t.login('admin');
    const [u] = await t.database.db.select().from(users).where(eq(users.username, 'assistant'));
    expect((await admin.post(`/api/users/${u.id}/unlock`)).statusCode).toBe(200);
    await expect(t.login('assistant')).resolves.toBeTruthy();
  });

  it('logout revokes the session server-side', async () => {
    const c = await t.login('legal');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    expect((await c.get('/api/entities')).statusCode).toBe(401);
  });

  it('rejects a state-changing request without the CSRF token', async () => {
    const c = await t.login('chief');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('csrf');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.cookie, 'x-csrf-token': 'nope' } });
    expect(wrong.statusCode).toBe(403);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('password change checks the old password and policy, then revokes the other sessions', async () => {
    const a = await t.login('head');
    const b = await t.login('head');
    const weak = await a.post('/api/auth/password', { oldPassword: PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields[0]).toMatchObject({ field: 'newPassword', message: '密码至少 8 位' });
    const wrongOld = await a.post('/api/auth/password', { oldPassword: 'nope-nope-1', newPassword: 'NewPassw0rd!' });
    expect(wrongOld.statusCode).toBe(400);
    expect(wrongOld.json().fields[0].message).toBe('原密码不正确');
    expect((await a.post('/api/auth/password', { oldPassword: PASSWORD, newPassword: 'NewPassw0rd!' })).statusCode).toBe(200);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
    await expect(t.login('head', PASSWORD)).rejects.toThrow(/401/);
    await expect(t.login('head', 'NewPassw0rd!')).resolves.toBeTruthy();
  });
});

describe('central access declarations', () => {
  it('refuses to start when an API route declares no access rule', async () => {
    const app = Fastify();
    enforceAccessDeclarations(app);
    expect(() => app.get('/api/forgotten', async () => 'leak')).toThrow(/GET \/api\/forgotten declares no config.access/);
    expect(() => app.get('/api/declared', { config: { access: { roles: ['admin'] } } }, async () => 'ok')).not.toThrow();
  });

});

describe('login rate limit', () => {
  it('answers 429 in Chinese after too many attempts from one client', async () => {
    const limited = await createTestApp({ loginRatePerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x-1234567' } });
        codes.push(r.statusCode);
        if (r.statusCode === 429) expect(r.json().message).toBe('请求过于频繁，请稍后再试');
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
