/**
 * Shared helpers of the benchmark scripts: data sets under .bench/, an in-process app on a random port,
 * logging in over HTTP, percentiles. Progress goes to stderr; each script prints its figures as one JSON
 * object on the last line of stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { DataDirLockedError, openDatabase, type Database } from '../server/db/client';
import { sql } from 'drizzle-orm';
import { entities } from '../server/db/schema/index';
import { initSecretKey } from '../server/platform/crypto';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_DIR = path.join(ROOT, '.bench');
export const PASSWORD = process.env.WEIJIAN_DEMO_PASSWORD || 'Weijian@2026';

export const log = (...args: unknown[]) => console.error('[bench]', ...args);

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export function summarize(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), p99: round(percentile(s, 99)), max: round(s[s.length - 1] ?? NaN), mean: round(mean) };
}

export { prng } from './prng';

export function shuffle<T>(items: T[], rnd: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Run `weijian seed --entities N` in a child process (loads the demo city if empty, appends bulk rows). */
export function runSeed(entities: number, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/weijian.mjs'), 'seed', '--entities', String(entities)], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`weijian seed exited with ${code}`))));
  });
}

/** Run `fn` on the `postgres` maintenance database next to `url`, with the (checked) name of `url`'s database. */
async function withMaintenance(url: string, fn: (admin: pg.Client, name: string) => Promise<void>) {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name ${name}`);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    await fn(admin, name);
  } finally {
    await admin.end();
  }
}

/** Create a PostgreSQL database if it does not exist. */
export async function ensurePgDatabase(url: string) {
  await withMaintenance(url, async (admin, name) => {
    const r = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (r.rowCount === 0) {
      log(`creating database ${name}`);
      await admin.query(`create database ${name}`);
    }
  });
}

export interface DataSet {
  kind: 'pglite' | 'postgres';
  /** PGlite data directory, or the PostgreSQL URL. */
  dataDir?: string;
  url?: string;
  /** Where the secret key lives (PGlite: the data dir; PostgreSQL: a directory under .bench/). */
  keyDir: string;
}

export function seedEnv(ds: DataSet): Record<string, string> {
  return ds.kind === 'pglite'
    ? { WEIJIAN_DATA_DIR: ds.dataDir!, DATABASE_URL: '' }
    : { DATABASE_URL: ds.url!, WEIJIAN_DATA_DIR: ds.keyDir };
}

/** Throw the data set away: PGlite removes the directory, PostgreSQL drops and recreates the database. */
export async function resetDataSet(ds: DataSet) {
  if (ds.kind === 'pglite') {
    fs.rmSync(ds.dataDir!, { recursive: true, force: true });
    return;
  }
  await withMaintenance(ds.url!, async (admin, name) => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  });
}

export async function openDataSet(ds: DataSet): Promise<Database> {
  initSecretKey({ dataDir: ds.keyDir });
  return openDatabase(ds.kind === 'pglite' ? { dataDir: ds.dataDir } : { url: ds.url });
}

export interface RunningApp {
  app: FastifyInstance;
  base: string;
  close(): Promise<void>;
}

/** The real app, listening on 127.0.0.1 on a random port. */
export async function startApp(database: Database): Promise<RunningApp> {
  const config = { ...loadConfig({}), demo: false, webDist: path.join(BENCH_DIR, 'no-web'), logLevel: 'warn', loginRatePerMinute: 1000 };
  const app = await buildApp(database, config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return { app, base: `http://127.0.0.1:${addr.port}`, close: () => app.close() };
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

export async function login(base: string, username: string, password = PASSWORD): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const set = res.headers.getSetCookie().find((c) => c.startsWith('wj_session='));
  if (!set) throw new Error('no session cookie');
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: set.split(';')[0], csrfToken: body.csrfToken };
}

export function ensureDir(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export async function countEntities(database: Database) {
  const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(entities);
  return Number(n);
}

/** Open the data set (bench:entities, bench:draw), seeding it first when it holds fewer than TARGET entities. */
export async function prepareDataSet(ds: DataSet, TARGET: number): Promise<Database> {
  if (ds.kind === 'postgres') await ensurePgDatabase(ds.url!);
  let database: Database;
  try {
    database = await openDataSet(ds);
  } catch (err) {
    // Only when the migrations were rewritten since the data set was built (pre-release schema churn): start
    // over. Anything else (a locked data directory, no server) is not a reason to throw data away.
    if (err instanceof DataDirLockedError || !/^Failed query/.test((err as Error).message ?? '')) throw err;
    log(`${ds.kind}: the data set does not migrate (${(err as Error).message.split('\n')[0]}); rebuilding it`);
    await resetDataSet(ds);
    database = await openDataSet(ds);
  }
  let n = await countEntities(database);
  if (n < TARGET) {
    log(`${ds.kind}: ${n} entities, seeding up to ${TARGET} (takes a few minutes, once)`);
    await database.close();
    const t = Date.now();
    await runSeed(TARGET, seedEnv(ds));
    log(`${ds.kind}: seeded in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    database = await openDataSet(ds);
    n = await countEntities(database);
  }
  // Planner statistics as a maintained installation has them (PGlite never auto-analyzes).
  const t = Date.now();
  await database.analyze();
  log(`${ds.kind}: ${n} entities; ANALYZE ${Date.now() - t} ms`);
  return database;
}
