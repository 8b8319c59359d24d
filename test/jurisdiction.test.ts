/**
 * For every register: a district user (even a district administrator with every role right) can
 * neither list, read, update, delete nor create another district's records — also by guessing ids —
 * and a regulated unit's account sees only its own unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import {
  agencies, checklists, entities, gridCells, inspectors, matters, practitioners, regions, users,
} from '../server/db/schema/index';
import { registers } from '../server/domains/index';
import { withCheckChar } from '../server/domains/entities/credit-code';
import { hashPassword } from '../server/platform/auth/passwords';
import { createTestApp, PASSWORD, type Client, type TestContext } from './server';

let t: TestContext;
let d1: { id: string; regionCode: string };
let d2: { id: string; regionCode: string };
let d1admin: Client;
/** One record id per register, inside district 2. */
const foreign: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  const [chief] = await db.select().from(users).where(eq(users.username, 'chief'));
  const [insp2] = await db.select().from(users).where(eq(users.username, 'inspector2'));
  [d1] = await db.select({ id: agencies.id, regionCode: agencies.regionCode }).from(agencies).where(eq(agencies.id, chief.agencyId!));
  [d2] = await db.select({ id: agencies.id, regionCode: agencies.regionCode }).from(agencies).where(eq(agencies.id, insp2.agencyId!));
  expect(d1.regionCode).not.toBe(d2.regionCode);
  // A district-level administrator holding every staff role: only jurisdiction can stop him.
  await db.insert(users).values({
    username: 'd1admin', displayName: '区管理员', passwordHash: await hashPassword(PASSWORD),
    roles: ['admin', 'head', 'chief', 'inspector'], agencyId: d1.id, regionCode: d1.regionCode,
  });
  // District 2 also issues its own matter and checklist.
  const [m] = await db.insert(matters).values({
    code: 'D2-01', name: '区级公共场所专项抽查', category: 'public_place.lodging', legalBasis: '《公共场所卫生管理条例》第十九条', subject: '区卫生健康委',
    level: '区县', frequency: '每年1次', method: '现场检查', regionCode: d2.regionCode,
  }).returning();
  const [c] = await db.insert(checklists).values({
    code: 'D2-CL', name: '区级住宿场所检查表', category: 'public_place.lodging', regionCode: d2.regionCode,
    items: [{ code: '1', section: '卫生许可', content: '持有有效卫生许可证', legalBasis: '条例第八条', keyItem: true, points: 100 }],
  }).returning();
  const inD2 = <T extends { regionCode: unknown; id: unknown }>(table: T) => like(table.regionCode as never, `${d2.regionCode}%`);
  const first = async (table: typeof entities | typeof practitioners | typeof inspectors | typeof gridCells | typeof agencies | typeof regions | typeof users) => {
    const [row] = await db.select({ id: table.id }).from(table).where(and(inD2(table), table === regions ? sql`length(${regions.code}) = 9` : undefined)).limit(1);
    expect(row, `a district-2 row exists in ${String(table)}`).toBeTruthy();
    return row.id as string;
  };
  foreign.entities = await first(entities);
  foreign.practitioners = await first(practitioners);
  foreign.inspectors = await first(inspectors);
  foreign['grid-cells'] = await first(gridCells);
  foreign.agencies = await first(agencies);
  foreign.regions = await first(regions);
  foreign.users = insp2.id;
  foreign.matters = m.id;
  foreign.checklists = c.id;
  d1admin = await t.login('d1admin');
});
afterAll(async () => { await t?.close(); });

