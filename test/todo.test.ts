/**
 * 待办 (GET /api/todo) through the API: each role finds what waits for it across tasks, follow-ups, complaints, leads
 * and approvals, sorted by deadline with overdue/soon flags; and nobody ever sees another district's items, in either
 * scope, whatever roles they hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, like, ne } from 'drizzle-orm';
import { agencies, entities, gridCells, inspectors, users } from '../server/db/schema/index';
import { tasks } from '../server/db/schema/index';
import { hashPassword } from '../server/platform/auth/passwords';
import { daysFromToday, todayIso } from '../server/platform/dates';
import { createTestApp, PASSWORD, type Client, type TestContext } from './server';

interface Item { key: string; kind: string; id: string; title: string; action: string; actor: string; due: string | null; overdue: boolean; soon: boolean; link: string; regionCode: string }
interface TodoResponse { items: Item[]; total: number; overdue: number; soon: number; scopes: string[]; today: string }

let t: TestContext;
const c: Record<string, Client> = {};
let ids: Record<string, string>;
let d1: { id: string; regionCode: string };
let d2: { id: string; regionCode: string };
let e1: { id: string; name: string; regionCode: string };
let e2: { id: string; name: string; regionCode: string };
let unitEntity: { id: string; name: string; regionCode: string };
let gridEntity: { id: string; name: string; regionCode: string };
/** Records created in district 2: no district-1 user may see any of them. */
const d2Ids = new Set<string>();
const made: Record<string, string> = {};

