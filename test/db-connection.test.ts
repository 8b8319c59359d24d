/**
 * PostgreSQL only: a pooled connection closed by the server (restart, failover, pg_terminate_backend) must
 * not crash the process; the next query gets a fresh connection.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestContext } from './server';

const onPg = inject('fixture').kind === 'postgres';
let t: TestContext;

beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());

it.runIf(onPg)('survives the server terminating its idle connections', async () => {
  const { db } = t.database;
  // open a few pooled connections, then let them go idle
  await Promise.all([1, 2, 3].map(() => db.execute(sql`select pg_sleep(0.05)`)));
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);
  process.on('uncaughtException', onUncaught);
  try {
    // from a separate connection of the same pool: terminate every other backend of this database
    const killed = await db.execute(sql`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`);
    expect((killed as unknown as { rows: { n: number }[] }).rows[0].n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200)); // the pool sees the closed sockets
    const res = await db.execute(sql`select 1 as one`);
    expect((res as unknown as { rows: { one: number }[] }).rows[0].one).toBe(1);
    expect(uncaught).toEqual([]);
  } finally {
    process.off('uncaughtException', onUncaught);
  }
});

it.runIf(!onPg)('PGlite has no connection pool (nothing to terminate)', () => {
  expect(t.database.kind).toBe('pglite');
});
