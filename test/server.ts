/**
 * Test server: a real Fastify app on a private copy of the fixture database, driven with inject().
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { openDatabase, type Database } from '../server/db/client';
import { initSecretKey } from '../server/platform/crypto';
import { FIXTURE, TEMPLATE_DB, adminUrl } from './fixture-config';

export const PASSWORD = FIXTURE.password;

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  /** Log in as a fixture user and get a client carrying the session cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<ReturnType<typeof loadConfig>> = {}): Promise<TestContext> {
  initSecretKey({ secretKey: process.env.WEIJIAN_SECRET_KEY });
  const fixture = inject('fixture');
  let database: Database;
  let dropDb: (() => Promise<void>) | null = null;
  if (fixture.kind === 'postgres') {
    const name = `wj_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(fixture.value) });
    await admin.connect();
    await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
    await admin.end();
    const u = new URL(fixture.value);
    u.pathname = `/${name}`;
    database = await openDatabase({ url: u.toString() });
    dropDb = async () => {
      const c = new pg.Client({ connectionString: adminUrl(fixture.value) });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    database = await openDatabase({ loadDataDir: new Blob([fs.readFileSync(fixture.value)]), migrate: false });
  }
  const config = { ...loadConfig({}), demo: true, demoPassword: FIXTURE.password, webDist: '/nonexistent', loginRatePerMinute: 1000, ...overrides };
  const app = await buildApp(database, config);
  await app.ready();
  return {
    app,
    database,
    anonymous: () => new Client(app, '', ''),
    async login(username, password = PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'wj_session')!;
      return new Client(app, `wj_session=${cookie.value}`, res.json().csrfToken);
    },
    async close() {
      await app.close();
      await database.close();
      await dropDb?.();
    },
  };
}

export class Client {
  constructor(private app: FastifyInstance, public cookie: string, public csrf: string) {}
  private req(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method, url, payload: payload as never,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}), ...headers },
    });
  }
  get = (url: string) => this.req('GET', url);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.req('POST', url, body ?? {}, headers);
  put = (url: string, body: unknown) => this.req('PUT', url, body);
  delete = (url: string, body: unknown) => this.req('DELETE', url, body);
  /** Upload a file as multipart/form-data (field "file"). */
  upload(url: string, filename: string, content: Buffer) {
    const boundary = `----wj${randomBytes(8).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.req('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }
}
