/**
 * Named prepared statements on PGlite (PREPARE / EXECUTE with literal arguments): the literals must carry any
 * text as that text and nothing more, and the rows must come back as Drizzle's own select returns them.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { literal, pglitePrepared, quoteIdent } from '../server/db/prepared';
import { regions } from '../server/db/schema/index';
import { createTestApp, type TestContext } from './server';

describe('literal', () => {
  it('quotes texts by doubling single quotes (standard_conforming_strings) and refuses what it cannot write', () => {
    expect(literal("O'Brien")).toBe("'O''Brien'");
    expect(literal('a\\b')).toBe("'a\\b'");
    expect(literal(12)).toBe('12');
    expect(literal(-1.5)).toBe('-1.5');
    expect(literal(true)).toBe('true');
    expect(literal(null)).toBe('null');
    expect(() => literal(Number.NaN)).toThrow();
    expect(() => literal(Infinity)).toThrow();
    expect(() => literal('a\0b')).toThrow();
    expect(() => literal(['a'])).toThrow();
    expect(() => literal({})).toThrow();
    expect(quoteIdent('wj_grid-cells_by_id')).toBe('"wj_grid-cells_by_id"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
});

describe.runIf(inject('fixture').kind === 'pglite')('pglitePrepared', () => {
  let t: TestContext;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(() => t.close());

  it('returns the rows Drizzle would, and a hostile text is only a text', async () => {
    const { db } = t.database;
    const query = db.select().from(regions).where(eq(regions.code, sql.placeholder('code'))).limit(2);
    const { sql: text, params } = query.toSQL();
    const stmt = pglitePrepared(db, regions, 'wj_test_region_by_code', text, params);
    const [first] = await db.select().from(regions).limit(1);
    expect(await stmt.execute({ code: first.code })).toEqual(await db.select().from(regions).where(eq(regions.code, first.code)));
    for (const hostile of [`${first.code}' or '1'='1`, `x'); drop table regions; --`, "\\' or 1=1 --"]) {
      expect(await stmt.execute({ code: hostile })).toEqual([]);
    }
    const [{ n }] = (await db.execute(sql`select count(*)::int as n from regions`) as unknown as { rows: { n: number }[] }).rows;
    expect(n).toBeGreaterThan(0);
    // a second statement object of the same name (another app instance over the same database) works too
    const again = pglitePrepared(db, regions, 'wj_test_region_by_code', text, params);
    expect(await again.execute({ code: first.code })).toHaveLength(1);
  });
});