describe.each(registers.map((d) => [d.name, d] as const))('register %s', (name) => {
  it('the fixture has a district-2 record of this register', () => {
    expect(foreign[name]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never lists another district\'s records', async () => {
    const res = await d1admin.get(`/api/${name}?pageSize=200&status=all`);
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBeGreaterThan(0);
    const ids = items.map((i: { id: string }) => i.id);
    expect(ids).not.toContain(foreign[name]);
    for (const item of items) {
      const ownOrAbove = item.regionCode.startsWith(d1.regionCode) || d1.regionCode.startsWith(item.regionCode.replace(/0+$/, ''));
      expect(ownOrAbove, `${name} ${item.id} in ${item.regionCode}`).toBe(true);
    }
    const filtered = await d1admin.get(`/api/${name}?region=${d2.regionCode}&status=all`);
    expect(filtered.json().total).toBe(0);
  });

  it('cannot read, see the history of, update, delete or restore a district-2 record by id', async () => {
    const id = foreign[name];
    expect((await d1admin.get(`/api/${name}/${id}`)).statusCode).toBe(404);
    expect((await d1admin.get(`/api/${name}/${id}/history`)).statusCode).toBe(404);
    expect((await d1admin.put(`/api/${name}/${id}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    expect((await d1admin.delete(`/api/${name}/${id}`, { version: 1, reason: '越权删除测试' })).statusCode).toBe(404);
    expect((await d1admin.post(`/api/${name}/${id}/restore`, { version: 1, reason: '越权恢复测试' })).statusCode).toBe(404);
    // guessed / malformed ids are plain 404s too
    expect((await d1admin.get(`/api/${name}/00000000-0000-4000-8000-000000000001`)).statusCode).toBe(404);
    expect((await d1admin.get(`/api/${name}/1`)).statusCode).toBe(404);
  });
});

describe('the district-2 records are untouched and visible to their own district', () => {
  it('district 2 still reads its entity at version 1', async () => {
    const c = await t.login('inspector2');
    const res = await c.get(`/api/entities/${foreign.entities}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(1);
    expect(res.json().recordStatus).toBe('active');
  });
});

describe('creating records in another district is refused', () => {
  it('entity with a district-2 region code', async () => {
    const [village] = await t.database.db.select({ code: regions.code }).from(regions).where(and(like(regions.code, `${d2.regionCode}%`), sql`length(${regions.code}) = 12`)).limit(1);
    const res = await d1admin.post('/api/entities', {
      creditCode: withCheckChar('91329900MA1XXXXX0'), name: '越界新增诊所', address: '某路 1 号', regionCode: village.code, categories: ['medical.clinic'],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('out_of_jurisdiction');
    const { total } = (await (await t.login('inspector2')).get('/api/entities?q=越界新增诊所')).json();
    expect(total).toBe(0);
  });

  it('inspector attached to a district-2 agency', async () => {
    const res = await d1admin.post('/api/inspectors', {
      name: '越界人员', agencyId: d2.id, credentialNo: 'X-0001', credentialExpiry: '2030-01-01', specialties: ['medical'],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('out_of_jurisdiction');
  });
});

describe('a regulated unit\'s account', () => {
  it('sees only its own unit and its own practitioners', async () => {
    const unit = await t.login('unit');
    const me = (await unit.get('/api/auth/me')).json();
    const list = (await unit.get('/api/entities?pageSize=50')).json();
    expect(list.total).toBe(1);
    expect(list.items[0].id).toBe(me.user.entityId);
    expect((await unit.get(`/api/entities/${foreign.entities}`)).statusCode).toBe(404);
    const staff = (await unit.get('/api/practitioners?pageSize=200')).json();
    for (const p of staff.items) expect(p.entityId).toBe(me.user.entityId);
    expect((await unit.get(`/api/practitioners/${foreign.practitioners}`)).statusCode).toBe(404);
  });

  it('cannot change even its own record, nor open the staff registers', async () => {
    const unit = await t.login('unit');
    const me = (await unit.get('/api/auth/me')).json();
    const own = (await unit.get(`/api/entities/${me.user.entityId}`)).json();
    expect((await unit.put(`/api/entities/${own.id}`, { ...own, name: '改名' })).statusCode).toBe(403);
    for (const name of ['inspectors', 'regions', 'grid-cells', 'agencies', 'matters', 'checklists', 'users']) {
      expect((await unit.get(`/api/${name}`)).statusCode, name).toBe(403);
    }
  });
});
