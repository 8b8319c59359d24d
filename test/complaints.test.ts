/**
 * Complaints through the staff API (GUIDE §2.4): the operator's form, the workflow 受理 → 分派 → 核查 →
 * 处理 → 答复 → 办结 → 回访 with deadlines from the SLA table and who acts next, transfer between
 * districts, duplicates and merging, whistleblower protection (masking, the logged identity view, exports),
 * extension by the head, turning a complaint into a lead, KPIs and Open311.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { agencies, complainantViews, complaints, entities, leads, users } from '../server/db/schema/index';
import { loadCalendar } from '../server/platform/calendar/store';
import { todayIso } from '../server/platform/dates';
import { createTestApp, type Client, type TestContext } from './server';

let t: TestContext;
let chief: Client; // section chief, district 1 (临湖区)
let inspector: Client; // inspector, district 1
let inspectorB: Client; // a second inspector of district 1, not assigned
let chief2: Client; // section chief, district 2
let inspector2: Client;
let legal: Client; // city level, not handling
let head: Client; // city agency head
let admin: Client;
let operator: Client; // assistant (协管员), registers calls
let ids: { inspector: string; inspectorB: string; chief: string };
let d1: { id: string; regionCode: string; name: string };
let d2: { id: string; regionCode: string; name: string };
let entity: { id: string; name: string; regionCode: string };
let ip = 0;

const call = (over: Record<string, unknown> = {}) => ({
  channel: 'hotline_12320', category: 'illegal_practice', content: '白荡街道一家无名诊所无证行医，给老人输液，收费不开发票。',
  address: '临湖区白荡街道幸福路12号', entityId: entity.id, anonymous: false, name: '张三丰', phone: '13812345678', externalRef: 'GD20261122001', ...over,
});

async function register(client: Client, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/complaints', call(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const detail = async (client: Client, id: string) => {
  const res = await client.get(`/api/complaints/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
async function act(client: Client, id: string, action: string, body: Record<string, unknown> = {}, status = 200) {
  const version = body.version ?? (await t.database.db.select().from(complaints).where(eq(complaints.id, id)))[0].version;
  const res = await client.post(`/api/complaints/${id}/${action}`, { version, ...body });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(status);
  return res.json();
}
const track = (code: string) => t.app.inject({ method: 'GET', url: `/api/public/complaints/${code}`, remoteAddress: `10.3.0.${(ip++ % 250) + 1}` });

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  const [u] = await db.select().from(users).where(eq(users.username, 'inspector'));
  const [i2] = await db.select().from(users).where(eq(users.username, 'inspector2'));
  await db.insert(users).values([
    { username: 'inspectorB', displayName: '钱多多', passwordHash: u.passwordHash, roles: ['inspector'], agencyId: u.agencyId, regionCode: u.regionCode },
    { username: 'chief2', displayName: '二区科长', passwordHash: i2.passwordHash, roles: ['chief'], agencyId: i2.agencyId, regionCode: i2.regionCode },
  ]);
  [chief, inspector, inspectorB, chief2, inspector2, legal, head, admin, operator] = await Promise.all(
    ['chief', 'inspector', 'inspectorB', 'chief2', 'inspector2', 'legal', 'head', 'admin', 'assistant'].map((n) => t.login(n)));
  const byName = async (n: string) => (await db.select().from(users).where(eq(users.username, n)))[0];
  ids = { inspector: u.id, inspectorB: (await byName('inspectorB')).id, chief: (await byName('chief')).id };
  [d1] = await db.select({ id: agencies.id, regionCode: agencies.regionCode, name: agencies.name }).from(agencies).where(eq(agencies.id, u.agencyId!));
  [d2] = await db.select({ id: agencies.id, regionCode: agencies.regionCode, name: agencies.name }).from(agencies).where(eq(agencies.id, i2.agencyId!));
  [entity] = await db.select({ id: entities.id, name: entities.name, regionCode: entities.regionCode }).from(entities)
    .where(and(sql`${entities.regionCode} like ${`${d1.regionCode}%`}`, sql`'medical.clinic' = any(${entities.categories})`)).limit(1);
});
afterAll(() => t.close());

describe('operator form and the full workflow', () => {
  it('a 12320 call: deadlines from the 12320 SLA rows in working days, the next actor shown; tracked to its reply', async () => {
    const c = await register(operator);
    expect(c).toMatchObject({ channel: 'hotline_12320', status: 'registered', agencyId: d1.id, unitName: entity.name, nextActor: '科室负责人（受理）' });
    expect(c.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const cal = await loadCalendar(t.database.db);
    const today = todayIso();
    expect(c.acceptDue).toBe(cal.addWorkingDays(today, 1));
    expect(c.nextDue).toBe(c.acceptDue);
    // the assistant registered it but, outside the handling agency's jurisdiction (a town), cannot open it
    expect((await operator.get(`/api/complaints/${c.id}`)).statusCode).toBe(404);

    // the inspector cannot accept; the chief can; the 12320 handling period is 5 working days from acceptance
    await act(inspector, c.id, 'accept', {}, 403);
    const accepted = await act(chief, c.id, 'accept');
    expect(accepted).toMatchObject({ status: 'accepted', nextActor: '科室负责人（分派）', concludeDue: cal.addWorkingDays(today, 5) });
    // a stale version answers 409 in Chinese
    const stale = await chief.post(`/api/complaints/${c.id}/assign`, { version: c.version, assigneeIds: [ids.inspector] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('已被他人处理或修改');

    const assignees = (await chief.get(`/api/complaints/${c.id}/assignees`)).json().items as { id: string }[];
    expect(assignees.map((a) => a.id)).toContain(ids.inspector);
    // a user of another agency cannot be assigned
    const [i2] = await t.database.db.select().from(users).where(eq(users.username, 'inspector2'));
    await act(chief, c.id, 'assign', { assigneeIds: [i2.id] }, 400);
    const assigned = await act(chief, c.id, 'assign', { assigneeIds: [ids.inspector], section: '医疗卫生监督科' });
    expect(assigned).toMatchObject({ status: 'assigned', assigneeNames: ['张明远'], nextActor: '承办人：张明远（核查处理）', nextDue: accepted.concludeDue });

    // only the assigned inspector (or a chief) works on it
    await act(inspectorB, c.id, 'verify', { findings: '现场核查属实' }, 403);
    await act(inspector, c.id, 'handle', { outcome: 'no_violation' }, 409); // not yet verifying
    const verifying = await act(inspector, c.id, 'verify', { findings: '现场核查：该处未取得《医疗机构执业许可证》开展输液，属实。' });
    expect(verifying.status).toBe('verifying');
    const handled = await act(inspector, c.id, 'handle', { outcome: 'rectification', note: '责令立即停止执业活动' });
    expect(handled).toMatchObject({ status: 'handled', outcome: 'rectification', nextActor: '承办人：张明远（答复）' });
    const replied = await act(inspector, c.id, 'reply', { replyText: '经核查，您反映的问题属实，我所已责令其停止执业活动并依法处理。感谢您的监督。' });
    expect(replied).toMatchObject({ status: 'replied', nextActor: '科室负责人（办结）' });
    await act(inspector, c.id, 'close', {}, 403);
    const closed = await act(chief, c.id, 'close');
    expect(closed).toMatchObject({ status: 'closed', nextActor: '回访人员（回访）', nextDue: cal.addWorkingDays(today, 1) });
    const called = await act(chief, c.id, 'callback', { satisfaction: 3, note: '电话回访，投诉人表示满意' });
    expect(called).toMatchObject({ satisfaction: 3, nextActor: null, nextDue: null });
    await act(chief, c.id, 'callback', { satisfaction: 1 }, 409);

    // the citizen sees every public step and the reply, never names or notes
    const pub = (await track(c.trackingCode)).json();
    expect(pub).toMatchObject({ status: 'closed', statusLabel: '已办结', reply: { text: replied.replyText } });
    expect(pub.timeline.map((e: { text: string }) => e.text)).toEqual([
      expect.stringContaining('投诉已登记'), expect.stringContaining('已受理'), '已分派承办人员调查核实。', '正在调查核实。',
      '经调查核实，已责令被投诉单位整改。', '已答复，答复内容见下方。', '已办结。', '已回访，感谢您的监督。',
    ]);
    const text = JSON.stringify(pub);
    for (const secret of ['张明远', '张三丰', '13812345678', '责令立即停止执业活动', '医疗卫生监督科', '现场核查']) expect(text).not.toContain(secret);

    // the staff timeline keeps names and notes
    const d = await detail(chief, c.id);
    expect(d.events.map((e: { action: string }) => e.action)).toEqual(['register', 'accept', 'assign', 'verify', 'handle', 'reply', 'close', 'callback']);
    expect(d.events[2].note).toContain('张明远');
    expect(d.events[0].actorName).toBe('赵桂芳');
  });

  it('不予受理 with a reason that the complainant sees', async () => {
    const c = await register(chief, { channel: 'letter', category: 'other', content: '反映邻居装修噪音扰民，请卫生部门处理。', entityId: null, unitName: null });
    await act(chief, c.id, 'reject', { reason: '短' }, 400);
    const r = await act(chief, c.id, 'reject', { reason: '噪音扰民不属于卫生健康监督职责，请向生态环境部门反映。' });
    expect(r).toMatchObject({ status: 'rejected', nextActor: null, nextDue: null });
    const pub = (await track(c.trackingCode)).json();
    expect(pub.statusLabel).toBe('不予受理');
    expect(pub.timeline.at(-1).text).toContain('生态环境部门');
  });

  it('turning a complaint into a lead creates the lead in the same transaction', async () => {
    const c = await register(chief, { channel: 'phone' });
    await act(chief, c.id, 'accept');
    await act(chief, c.id, 'assign', { assigneeIds: [ids.inspector] });
    await act(inspector, c.id, 'verify', { findings: '无证行医属实，涉嫌违法，需立案调查。' });
    const handled = await act(inspector, c.id, 'handle', { outcome: 'lead', note: '建议立案' });
    expect(handled.leadId).toMatch(/^[0-9a-f-]{36}$/);
    const [lead] = await t.database.db.select().from(leads).where(eq(leads.id, handled.leadId));
    expect(lead).toMatchObject({ source: 'complaint', originType: 'complaint', originId: c.id, originRef: c.trackingCode, agencyId: d1.id, entityId: entity.id });
    expect(lead.facts).toContain('无证行医属实');
    // the lead never carries the complainant's identity
    expect(JSON.stringify(lead)).not.toContain('13812345678');
  });

  it('the head extends the conclusion deadline once, within the SLA limit', async () => {
    const c = await register(chief, { channel: 'visit', category: 'medical_beauty' });
    const accepted = await act(chief, c.id, 'accept');
    expect(accepted.concludeDue).toBe((await loadCalendar(t.database.db)).addNaturalDays(todayIso(), 60));
    await act(chief, c.id, 'extend', { days: 10, reason: '需要调取第三方检测报告' }, 403);
    const over = await head.post(`/api/complaints/${c.id}/extend`, { version: accepted.version, days: 31, reason: '情况复杂需要延期' });
    expect(over.statusCode).toBe(400);
    expect(over.json().fields[0].message).toContain('不能超过 30');
    const ext = await act(head, c.id, 'extend', { days: 30, reason: '需要调取第三方检测报告' });
    expect(ext.extendedDue).toBe((await loadCalendar(t.database.db)).addNaturalDays(accepted.concludeDue, 30));
    expect(ext.nextDue).toBe(ext.acceptDue); // still waiting for assignment, due by the acceptance deadline
    await act(head, c.id, 'extend', { days: 5, reason: '再次延期申请' }, 409);
    const assigned = await act(chief, c.id, 'assign', { assigneeIds: [ids.inspector] });
    expect(assigned.nextDue).toBe(ext.extendedDue);
    expect((await track(c.trackingCode)).json().concludeDue).toBe(ext.extendedDue);
  });
});

describe('transfer between districts', () => {
  it('moves the complaint with its history; the first district loses it, the second must accept it', async () => {
    const c = await register(chief, { channel: 'phone', entityId: null, unitName: '云溪区某美容院', address: '云溪区某路1号', category: 'medical_beauty' });
    expect(c.agencyId).toBe(d1.id); // no place region: the operator's own agency
    await act(chief, c.id, 'accept');
    await act(inspector, c.id, 'transfer', { toAgencyId: d2.id, reason: '属云溪区管辖' }, 403);
    await act(chief, c.id, 'transfer', { toAgencyId: d1.id, reason: '属云溪区管辖' }, 400);
    const moved = await act(chief, c.id, 'transfer', { toAgencyId: d2.id, reason: '发生地属云溪区管辖' });
    expect(moved).toMatchObject({ agencyId: d2.id, regionCode: d2.regionCode, status: 'registered', assigneeIds: [], nextActor: '科室负责人（受理）' });
    expect((await chief.get(`/api/complaints/${c.id}`)).statusCode).toBe(404);
    const d = await detail(chief2, c.id);
    expect(d.events.map((e: { action: string }) => e.action)).toEqual(['register', 'accept', 'transfer']);
    expect(d.events[2]).toMatchObject({ fromAgencyName: d1.name, toAgencyName: d2.name, note: '发生地属云溪区管辖' });
    await act(chief2, c.id, 'accept');
    const pub = (await track(c.trackingCode)).json();
    expect(pub.agencyName).toBe(d2.name);
    expect(pub.timeline.map((e: { text: string }) => e.text)).toContain(`已转交${d2.name}办理。`);
  });

  it('another district cannot read, list or act on a complaint, even by id', async () => {
    const c = await register(chief);
    expect((await inspector2.get(`/api/complaints/${c.id}`)).statusCode).toBe(404);
    expect((await chief2.post(`/api/complaints/${c.id}/accept`, { version: c.version })).statusCode).toBe(404);
    expect((await chief2.post(`/api/complaints/${c.id}/identity`, { purpose: '核实' })).statusCode).toBe(404);
    const list = (await chief2.get(`/api/complaints?q=${c.trackingCode}`)).json();
    expect(list.total).toBe(0);
    expect((await chief.get(`/api/complaints?q=${c.trackingCode}`)).json().total).toBe(1);
  });
});

describe('whistleblower protection', () => {
  let c: { id: string; trackingCode: string; version: number };
  beforeAll(async () => {
    c = await register(chief, { name: '欧阳娜娜', phone: '13912345678' });
    await act(chief, c.id, 'accept');
    await act(chief, c.id, 'assign', { assigneeIds: [ids.inspector] });
  });

  it('the detail shows the identity masked to everyone, and says who may reveal it', async () => {
    for (const [client, may] of [[chief, true], [inspector, true], [inspectorB, false], [legal, false], [head, false], [admin, true]] as const) {
      const d = await detail(client, c.id);
      expect(d.complainants).toEqual([{ id: expect.any(String), name: '欧*', phone: '139****5678', hasContactAddress: false }]);
      expect(JSON.stringify(d)).not.toContain('13912345678');
      expect(JSON.stringify(d)).not.toContain('欧阳娜娜');
      expect(d.canSeeIdentity).toBe(may);
    }
  });

  it('查看身份信息 returns the identity only to the handling roles and logs every view', async () => {
    for (const client of [inspectorB, legal, head]) {
      const res = await client.post(`/api/complaints/${c.id}/identity`, { purpose: '核实情况' });
      expect(res.statusCode).toBe(403);
    }
    expect((await operator.post(`/api/complaints/${c.id}/identity`, { purpose: '核实情况' })).statusCode).toBe(403);
    const seen = await chief.post(`/api/complaints/${c.id}/identity`, { purpose: '回访核实' });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().complainants[0]).toMatchObject({ name: '欧阳娜娜', phone: '13912345678' });
    expect((await inspector.post(`/api/complaints/${c.id}/identity`, { purpose: '现场核查需联系投诉人' })).statusCode).toBe(200);
    expect((await admin.post(`/api/complaints/${c.id}/identity`, { purpose: '系统核查' })).statusCode).toBe(200);
    const views = await t.database.db.select().from(complainantViews).where(eq(complainantViews.complaintId, c.id));
    expect(views.map((v) => v.purpose).sort()).toEqual(['回访核实', '现场核查需联系投诉人', '系统核查'].sort());
    // refused attempts are not views
    expect(views).toHaveLength(3);
    // the log is on the detail page for chiefs, not for inspectors
    const d = await detail(chief, c.id);
    expect(d.views.map((v: { userName: string }) => v.userName)).toEqual(['周立新', '张明远', '李建华']);
    expect((await detail(inspector, c.id)).views).toBeNull();
    // the audit trail records the view but not the identity
    const audit = await t.database.db.execute(sql`select * from audit_events where resource_id = ${c.id} and action = 'view_identity'`) as unknown as { rows: unknown[] };
    expect(audit.rows).toHaveLength(3);
    expect(JSON.stringify(audit.rows)).not.toContain('13912345678');
  });

  it('never in the list, the export or the public page', async () => {
    const list = await chief.get(`/api/complaints?q=${c.trackingCode}`);
    expect(list.json().total).toBe(1);
    expect(list.body).not.toContain('13912345678');
    expect(list.body).not.toContain('欧阳');
    const x = await chief.get('/api/complaints/export.xlsx');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells).toContain(c.trackingCode);
    expect(cells.join('|')).not.toContain('13912345678');
    expect(cells.join('|')).not.toContain('欧阳娜娜');
    expect(cells.join('|')).not.toContain('13812345678');
    expect((await track(c.trackingCode)).body).not.toContain('欧');
  });

  it('an anonymous complaint has no identity to reveal', async () => {
    const a = await register(chief, { anonymous: true, name: null, phone: null });
    const d = await detail(chief, a.id);
    expect(d.anonymous).toBe(true);
    expect(d.complainants).toEqual([]);
    expect(d.canSeeIdentity).toBe(false);
  });
});

describe('duplicates and merging', () => {
  it('suggests the likely duplicate, merges it; both complainants kept, both tracking pages show the reply', async () => {
    const a = await register(chief, { channel: 'hotline_12320', name: '王小二', phone: '13600000001', content: '幸福路12号无证诊所给老人输液，存在安全隐患。' });
    const b = await register(chief, { channel: 'wechat', name: '李小三', phone: '13600000002', content: '幸福路12号有无证诊所在给老人输液，请尽快查处。' });
    const unrelated = await register(chief, { channel: 'phone', category: 'drinking_water', entityId: null, unitName: '某小区二次供水', address: '临湖区湖滨花园', content: '小区自来水发黄有异味，已经三天了。' });
    const dup = (await chief.get(`/api/complaints/${b.id}/duplicates`)).json().items as { id: string; score: number; reasons: string[] }[];
    expect(dup.map((x) => x.id)).toContain(a.id);
    expect(dup.map((x) => x.id)).not.toContain(unrelated.id);
    expect(dup.find((x) => x.id === a.id)!.reasons).toContain('同一被投诉单位');

    await act(chief, a.id, 'accept');
    await act(chief, b.id, 'merge', { masterId: b.id }, 400);
    await act(inspector, b.id, 'merge', { masterId: a.id }, 403);
    const merged = await act(chief, b.id, 'merge', { masterId: a.id, note: '同一事项' });
    expect(merged).toMatchObject({ status: 'merged', mergedInto: a.id, nextActor: null });
    await act(chief, a.id, 'merge', { masterId: b.id }, 400); // cannot merge into a merged complaint

    const master = await detail(chief, a.id);
    expect(master.merged.map((m: { trackingCode: string }) => m.trackingCode)).toEqual([b.trackingCode]);
    expect((await detail(chief, b.id)).complainants[0].name).toBe('李*');
    expect((await detail(chief, b.id)).master.trackingCode).toBe(a.trackingCode);

    await act(chief, a.id, 'assign', { assigneeIds: [ids.inspector] });
    await act(inspector, a.id, 'verify', { findings: '核查属实' });
    await act(inspector, a.id, 'handle', { outcome: 'rectification' });
    const reply = '经核查，幸福路12号确有人员无证开展输液，已依法取缔。';
    await act(inspector, a.id, 'reply', { replyText: reply });
    for (const code of [a.trackingCode, b.trackingCode]) {
      const pub = (await track(code)).json();
      expect(pub.reply.text).toBe(reply);
      expect(pub.statusLabel).toBe('已答复');
    }
    const pubB = (await track(b.trackingCode)).json();
    expect(pubB.merged).toBe(true);
    expect(pubB.timeline.map((e: { text: string }) => e.text)).toContain('已答复，答复内容见下方。');
    expect(JSON.stringify(pubB)).not.toContain('王小二');
  });
});

describe('deadlines, SLA table, work list and home counts', () => {
  it('the administrator edits the SLA table; new complaints take the new periods', async () => {
    const sla = (await chief.get('/api/complaints/sla')).json().rows as { channel: string; category: string; step: string; days: number; unit: string; basis: string | null }[];
    expect(sla.find((r) => r.channel === '*' && r.step === 'accept')).toMatchObject({ days: 15, unit: 'natural' });
    expect(sla.find((r) => r.channel === '*' && r.step === 'accept')!.basis).toContain('信访工作条例');
    const rows = sla.map(({ channel, category, step, days, unit, basis }) => ({ channel, category, step, days, unit, basis }));
    const edited = [...rows, { channel: 'wechat', category: 'public_place', step: 'accept', days: 3, unit: 'working', basis: '本市微信平台规定' }];
    expect((await chief.put('/api/complaints/sla', { rows: edited })).statusCode).toBe(403);
    const bad = await admin.put('/api/complaints/sla', { rows: rows.filter((r) => !(r.channel === '*' && r.step === 'conclude')) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].message).toContain('缺少');
    const dupRows = await admin.put('/api/complaints/sla', { rows: [...rows, rows[0]] });
    expect(dupRows.statusCode).toBe(400);
    expect((await admin.put('/api/complaints/sla', { rows: edited })).statusCode).toBe(200);
    const c = await register(chief, { channel: 'wechat', category: 'public_place' });
    expect(c.acceptDue).toBe((await loadCalendar(t.database.db)).addWorkingDays(todayIso(), 3));
    const other = await register(chief, { channel: 'wechat', category: 'school' });
    expect(other.acceptDue).toBe((await loadCalendar(t.database.db)).addNaturalDays(todayIso(), 15));
  });

  it('overdue and due-soon items are filtered, flagged and counted for the home page', async () => {
    const late = await register(chief, { content: '逾期测试：诊所无证行医问题一直没人管。' });
    const soon = await register(chief, { content: '临期测试：诊所无证行医问题需要尽快处理。' });
    await t.database.db.update(complaints).set({ nextDue: '2020-01-02' }).where(eq(complaints.id, late.id));
    await t.database.db.update(complaints).set({ nextDue: todayIso() }).where(eq(complaints.id, soon.id));
    const overdue = (await chief.get('/api/complaints?due=overdue&pageSize=200')).json();
    expect(overdue.items.map((x: { id: string }) => x.id)).toContain(late.id);
    expect(overdue.items.every((x: { dueState: string }) => x.dueState === 'overdue')).toBe(true);
    const dueSoon = (await chief.get('/api/complaints?due=soon&pageSize=200')).json();
    expect(dueSoon.items.map((x: { id: string }) => x.id)).toContain(soon.id);
    expect(dueSoon.items.map((x: { id: string }) => x.id)).not.toContain(late.id);
    const first = (await chief.get('/api/complaints?status=open')).json().items[0];
    expect(first.id).toBe(late.id); // the earliest deadline first
    expect(first.nextActor).toBe('科室负责人（受理）');
    const sum = (await chief.get('/api/complaints/summary')).json();
    expect(sum.overdue).toBeGreaterThanOrEqual(1);
    expect(sum.dueSoon).toBeGreaterThanOrEqual(1);
    expect(sum.mine.overdue).toBeGreaterThanOrEqual(1); // waiting for the chief's acceptance
    const sum2 = (await inspector2.get('/api/complaints/summary')).json();
    expect(sum2.overdue).toBe(0);
    // mine for an inspector: what is assigned to him
    const mine = (await inspector.get('/api/complaints?mine=true&pageSize=200')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((x: { assigneeIds: string[]; status: string }) => x.assigneeIds.includes(ids.inspector) && ['assigned', 'verifying', 'handled'].includes(x.status))).toBe(true);
  });

  it('a filter by channel and category and the list columns', async () => {
    const res = (await chief.get('/api/complaints?channel=hotline_12320&category=illegal_practice')).json();
    expect(res.total).toBeGreaterThan(0);
    expect(res.items.every((x: { channel: string; category: string }) => x.channel === 'hotline_12320' && x.category === 'illegal_practice')).toBe(true);
    expect(res.items[0]).toHaveProperty('nextDue');
    expect(res.items[0]).toHaveProperty('channelLabel', '12320热线');
  });
});

describe('KPIs', () => {
  it('及时接处率, 规范处置率, handling time, overdue and satisfaction, by agency, channel, category and month', async () => {
    const res = await chief.get('/api/complaints/stats');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.definitions.timely).toContain('及时接处率');
    expect(s.definitions.standard).toContain('规范处置率');
    const [{ n }] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(complaints).where(sql`${complaints.regionCode} like '329902%'`);
    expect(s.total.received).toBe(n);
    // the first test's complaint was closed on time with every step and rated 满意
    expect(s.total.closed).toBeGreaterThanOrEqual(1);
    expect(s.total.standard).toBeGreaterThanOrEqual(1);
    expect(s.total.rated).toBeGreaterThanOrEqual(1);
    expect(s.total.satisfactionRate).toBe(1);
    expect(s.total.overdueOpen).toBeGreaterThanOrEqual(1);
    const byChannel = s.byChannel as { key: string; label: string; received: number }[];
    expect(byChannel.reduce((a, g) => a + g.received, 0)).toBe(n);
    expect(byChannel.find((g) => g.key === 'hotline_12320')!.label).toBe('12320热线');
    expect(s.byAgency.map((g: { label: string }) => g.label)).toEqual([d1.name]);
    expect(s.byMonth).toHaveLength(1);
    expect(s.byCategory.length).toBeGreaterThan(1);
    expect(s.byDistrict[0].code).toBe('329902');
    // the city sees both districts
    const city = (await head.get('/api/complaints/stats')).json();
    expect(city.byAgency.map((g: { key: string }) => g.key)).toEqual(expect.arrayContaining([d1.id, d2.id]));
  });
});

describe('Open311 GeoReport v2', () => {
  it('lists services, takes a form-encoded request and reports its status; errors as GeoReport arrays', async () => {
    const services = await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
    expect(services.statusCode).toBe(200);
    expect(services.json()).toContainEqual(expect.objectContaining({ service_code: 'public_place', service_name: '公共场所卫生', type: 'realtime', metadata: false }));
    const form = new URLSearchParams({
      service_code: 'public_place', description: '游泳馆池水浑浊，有异味，多人皮肤瘙痒。', address_string: '临湖区滨湖路游泳馆', lat: '31.5', long: '120.3',
      first_name: '明', last_name: '周', phone: '13511112222', external_ref: '12345-2026-001',
    });
    const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '10.4.0.1' });
    expect(res.statusCode, res.body).toBe(201);
    const [{ service_request_id: id }] = res.json();
    const [row] = await t.database.db.select().from(complaints).where(eq(complaints.trackingCode, id));
    expect(row).toMatchObject({ channel: 'open311', category: 'public_place', externalRef: '12345-2026-001', lat: 31.5, lng: 120.3, anonymous: false });
    const got = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json`, remoteAddress: '10.4.0.1' });
    expect(got.statusCode).toBe(200);
    expect(got.json()[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: 'public_place', service_name: '公共场所卫生' });
    expect(got.body).not.toContain('13511112222');
    expect(got.body).not.toContain('游泳馆池水');
    // JSON works too; errors are arrays of {code, description}
    const bad = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: { service_code: 'nope', description: 'x' }, remoteAddress: '10.4.0.2' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()[0]).toMatchObject({ code: 400, description: expect.stringContaining('category') });
    const missing = await t.app.inject({ method: 'GET', url: '/open311/v2/requests/0000-0000-0000.json', remoteAddress: '10.4.0.2' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()[0].code).toBe(404);
  });
});

describe('stored text is data', () => {
  it('a <script> in a complaint is stored and returned verbatim as JSON text', async () => {
    const content = '<script>window.__pwned = 1</script><img src=x onerror="alert(1)">诊所无证行医';
    const c = await register(chief, { content });
    const d = await detail(chief, c.id);
    expect(d.content).toBe(content);
    expect((await chief.get(`/api/complaints/${c.id}`)).headers['content-type']).toContain('application/json');
  });
});