const todo = async (who: string, scope = 'mine'): Promise<TodoResponse> => {
  const res = await c[who].get(`/api/todo?scope=${scope}&limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

async function complaint(who: string, entity: { id: string }, over: Record<string, unknown> = {}) {
  const res = await c[who].post('/api/complaints', {
    channel: 'phone', category: 'public_place', content: '客房床单没有更换，毛巾有污渍，前台说没有消毒间。', address: '某路 1 号', entityId: entity.id,
    anonymous: true, ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Promise<{ id: string; version: number }>;
}

async function lead(who: string, agencyId: string, handlerIds: string[], over: Record<string, unknown> = {}) {
  const res = await c[who].post('/api/leads', {
    source: 'superior', originRef: '澄卫交〔2026〕9号', unitName: '某养生馆', facts: '上级交办：该店涉嫌非法开展针灸等医疗活动。',
    receivedOn: daysFromToday(-2), agencyId, handlerIds, ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Promise<{ id: string; version: number }>;
}

async function verifyAndAskExtension(verifier: string, l: { id: string; version: number }) {
  const v = await c[verifier].post(`/api/leads/${l.id}/verify`, { version: l.version, verification: '现场核查属实，已制作现场笔录并拍照取证。', verifiedOn: todayIso() });
  expect(v.statusCode, v.body).toBe(200);
  const x = await c[verifier].post(`/api/leads/${l.id}/extension`, { version: v.json().version, reason: '需调取当事人近三个月的经营记录' });
  expect(x.statusCode, x.body).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  const [chief] = await db.select().from(users).where(eq(users.username, 'chief'));
  const [insp2] = await db.select().from(users).where(eq(users.username, 'inspector2'));
  [d1] = await db.select({ id: agencies.id, regionCode: agencies.regionCode }).from(agencies).where(eq(agencies.id, chief.agencyId!));
  [d2] = await db.select({ id: agencies.id, regionCode: agencies.regionCode }).from(agencies).where(eq(agencies.id, insp2.agencyId!));
  // a district-1 account holding every staff role: only the jurisdiction can keep district 2 from it
  await db.insert(users).values({
    username: 'd1all', displayName: '区全角色', passwordHash: await hashPassword(PASSWORD), roles: ['admin', 'head', 'chief', 'legal', 'inspector', 'assistant'],
    agencyId: d1.id, regionCode: d1.regionCode,
  });
  const us = await db.select({ id: users.id, username: users.username, entityId: users.entityId }).from(users);
  ids = Object.fromEntries(us.map((u) => [u.username, u.id]));
  for (const u of ['chief', 'inspector', 'inspector2', 'head', 'legal', 'assistant', 'unit', 'admin', 'd1all']) c[u] = await t.login(u);

  const unitId = us.find((u) => u.username === 'unit')!.entityId!;
  const [cell] = await db.select().from(gridCells).where(eq(gridCells.assistantUserId, ids.assistant));
  const cols = { id: entities.id, name: entities.name, regionCode: entities.regionCode };
  // e1: a unit of district 1 outside the assistant's grid cell; gridEntity: another unit inside it (the unit account's clinic is in it too)
  [e1] = await db.select(cols).from(entities).where(and(like(entities.regionCode, `${d1.regionCode}%`), ne(entities.gridCode, cell.code))).limit(1);
  [e2] = await db.select(cols).from(entities).where(like(entities.regionCode, `${d2.regionCode}%`)).limit(1);
  [unitEntity] = await db.select(cols).from(entities).where(eq(entities.id, unitId));
  [gridEntity] = await db.select(cols).from(entities)
    .where(and(like(entities.regionCode, `${d1.regionCode}%`), ne(entities.id, unitId), ne(entities.id, e1.id))).limit(1);
  await db.update(entities).set({ gridCode: cell.code }).where(eq(entities.id, gridEntity.id));

  // complaints: one waiting for district 1's chief, one assigned to the inspector, one in district 2
  made.toAccept = (await complaint('chief', e1)).id;
  const assigned = await complaint('chief', e1, { content: '游泳池水浑浊，有异味，游完泳皮肤瘙痒。' });
  let r = await c.chief.post(`/api/complaints/${assigned.id}/accept`, { version: assigned.version });
  expect(r.statusCode, r.body).toBe(200);
  r = await c.chief.post(`/api/complaints/${assigned.id}/assign`, { version: r.json().version, assigneeIds: [ids.inspector] });
  expect(r.statusCode, r.body).toBe(200);
  made.assigned = assigned.id;
  const foreignComplaint = await complaint('inspector2', e2);
  d2Ids.add(foreignComplaint.id);

  // leads: the inspector verifies one; one waits for a handler; one (each district) asks the head for an extension
  made.toVerify = (await lead('chief', d1.id, [ids.inspector])).id;
  made.unassigned = (await lead('chief', d1.id, [])).id;
  const ext1 = await lead('chief', d1.id, [ids.inspector]);
  await verifyAndAskExtension('inspector', ext1);
  made.extension = ext1.id;
  const ext2 = await lead('inspector2', d2.id, [ids.inspector2]);
  await verifyAndAskExtension('inspector2', ext2);
  d2Ids.add(ext2.id);
  d2Ids.add((await lead('inspector2', d2.id, [ids.inspector2])).id);

  // tasks (as a draw leaves them): the inspector's overdue one, an unstaffed one of district 1, follow-ups, district 2's
  const [me] = await db.select({ id: inspectors.id }).from(inspectors).where(eq(inspectors.userId, ids.inspector));
  const [other2] = await db.select({ id: inspectors.id }).from(inspectors).where(eq(inspectors.agencyId, d2.id)).limit(1);
  const task = (entity: typeof e1, agencyId: string, over: Partial<typeof tasks.$inferInsert>) => ({
    planId: randomUUID(), agencyId, entityId: entity.id, entityName: entity.name, creditCode: '91320000MA00000000', stratum: 's', seq: 1,
    inspectorIds: [], inspectorNames: [], dueDate: daysFromToday(10), status: 'pending', regionCode: entity.regionCode, ...over,
  });
  const rows = await db.insert(tasks).values([
    task(e1, d1.id, { inspectorIds: [me.id], inspectorNames: ['我'], dueDate: daysFromToday(-1) }),
    task(e1, d1.id, { status: 'unstaffed', seq: 2 }),
    task(unitEntity, d1.id, { status: 'done', result: 'rectify', followUpStatus: 'scheduled', followUpDue: daysFromToday(5), inspectorIds: [me.id], inspectorNames: ['我'], seq: 3 }),
    task(gridEntity, d1.id, { status: 'done', result: 'rectify', followUpStatus: 'scheduled', followUpDue: daysFromToday(2), seq: 4 }),
    task(e2, d2.id, { inspectorIds: [other2.id], inspectorNames: ['他人'], dueDate: daysFromToday(-3), seq: 5 }),
  ]).returning({ id: tasks.id });
  [made.myTask, made.unstaffed, made.unitFollowUp, made.gridFollowUp] = rows.map((x) => x.id);
  d2Ids.add(rows[4].id);
  // an account of district 2 locked after failed log-ins; and one of district 1
  await db.update(users).set({ lockedUntil: new Date(Date.now() + 3600_000) }).where(eq(users.username, 'inspector2'));
  d2Ids.add(ids.inspector2);
});
afterAll(() => t.close());

const idsOf = (r: TodoResponse) => r.items.map((i) => i.id);

describe('what waits for each role', () => {
  it('inspector: the overdue task first, then the complaint, the lead to verify and the re-inspection, each with a link', async () => {
    const r = await todo('inspector');
    expect(r.scopes).toEqual(['mine']);
    const mine = r.items;
    expect(mine[0]).toMatchObject({ kind: 'task', id: made.myTask, action: '实施检查', overdue: true, link: `/tasks/${made.myTask}`, actor: '我' });
    expect(idsOf(r)).toEqual(expect.arrayContaining([made.assigned, made.toVerify, made.unitFollowUp]));
    expect(mine.find((i) => i.id === made.assigned)).toMatchObject({ kind: 'complaint', action: '调查核实', link: `/complaints/${made.assigned}` });
    expect(mine.find((i) => i.id === made.toVerify)).toMatchObject({ kind: 'lead', action: '核查', link: `/leads/${made.toVerify}` });
    expect(mine.find((i) => i.id === made.unitFollowUp)).toMatchObject({ kind: 'followUp', action: '复查整改情况' });
    // neither the chief's decisions nor the unstaffed target
    expect(idsOf(r)).not.toContain(made.toAccept);
    expect(idsOf(r)).not.toContain(made.unstaffed);
    // sorted by deadline, undated last
    const dues = mine.map((i) => i.due ?? '9999');
    expect(dues).toEqual([...dues].sort());
    expect(r.overdue).toBe(mine.filter((i) => i.overdue).length);
  });

  it('chief: accept the new complaint, assign the lead, staff the unstaffed target; the team view shows who acts', async () => {
    const r = await todo('chief');
    expect(r.items.find((i) => i.id === made.toAccept)).toMatchObject({ kind: 'complaint', action: '决定是否受理' });
    expect(r.items.find((i) => i.id === made.unassigned)).toMatchObject({ kind: 'lead', action: '指定承办人' });
    expect(r.items.find((i) => i.id === made.unstaffed)).toMatchObject({ kind: 'task', action: '指派执法人员' });
    expect(idsOf(r)).not.toContain(made.myTask);
    const team = await todo('chief', 'team');
    expect(team.scopes).toEqual(['mine', 'team']);
    expect(team.items.find((i) => i.id === made.myTask)).toMatchObject({ actor: '我', overdue: true });
    expect(team.items.find((i) => i.id === made.assigned)?.actor).toContain('承办人');
    expect(team.items.find((i) => i.id === made.extension)).toMatchObject({ action: '审批延期申请', actor: '机构负责人' });
  });

  it('head: 待我审批 — the extension requests of every district under the city, as approvals', async () => {
    const r = await todo('head');
    const approvals = r.items.filter((i) => i.kind === 'approval');
    expect(approvals.map((i) => i.id)).toEqual(expect.arrayContaining([made.extension, ...[...d2Ids].filter((id) => approvals.some((a) => a.id === id))]));
    expect(approvals.find((i) => i.id === made.extension)).toMatchObject({ action: '审批延期申请', link: `/leads/${made.extension}` });
    expect(approvals.length).toBeGreaterThanOrEqual(2);
  });

  it('legal reviewer: nothing waits today, honestly empty; no team view', async () => {
    const r = await todo('legal');
    expect(r).toMatchObject({ items: [], total: 0, scopes: ['mine'] });
    expect((await c.legal.get('/api/todo?scope=team')).statusCode).toBe(403);
    expect((await c.inspector.get('/api/todo?scope=team')).statusCode).toBe(403);
  });

  it('协管员: the rectifications in its grid cell (the clinic of the unit account lies in it too), nothing else', async () => {
    const r = await todo('assistant');
    expect(r.items.map((i) => i.id).sort()).toEqual([made.gridFollowUp, made.unitFollowUp].sort());
    expect(r.items[0]).toMatchObject({ kind: 'followUp', id: made.gridFollowUp, action: '督促整改并反馈情况' });
    const grid = (await c.assistant.get('/api/grid-cells/mine')).json();
    expect(grid.items).toHaveLength(1);
    expect(grid.items[0]).toMatchObject({ units: expect.any(Number), rectifying: 2 });
    expect((await c.inspector.get('/api/grid-cells/mine')).json().items).toEqual([]);
  });

  it('unit account: only its own rectification, pointing at its own record', async () => {
    const r = await todo('unit');
    expect(r.items.map((i) => i.id)).toContain(made.unitFollowUp);
    for (const i of r.items) {
      expect(i.link).toBe('/my-entity');
      expect(i.regionCode).toBe(unitEntity.regionCode);
    }
    expect(idsOf(r)).not.toContain(made.gridFollowUp);
  });

  it('administrator: locked accounts and enforcement credentials to renew', async () => {
    const r = await todo('admin');
    expect(r.items.find((i) => i.id === ids.inspector2)).toMatchObject({ kind: 'system', link: `/users/${ids.inspector2}` });
    expect(r.items.some((i) => i.link.startsWith('/inspectors/'))).toBe(true);
  });
});

describe('jurisdiction', () => {
  it('a district-1 account holding every role sees no district-2 item, in either scope', async () => {
    expect(d2Ids.size).toBeGreaterThanOrEqual(4);
    for (const scope of ['mine', 'team']) {
      const r = await todo('d1all', scope);
      expect(r.items.length).toBeGreaterThan(0);
      for (const i of r.items) {
        expect(i.regionCode.startsWith(d1.regionCode), `${scope}: ${i.kind} ${i.title} in ${i.regionCode}`).toBe(true);
        expect(d2Ids.has(i.id)).toBe(false);
      }
    }
  });

  it('district 2 sees its own items and none of district 1', async () => {
    const r = await todo('inspector2');
    const own = [...d2Ids].filter((id) => idsOf(r).includes(id));
    expect(own.length).toBeGreaterThan(0);
    for (const i of r.items) expect(i.regionCode.startsWith(d2.regionCode)).toBe(true);
    for (const id of Object.values(made)) expect(idsOf(r)).not.toContain(id);
  });
});
