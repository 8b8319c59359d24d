import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema/index';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  /** Run raw SQL (several statements allowed on PGlite, one on postgres). */
  exec(text: string): Promise<void>;
  /** Refresh planner statistics (of one table, or all); PGlite never auto-analyzes. */
  analyze(table?: string): Promise<void>;
  /** PGlite only: dump the data directory as a tarball. */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  /** postgres://… ; when absent the embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory; undefined means in-memory. */
  dataDir?: string;
  /** PGlite: restore from a dump produced by dump(). */
  loadDataDir?: Blob;
  migrate?: boolean;
}

export class DataDirLockedError extends Error {}

/** Take an exclusive lock on a PGlite data directory (PGlite has none of its own). */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'weijian.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch { /* already gone */ }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockFile, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DataDirLockedError(
          `数据目录 ${dataDir} 正被另一个进程（PID ${pid}）使用。PGlite 只允许一个进程打开数据目录，请先停止该进程。` +
            ` (data directory is locked by process ${pid})`,
        );
      }
      fs.unlinkSync(lockFile); // stale lock from a crashed process
    }
  }
  throw new DataDirLockedError(`无法锁定数据目录 ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.migrate !== false);
  const database = await openPglite(opts);
  if (opts.migrate !== false) {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder });
  }
  return database;
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const unlock = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
  let client;
  try {
    client = await PGlite.create({
      dataDir: opts.dataDir,
      loadDataDir: opts.loadDataDir,
      extensions: { pg_trgm },
      parsers: Object.fromEntries(DRIZZLE_TEXT_TYPES.map((oid) => [oid, (v: string) => v])),
    });
  } catch (err) {
    unlock();
    throw err;
  }
  const db = drizzle({ client: withoutQueryParsers(client as unknown as PgliteLike) as unknown as typeof client, schema }) as unknown as Db;
  (db as unknown as { $client: unknown }).$client = client; // (the client itself, for db/prepared.ts and the benchmarks)
  let closed = false;
  return {
    db,
    kind: 'pglite',
    exec: async (text) => { await client.exec(text); },
    analyze: async (table) => { await client.exec(table ? `ANALYZE "${table.replace(/"/g, '')}"` : 'ANALYZE'); },
    dump: () => client.dumpDataDir('none') as Promise<Blob>,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        if (opts.dataDir) await client.exec('CHECKPOINT');
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/**
 * The types Drizzle reads as PostgreSQL's text (timestamps, intervals, dates and their arrays): it asks PGlite for
 * that with a parser table on every query. The PGlite client is given those parsers once, at creation.
 */
const DRIZZLE_TEXT_TYPES = [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182];

type PgliteQuery = (text: string, params?: unknown[], options?: { parsers?: unknown }) => Promise<unknown>;
interface PgliteLike { query: PgliteQuery; transaction<T>(fn: (tx: PgliteLike) => Promise<T>): Promise<T> }

/**
 * PGlite as Drizzle uses it (query, transaction), without the parser table Drizzle sends with each query: PGlite
 * copies its whole table of type parsers for a query that brings its own (≈ 0.3 ms, a third of a short read),
 * and the client has these parsers already.
 */
function withoutQueryParsers(c: PgliteLike): PgliteLike {
  const query: PgliteQuery = (text, params, options) => {
    if (!options?.parsers) return c.query(text, params, options);
    const { parsers: _same, ...rest } = options;
    return c.query(text, params, rest);
  };
  return { query, transaction: (fn) => c.transaction((tx) => fn(withoutQueryParsers(tx))) };
}

async function openPostgres(url: string, runMigrations: boolean): Promise<Database> {
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // Return DATE columns as plain 'YYYY-MM-DD' strings, like PGlite does with mode: 'string'.
  pg.default.types.setTypeParser(1082, (v: string) => v);
  const pool = new pg.default.Pool({ connectionString: url, max: Number(process.env.WEIJIAN_PG_POOL ?? 10) });
  if (runMigrations) {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const conn = await pool.connect();
    try {
      // Serialise concurrent starters (several app servers against one database).
      await conn.query('select pg_advisory_lock(727274)');
      await migrate(drizzle({ client: conn }) as never, { migrationsFolder });
    } finally {
      await conn.query('select pg_advisory_unlock(727274)').catch(() => {});
      conn.release();
    }
  }
  // An idle connection can be closed by the server (restart, failover, pg_terminate_backend, a dropped
  // database). node-postgres then emits 'error' on the pool, which would crash the process without a
  // listener; the pool drops that connection and opens a new one for the next query.
  pool.on('error', (err) => { console.warn(`PostgreSQL 空闲连接已断开，将自动重连：${err.message}`); });
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    exec: async (text) => { await pool.query(text); },
    analyze: async (table) => { await pool.query(table ? `ANALYZE "${table.replace(/"/g, '')}"` : 'ANALYZE'); },
    close: async () => { await pool.end(); },
  };
}

