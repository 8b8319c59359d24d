import { getTableColumns, Placeholder, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client';

/** Whether `db` runs on the embedded PGlite (rather than a PostgreSQL server). */
export const isPglite = (db: Db): boolean => typeof (db as unknown as { $client?: { dumpDataDir?: unknown } }).$client?.dumpDataDir === 'function';

/**
 * A named prepared statement on PGlite, as Drizzle's `.prepare(name)` is on PostgreSQL. PGlite's query() always
 * uses the unnamed statement, so a short read is parsed and planned again every time — about half of its time
 * (≈ 450 of 1,000 µs for the detail read of an entity). Its one session keeps statements made with PREPARE;
 * they are run with EXECUTE, whose arguments are written as SQL literals (standard_conforming_strings is on:
 * a text literal is its quotes doubled). Only texts, finite numbers, booleans and null are accepted.
 */
export function pglitePrepared(db: Db, table: PgTable, name: string, text: string, params: unknown[]) {
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>);
  // the PGlite client itself (db/client.ts: it reads timestamps and dates as text, as Drizzle does)
  const client = (db as unknown as { $client: { query(text: string): Promise<{ rows: Record<string, unknown>[] }> } }).$client;
  const ident = quoteIdent(name);
  let ready: Promise<void> | undefined;
  const prepare = async () => {
    try {
      await db.execute(sql.raw(`prepare ${ident} as ${text}`));
    } catch (err) {
      // made already on this database (another app instance over the same PGlite): the same name is the same text
      if (errorCode(err) !== '42P05') throw err;
    }
  };
  return {
    async execute(values: Record<string, unknown>): Promise<Record<string, unknown>[]> {
      ready ??= prepare().catch((err) => { ready = undefined; throw err; });
      await ready;
      const args = params.map((p) => literal(p instanceof Placeholder ? values[p.name] : p));
      const res = await client.query(`execute ${ident}(${args.join(', ')})`);
      return res.rows.map((raw) => {
        const row: Record<string, unknown> = {};
        for (const [key, c] of columns) {
          const v = raw[c.name];
          row[key] = v === null || v === undefined ? null : c.mapFromDriverValue(v);
        }
        return row;
      });
    },
  };
}

/** An SQL literal of a parameter value. */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && !v.includes('\0')) return `'${v.replaceAll("'", "''")}'`;
  throw new Error(`prepared statement: unsupported parameter ${typeof v}`);
}

/** A quoted SQL identifier. */
export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function errorCode(err: unknown): string | undefined {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code) return e.code;
  return undefined;
}
