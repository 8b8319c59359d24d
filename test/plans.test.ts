/**
 * Random inspection plans end to end through the API (GUIDE §2.2, §4.1): create → publish (commitment)
 * → draw (public value) → tasks → outcomes → public portal and a bundle any citizen can verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { agencies, entities, inspectors, matters, tasks as tasksTable, users } from '../server/db/schema/index';
import { gunzipSync } from 'node:zlib';
import { candidateCount, draw, hashCandidates, verifyBundle, type Bundle, type Frozen } from '../lib/draw/index';
import { sha256 } from '../lib/draw/sha256';
import { frozenSnapshot } from '../server/domains/plans/service';
import { forgetPublished, gunzipFrozen, parseFrozenForDraw, publishedFrozen } from '../server/domains/plans/snapshot';
import { createTestApp, type Client, type TestContext } from './server';

let t: TestContext;
let chief: Client;
let chief2: Client;
let inspector: Client;
let d1: { id: string; regionCode: string };
let matterIds: string[];

const planBody = (over: Record<string, unknown> = {}) => ({
  name: '2026年临湖区公共场所卫生双随机抽查计划',
  level: '区县',
  year: 2026,
  agencyId: d1.id,
  matterIds,
  categories: ['public_place', 'medical'],
  windowStart: '2026-03-01',
  windowEnd: '2026-12-31',
  strata: [
    { key: 'pp', name: '公共场所', categories: ['public_place'], mode: 'count', count: 6 },
    { key: 'med', name: '医疗机构', categories: ['medical'], mode: 'ratio', ratioBp: 1000 },
  ],
  rules: { inspectorsPerTarget: 2, maxShareBp: 5000, avoidSameTown: false, avoidLastPair: true },
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  chief = await t.login('chief');
  // a section chief of district 2
  const [i2] = await t.database.db.select().from(users).where(eq(users.username, 'inspector2'));
  await t.database.db.insert(users).values({
    username: 'chief2', displayName: '二区科长', passwordHash: i2.passwordHash, roles: ['chief', 'inspector'], agencyId: i2.agencyId, regionCode: i2.regionCode,
  });
  chief2 = await t.login('chief2');
  inspector = await t.login('inspector');
  const [u] = await db.select().from(users).where(eq(users.username, 'chief'));
  [d1] = await db.select({ id: agencies.id, regionCode: agencies.regionCode }).from(agencies).where(eq(agencies.id, u.agencyId!));
  matterIds = (await db.select({ id: matters.id }).from(matters).limit(2)).map((m) => m.id);
});
afterAll(() => t.close());

async function createDrawnPlan(over: Record<string, unknown> = {}, publicValue = '福彩3D 2026年第301期 开奖号码 4 7 1') {
  const created = await chief.post('/api/plans', planBody(over));
  expect(created.statusCode, created.body).toBe(201);
  const plan = created.json();
  const published = await chief.post(`/api/plans/${plan.id}/publish`, { version: plan.version, acceptUnstaffable: true });
  expect(published.statusCode, published.body).toBe(200);
  const drawn = await chief.post(`/api/plans/${plan.id}/draw`, { version: published.json().version, publicValue });
  expect(drawn.statusCode, drawn.body).toBe(200);
  return drawn.json().plan as { id: string; version: number; published: { commitment: string; candidatesHash: string } };
}

describe('plan lifecycle', () => {
  it('validates input in Chinese, naming the field', async () => {
    const res = await chief.post('/api/plans', planBody({ strata: [], windowEnd: '2026-01-01', rules: { inspectorsPerTarget: 1 } }));
    expect(res.statusCode).toBe(400);
    const fields = res.json().fields as { field: string; message: string }[];
    expect(fields.find((f) => f.field === 'strata')?.message).toBe('请至少设置一个抽取层级');
    expect(fields.find((f) => f.field === 'windowEnd')?.message).toBe('实施结束日期不能早于开始日期');
    expect(fields.find((f) => f.field === 'rules.inspectorsPerTarget')?.message).toContain('至少派 2 名');
  });

  it('publishes a commitment, draws with a public value and freezes the result (GUIDE §4.1)', async () => {
    const created = (await chief.post('/api/plans', planBody())).json();
    expect(created.status).toBe('draft');
    const preview = (await chief.get(`/api/plans/${created.id}/preview`)).json();
    expect(preview.candidates).toBeGreaterThan(0);
    expect(preview.strata.map((s: { key: string }) => s.key)).toEqual(['pp', 'med']);
    const med = preview.strata[1];
    expect(med.targets).toBe(Math.min(med.candidates, Math.ceil(med.candidates * 0.1)));

    // a draft cannot be drawn; a stale version is refused
    expect((await chief.post(`/api/plans/${created.id}/draw`, { version: created.version, publicValue: '12345' })).statusCode).toBe(409);
    expect((await chief.post(`/api/plans/${created.id}/publish`, { version: created.version + 5, acceptUnstaffable: true })).statusCode).toBe(409);

    const pub = await chief.post(`/api/plans/${created.id}/publish`, { version: created.version, acceptUnstaffable: true });
    expect(pub.statusCode, pub.body).toBe(200);
    const published = pub.json();
    expect(published.status).toBe('published');
    expect(published.published.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(published.published.candidatesHash).toMatch(/^[0-9a-f]{64}$/);
    // the secret stays internal until the draw
    expect(JSON.stringify(published)).not.toMatch(/secret/i);
    // after publication the plan can no longer be edited
    const edit = await chief.put(`/api/plans/${created.id}`, { ...planBody(), version: published.version });
    expect(edit.statusCode).toBe(409);

    // the public page shows the commitment before the draw; there is no bundle yet
    const anon = t.anonymous();
    const pubPlan = (await anon.get(`/api/public/plans/${created.id}`)).json();
    expect(pubPlan.published.commitment).toBe(published.published.commitment);
    expect((await anon.get(`/api/public/draws/${created.id}/bundle`)).statusCode).toBe(404);

    const drawn = await chief.post(`/api/plans/${created.id}/draw`, { version: published.version, publicValue: '体彩排列3 第26301期 9 0 2' });
    expect(drawn.statusCode, drawn.body).toBe(200);
    expect(drawn.json().targets).toBe(preview.targets);
    // a second draw is refused
    expect((await chief.post(`/api/plans/${created.id}/draw`, { version: drawn.json().plan.version, publicValue: 'again' })).statusCode).toBe(409);

    const tasks = (await chief.get(`/api/tasks?planId=${created.id}&pageSize=500`)).json();
    expect(tasks.total).toBe(preview.targets);
    // each task carries the unit's name, credit code and current address from the register
    const registered = new Map((await t.database.db.select({ id: entities.id, name: entities.name, creditCode: entities.creditCode, address: entities.address })
      .from(entities)).map((e) => [e.id, e]));
    for (const task of tasks.items) {
      const e = registered.get(task.entityId)!;
      expect({ name: task.entityName, creditCode: task.creditCode, address: task.address }).toEqual({ name: e.name, creditCode: e.creditCode, address: e.address });
    }
    for (const task of tasks.items) {
      if (task.status === 'unstaffed') {
        expect(task.unstaffedReason).toMatch(/可派执法人员不足/);
      } else {
        // 行政处罚法 Art. 42: at least two inspectors
        expect(new Set(task.inspectorIds).size).toBeGreaterThanOrEqual(2);
        expect(task.status).toBe('pending');
        expect(task.dueDate).toBe('2026-12-31');
      }
    }

    // anyone can fetch the bundle without login and re-run the draw
    const bundleRes = await anon.get(`/api/public/draws/${created.id}/bundle`);
    expect(bundleRes.statusCode).toBe(200);
    const bundle = bundleRes.json() as Bundle;
    expect(bundle.publicValue).toBe('体彩排列3 第26301期 9 0 2');
    expect(verifyBundle(bundle, published.published)).toMatchObject({ ok: true, targets: preview.targets });
    expect(bundle.result.targets.map((x) => x.entityId).sort()).toEqual(tasks.items.map((x: { entityId: string }) => x.entityId).sort());
    // no phone numbers or other internal fields travel in the bundle
    const bundleText = JSON.stringify(bundle);
    expect(bundleText).not.toMatch(/"(phone|mobile|idNumber|contact\w*)":/);
    const inspectorPhones = (await t.database.db.select({ phone: inspectors.phone }).from(inspectors)).map((r) => r.phone).filter(Boolean);
    expect(inspectorPhones.length).toBeGreaterThan(0);
    const entityPhones = (await t.database.db.select({ phone: entities.contactPhone }).from(entities)).map((r) => r.phone).filter(Boolean);
    for (const phone of [...inspectorPhones, ...entityPhones]) expect(bundleText).not.toContain(phone);
    // the bundle holds exactly the frozen input published before the draw (the candidate download), its
    // compressed form is a standard gzip stream, and the candidate list is in the compact encoding
    const candidatesRes = await anon.get(`/api/public/plans/${created.id}/candidates`);
    expect(candidatesRes.statusCode).toBe(200);
    const frozen = candidatesRes.json() as Frozen;
    expect(bundle.frozen).toEqual(frozen);
    expect(hashCandidates(frozen.candidates)).toBe(published.published.candidatesHash);
    expect(candidateCount(frozen.candidates)).toBe(preview.candidates);
    expect(frozen.candidates.id.split('\n')).toEqual([...frozen.candidates.id.split('\n')].sort());
    expect(Object.keys(frozen.candidates).sort()).toEqual(['creditCode', 'id', 'kind', 'kinds', 'name', 'place', 'places', 'risk', 'risks']);
    const gz = await t.app.inject({ method: 'GET', url: `/api/public/draws/${created.id}/bundle`, headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(bundleRes.body);
    expect(bundleRes.body.startsWith('{"protocol":"weijian-draw/2","published":')).toBe(true);
    const tampered = JSON.parse(JSON.stringify(bundle)) as Bundle;
    tampered.result.targets[0].entityId = bundle.frozen.candidates.id.split('\n').find((id) => !bundle.result.targets.some((x) => x.entityId === id))!;
    expect(verifyBundle(tampered)).toMatchObject({ ok: false });

    const list = (await anon.get('/api/public/draws')).json();
    expect(list.items.some((d: { id: string }) => d.id === created.id)).toBe(true);
    expect(list.total).toBeGreaterThanOrEqual(1);
  });

  it('publishes a line break inside a unit name as a space (one line per candidate)', async () => {
    const { db } = t.database;
    const [e] = await db.select({ id: entities.id, name: entities.name }).from(entities)
      .where(sql`${entities.regionCode} like ${`${d1.regionCode.slice(0, 6)}%`} and ${entities.operatingStatus} = 'operating' and 'medical.clinic' = any(${entities.categories})
        and not exists (select 1 from tasks where tasks.entity_id = ${entities.id})`).orderBy(entities.id).limit(1);
    await db.update(entities).set({ name: `${e.name}\r\n（二部）` }).where(eq(entities.id, e.id));
    try {
      const plan = (await chief.post('/api/plans', planBody({ name: '名称换行测试计划' }))).json();
      const pub = await chief.post(`/api/plans/${plan.id}/publish`, { version: plan.version, acceptUnstaffable: true });
      expect(pub.statusCode, pub.body).toBe(200);
      const frozen = (await t.anonymous().get(`/api/public/plans/${plan.id}/candidates`)).json() as Frozen;
      const i = frozen.candidates.id.split('\n').indexOf(e.id);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(frozen.candidates.name.split('\n')[i]).toBe(`${e.name} （二部）`);
      expect(frozen.candidates.name.split('\n')).toHaveLength(candidateCount(frozen.candidates));
      expect(hashCandidates(frozen.candidates)).toBe(pub.json().published.candidatesHash);
    } finally {
      await db.update(entities).set({ name: e.name }).where(eq(entities.id, e.id));
    }
  });

  it('the frozen input handed from the publication to the draw is the stored one, for that plan and its hashes only', async () => {
    const plan = (await chief.post('/api/plans', planBody({ name: '交接测试计划' }))).json();
    const pub = await chief.post(`/api/plans/${plan.id}/publish`, { version: plan.version, acceptUnstaffable: true });
    expect(pub.statusCode, pub.body).toBe(200);
    const hashes = pub.json().published;
    const kept = publishedFrozen<Frozen>(plan.id, hashes);
    expect(kept).not.toBeNull();
    expect(publishedFrozen(plan.id, { ...hashes, candidatesHash: hashes.inspectorsHash })).toBeNull();
    expect(publishedFrozen('00000000-0000-4000-8000-000000000000', hashes)).toBeNull();
    const gz = await frozenSnapshot(t.database.db, plan.id);
    expect(kept!.frozen).toEqual(JSON.parse(gunzipFrozen(gz).toString('utf8')));
    const seed = sha256('handoff test seed');
    expect(draw(kept!.frozen, seed)).toEqual(draw(JSON.parse(gunzipFrozen(gz).toString('utf8')) as Frozen, seed));
    const stored = parseFrozenForDraw<Frozen>(gunzipFrozen(gz));
    const n = candidateCount(stored.frozen.candidates);
    for (const i of [0, 1, Math.floor(n / 2), n - 1]) {
      expect(kept!.line('name', i)).toBe(stored.line('name', i));
      expect(kept!.line('creditCode', i)).toBe(stored.line('creditCode', i));
    }
    forgetPublished('00000000-0000-4000-8000-000000000000'); // another plan's: kept
    expect(publishedFrozen(plan.id, hashes)).not.toBeNull();
    forgetPublished(plan.id); // as after a restart: the draw reads the stored snapshot
    expect(publishedFrozen(plan.id, hashes)).toBeNull();
    const drawn = await chief.post(`/api/plans/${plan.id}/draw`, { version: pub.json().version, publicValue: '交接测试 42' });
    expect(drawn.statusCode, drawn.body).toBe(200);
    const bundle = (await t.anonymous().get(`/api/public/draws/${plan.id}/bundle`)).json() as Bundle;
    expect(verifyBundle(bundle, hashes)).toMatchObject({ ok: true, targets: drawn.json().targets });
    // (its tasks would exclude their units from the later plans of this file)
    await t.database.db.delete(tasksTable).where(eq(tasksTable.planId, plan.id));
  });

  it('the same public value gives a different draw for a different secret, never a re-draw', async () => {
    const a = await createDrawnPlan({ name: '抽查计划甲（测试）' }, 'same value 123');
    const b = await createDrawnPlan({ name: '抽查计划乙（测试）' }, 'same value 123');
    expect(a.published.commitment).not.toBe(b.published.commitment);
  });
});

describe('tasks and outcomes', () => {
  let planId: string;
  let taskId: string;
  let version: number;

  beforeAll(async () => {
    planId = (await createDrawnPlan({ name: '任务测试计划' })).id;
    const tasks = (await chief.get(`/api/tasks?planId=${planId}&pageSize=200`)).json().items as { id: string; inspectorIds: string[]; status: string; version: number }[];
    const staffed = tasks.find((x) => x.status === 'pending')!;
    // make the demo inspector one of the two drawn for this task
    const { db } = t.database;
    const [u] = await db.select().from(users).where(eq(users.username, 'inspector'));
    await db.update(inspectors).set({ userId: null }).where(eq(inspectors.userId, u.id));
    await db.update(inspectors).set({ userId: u.id }).where(eq(inspectors.id, staffed.inspectorIds[0]));
    taskId = staffed.id;
    version = staffed.version;
  });

  it('shows the task on the drawn inspector\'s work list and hides it from another district', async () => {
    const mine = (await inspector.get('/api/tasks?mine=true&pageSize=100')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(taskId);
    const detail = (await inspector.get(`/api/tasks/${taskId}`)).json();
    expect(detail.canAct).toBe(true);
    expect(detail.stratumName).toBe({ pp: '公共场所', med: '医疗机构' }[detail.stratum as string]);
    expect((await chief2.get(`/api/tasks/${taskId}`)).statusCode).toBe(404);
    expect((await chief2.post(`/api/tasks/${taskId}/start`, { version })).statusCode).toBe(404);
    expect((await chief2.get(`/api/tasks?planId=${planId}`)).json().total).toBe(0);
  });

  it('lists the overdue tasks (status=overdue) exactly as the list marks them overdue', async () => {
    const { db } = t.database;
    const [past] = await db.select({ dueDate: tasksTable.dueDate }).from(tasksTable).where(eq(tasksTable.id, taskId));
    await db.update(tasksTable).set({ dueDate: '2026-01-05' }).where(eq(tasksTable.id, taskId));
    try {
      const open = (await inspector.get('/api/tasks?mine=true&status=open&pageSize=200')).json();
      const overdue = (await inspector.get('/api/tasks?mine=true&status=overdue&pageSize=1')).json();
      const marked = open.items.filter((x: { overdue: boolean }) => x.overdue);
      expect(marked.map((x: { id: string }) => x.id)).toContain(taskId);
      expect(overdue.total).toBe(marked.length);
      expect(overdue.items[0].overdue).toBe(true);
    } finally {
      await db.update(tasksTable).set({ dueDate: past.dueDate }).where(eq(tasksTable.id, taskId));
    }
  });

  it('records the outcome through reasoned actions, each published', async () => {
    const start = await inspector.post(`/api/tasks/${taskId}/start`, { version });
    expect(start.statusCode, start.body).toBe(200);
    expect(start.json().status).toBe('in_progress');
    // stale version
    expect((await inspector.post(`/api/tasks/${taskId}/outcome`, { version, result: 'qualified', summary: '未发现问题', inspectedOn: '2026-03-10' })).statusCode).toBe(409);
    const missingDue = await inspector.post(`/api/tasks/${taskId}/outcome`, { version: start.json().version, result: 'rectify', summary: '发现问题', inspectedOn: '2026-03-10' });
    expect(missingDue.statusCode).toBe(400);
    expect(missingDue.json().fields[0]).toMatchObject({ field: 'followUpDue', message: '责令整改时请填写复查日期' });

    const upload = await inspector.upload('/api/files', '现场照片.jpg', Buffer.from('fake jpeg bytes'));
    expect(upload.statusCode, upload.body).toBe(201);
    const rec = await inspector.post(`/api/tasks/${taskId}/outcome`, {
      version: start.json().version, result: 'rectify', summary: '客用品消毒记录不全，内部备注：负责人电话13800001111', inspectedOn: '2026-03-10',
      followUpDue: '2026-04-10', attachmentIds: [upload.json().id],
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const done = rec.json();
    expect(done).toMatchObject({ status: 'done', result: 'rectify', followUpStatus: 'scheduled', closed: false });
    // 20 working days after 2026-03-10 (a Tuesday, no holidays in between): 2026-04-08? computed by the calendar
    expect(done.publishBy > '2026-03-10').toBe(true);
    const file = await inspector.get(`/api/tasks/${taskId}/attachments/${upload.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('fake jpeg bytes');

    const close = await inspector.post(`/api/tasks/${taskId}/follow-up/close`, { version: done.version, result: 'rectified', followUpOn: '2026-04-09', note: '已整改到位' });
    expect(close.statusCode, close.body).toBe(200);
    expect(close.json()).toMatchObject({ followUpStatus: 'closed', closed: true });

    const stats = (await chief.get(`/api/plans/${planId}/stats`)).json();
    expect(stats.overall.finished).toBe(1);
    expect(stats.overall.closed).toBe(1);
    expect(stats.overall.completionRate).toBeCloseTo(1 / stats.overall.drawn, 4);
    expect(stats.definitions.completion).toContain('完成率');

    // the plan went 实施中 with its first outcome
    expect((await chief.get(`/api/plans/${planId}`)).json().status).toBe('in_progress');

    // public: outcome and status changes, but never the summary (internal notes) or phone numbers
    const anon = t.anonymous();
    const results = await anon.get(`/api/public/plans/${planId}/results?pageSize=200`);
    const row = results.json().items.find((x: { id: string }) => x.id === taskId);
    expect(row).toMatchObject({ statusLabel: '已完成', resultLabel: '责令整改', inspectedOn: '2026-03-10' });
    expect(results.body).not.toContain('13800001111');
    expect(results.body).not.toContain('客用品消毒记录不全');
    const changes = (await anon.get(`/api/public/plans/${planId}/changes`)).json().items;
    expect(changes.filter((c: { entityName: string }) => c.entityName === row.entityName).map((c: { toStatus: string }) => c.toStatus))
      .toEqual(['检查中', '已完成', '已完成']);
  });

  it('records 无法检查 with a reason and refuses an inspector who was not drawn', async () => {
    const tasks = (await chief.get(`/api/tasks?planId=${planId}&status=pending&pageSize=200`)).json().items as { id: string; version: number; inspectorIds: string[] }[];
    const { db } = t.database;
    const [u] = await db.select().from(users).where(eq(users.username, 'inspector'));
    const other = tasks[0];
    // link the demo inspector to a colleague who was not drawn for this task
    const [drawnOne] = await db.select().from(inspectors).where(eq(inspectors.id, other.inspectorIds[0]));
    const colleagues = await db.select().from(inspectors).where(eq(inspectors.agencyId, drawnOne.agencyId));
    const notDrawn = colleagues.find((c) => !other.inspectorIds.includes(c.id))!;
    await db.update(inspectors).set({ userId: null }).where(eq(inspectors.userId, u.id));
    await db.update(inspectors).set({ userId: u.id }).where(eq(inspectors.id, notDrawn.id));
    const denied = await inspector.post(`/api/tasks/${other.id}/unable`, { version: other.version, reason: 'closed', note: '现场已关门停业', inspectedOn: '2026-03-11' });
    expect(denied.statusCode).toBe(403);
    const future = await chief.post(`/api/tasks/${other.id}/unable`, { version: other.version, reason: 'closed', note: '现场已关门停业', inspectedOn: '2099-01-01' });
    expect(future.statusCode).toBe(400);
    const ok = await chief.post(`/api/tasks/${other.id}/unable`, { version: other.version, reason: 'closed', note: '现场已关门停业', inspectedOn: '2026-03-11' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'unable', unableReasonLabel: '已关闭', closed: true });
    const changes = (await t.anonymous().get(`/api/public/plans/${planId}/changes`)).json().items;
    expect(changes.some((c: { reason: string }) => c.reason === '无法检查：已关闭')).toBe(true);
    expect(JSON.stringify(changes)).not.toContain('现场已关门停业');
  });

  it('cannot complete a plan with open tasks; exports the national result report layout', async () => {
    const plan = (await chief.get(`/api/plans/${planId}`)).json();
    const res = await chief.post(`/api/plans/${planId}/complete`, { version: plan.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/还有 \d+ 个检查任务未完成/);

    const xlsx = await chief.get(`/api/plans/${planId}/results.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual(['序号', '抽查计划名称', '检查对象名称', '统一社会信用代码', '检查对象地址', '抽查事项', '检查人员', '检查日期', '检查结果', '处理情况', '任务状态']);
    expect(ws.rowCount - 1).toBe((await chief.get(`/api/tasks?planId=${planId}`)).json().total);
  });
});

describe('jurisdiction and higher-level plans', () => {
  it('another district cannot read, publish or draw the plan', async () => {
    const created = (await chief.post('/api/plans', planBody({ name: '辖区测试计划' }))).json();
    expect((await chief2.get(`/api/plans/${created.id}`)).statusCode).toBe(404);
    expect((await chief2.get(`/api/plans/${created.id}/preview`)).statusCode).toBe(404);
    expect((await chief2.post(`/api/plans/${created.id}/publish`, { version: created.version })).statusCode).toBe(404);
    expect((await chief2.put(`/api/plans/${created.id}`, { ...planBody(), version: created.version })).statusCode).toBe(404);
    expect((await chief2.delete(`/api/plans/${created.id}`, { version: created.version, reason: '越权删除' })).statusCode).toBe(404);
    expect((await chief2.get('/api/plans?pageSize=200')).json().items.some((p: { id: string }) => p.id === created.id)).toBe(false);
    // the plan is unchanged
    expect((await chief.get(`/api/plans/${created.id}`)).json()).toMatchObject({ status: 'draft', version: created.version });
  });

  it('a plan cannot name an agency outside the user\'s jurisdiction', async () => {
    const { db } = t.database;
    const [u2] = await db.select().from(users).where(eq(users.username, 'inspector2'));
    const res = await chief.post('/api/plans', planBody({ agencyId: u2.agencyId }));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toMatchObject({ field: 'agencyId', message: '只能为本机构或下级机构制定计划' });
  });

  it('imports a target list handed down by a higher level: all targets kept, only inspectors drawn', async () => {
    const { db } = t.database;
    const tpl = await chief.get('/api/plans/import-template.xlsx');
    expect(tpl.statusCode).toBe(200);
    const targets = (await chief.get('/api/entities?pageSize=3&category=public_place')).json().items as { creditCode: string; name: string }[];
    expect(targets.length).toBe(3);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['统一社会信用代码*', '检查对象名称', '抽查事项']);
    for (const x of targets) ws.addRow([x.creditCode, x.name, '']);
    ws.addRow(['91320000000000000X', '不存在的单位', '']);
    const bad = await uploadPlan(wb, { ...planBody({ name: '省级下达的抽查名单（测试）', level: '省' }), issuedBy: '省卫生健康委' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ row: 5, column: '统一社会信用代码' });
    ws.spliceRows(5, 1);
    const ok = await uploadPlan(wb, { ...planBody({ name: '省级下达的抽查名单（测试）', level: '省' }), issuedBy: '省卫生健康委' });
    expect(ok.statusCode, ok.body).toBe(201);
    const plan = ok.json();
    expect(plan).toMatchObject({ source: 'imported', issuedBy: '省卫生健康委', handedDownCount: 3 });
    const preview = (await chief.get(`/api/plans/${plan.id}/preview`)).json();
    expect(preview).toMatchObject({ candidates: 3, targets: 3 });
    const pub = (await chief.post(`/api/plans/${plan.id}/publish`, { version: plan.version, acceptUnstaffable: true })).json();
    const drawn = await chief.post(`/api/plans/${plan.id}/draw`, { version: pub.version, publicValue: '上证指数收盘 3311.27' });
    expect(drawn.json().targets).toBe(3);
    const tasks = (await chief.get(`/api/tasks?planId=${plan.id}`)).json().items as { creditCode: string }[];
    expect(tasks.map((x) => x.creditCode).sort()).toEqual(targets.map((x) => x.creditCode).sort());
    void db;
  });
});

async function uploadPlan(wb: ExcelJS.Workbook, plan: unknown) {
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  const boundary = '----wjplanimport';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="plan"\r\n\r\n${JSON.stringify(plan)}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: '/api/plans/import', payload: body, headers: { cookie: chief.cookie, 'x-csrf-token': chief.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}
