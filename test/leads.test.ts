/**
 * The lead ledger (线索台账, GUIDE §2.4) through the API: registration and numbering, jurisdiction, the
 * four dispositions, the filing-decision deadline (程序规定第三十二条) and its extension, overdue leads, the
 * .xlsx ledger read back, tasks turned into leads, and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { agencies, auditEvents, complainants, complaints, entities, inspectors, leadEvents, leads, users } from '../server/db/schema/index';
import { loadCalendar } from '../server/platform/calendar/store';
import { daysFromToday, todayIso } from '../server/platform/dates';
import { createLeadInTx } from '../server/domains/leads/service';
import type { Actor } from '../server/platform/access';
import { createTestApp, type Client, type TestContext } from './server';

let t: TestContext;
let chief: Client;
let inspector: Client;
let head: Client;
let inspector2: Client;
let assistant: Client;
let d1: { id: string; regionCode: string; docPrefix: string; name: string };
let d2: { id: string; regionCode: string };
let ids: Record<string, string>;
let entity: { id: string; name: string; regionCode: string };
const year = Number(todayIso().slice(0, 4));

const body = (over: Record<string, unknown> = {}) => ({
  source: 'superior', originRef: '澄卫交〔2026〕5号', unitName: '临湖区某某养生馆', facts: '上级交办：该店涉嫌非法开展针灸、推拿等医疗活动。',
  receivedOn: daysFromToday(-3), agencyId: d1.id, handlerIds: [ids.inspector], ...over,
});

async function register(over: Record<string, unknown> = {}, who = chief) {
  const res = await who.post('/api/leads', body(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function verify(lead: { id: string; version: number }, verifiedOn = todayIso(), who = inspector) {
  const res = await who.post(`/api/leads/${lead.id}/verify`, { version: lead.version, verification: '现场核查：该店有针灸针、火罐，顾客陈述接受过针灸。', verifiedOn });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  [chief, inspector, head, inspector2, assistant] = await Promise.all(['chief', 'inspector', 'head', 'inspector2', 'assistant'].map((u) => t.login(u)));
  const us = await db.select({ id: users.id, username: users.username, agencyId: users.agencyId }).from(users);
  ids = Object.fromEntries(us.map((u) => [u.username, u.id]));
  const chiefAgency = us.find((u) => u.username === 'chief')!.agencyId!;
  const i2Agency = us.find((u) => u.username === 'inspector2')!.agencyId!;
  [d1] = await db.select({ id: agencies.id, regionCode: agencies.regionCode, docPrefix: agencies.docPrefix, name: agencies.name }).from(agencies).where(eq(agencies.id, chiefAgency));
  [d2] = await db.select({ id: agencies.id, regionCode: agencies.regionCode }).from(agencies).where(eq(agencies.id, i2Agency));
  [entity] = await db.select({ id: entities.id, name: entities.name, regionCode: entities.regionCode }).from(entities)
    .where(sql`${entities.regionCode} like ${`${d1.regionCode}%`}`).limit(1);
});
afterAll(() => t.close());

describe('registration and numbering', () => {
  it('numbers leads per agency and year, gap-free, and writes the first event and the audit record', async () => {
    const a = await register();
    const b = await register({ source: 'media', originRef: '澄江日报 2026-03-01 第3版', entityId: entity.id, unitName: entity.name, handlerIds: [] });
    expect(a.code).toBe(`${d1.docPrefix}线〔${year}〕1号`);
    expect(b.code).toBe(`${d1.docPrefix}线〔${year}〕2号`);
    expect(a.status).toBe('verifying'); // handlers given → verification starts
    expect(a.handlerNames).toHaveLength(1);
    expect(b.status).toBe('registered');
    expect(b.regionCode).toBe(entity.regionCode); // follows the unit
    expect(a.regionCode).toBe(d1.regionCode);
    expect(a.events.map((e: { action: string }) => e.action)).toEqual(['register']);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.resource, 'leads'), eq(auditEvents.resourceId, a.id)));
    expect(audit.map((e) => e.action)).toEqual(['create']);
    expect((audit[0].after as { code: string }).code).toBe(a.code);
  });

  it('stays gap-free and unique under concurrent registration', async () => {
    const before = (await chief.get(`/api/leads?agencyId=${d1.id}&pageSize=1`)).json().items[0].seq as number;
    const results = await Promise.all(Array.from({ length: 8 }, () => chief.post('/api/leads', body({ handlerIds: [] }))));
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const seqs = results.map((r) => r.json().seq as number).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 8 }, (_, i) => before + 1 + i));
  });

  it('a failed registration does not use up a number', async () => {
    const last = (await chief.get(`/api/leads?agencyId=${d1.id}&pageSize=1`)).json().items[0].seq as number;
    const bad = await chief.post('/api/leads', body({ handlerIds: [ids.unit] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ field: 'handlerIds', label: '承办人' });
    const next = await register({ handlerIds: [] });
    expect(next.seq).toBe(last + 1);
  });

  it('createLeadInTx (called by other domains) leaves out assignees who cannot handle a lead instead of failing', async () => {
    const { db } = t.database;
    const [chiefUser] = await db.select().from(users).where(eq(users.username, 'chief'));
    const actor: Actor = {
      userId: chiefUser.id, username: 'chief', displayName: chiefUser.displayName, roles: ['chief'], agencyId: d1.id, entityId: null,
      regionCode: d1.regionCode, sessionId: 'test', csrfToken: 'test',
    };
    const [insp] = await db.select({ id: inspectors.id }).from(inspectors).where(eq(inspectors.userId, ids.inspector));
    const { id } = await db.transaction((tx) => createLeadInTx(tx, actor, {
      source: 'superior', unitName: '某单位', facts: '上级交办的线索内容。', receivedOn: todayIso(), agencyId: d1.id, regionCode: d1.regionCode,
      handlerIds: [ids.unit, ids.assistant, insp.id],
    }));
    const lead = (await chief.get(`/api/leads/${id}`)).json();
    expect(lead.handlerIds).toEqual([ids.inspector]); // the inspector record mapped to its user; the others left out
    expect(lead.status).toBe('verifying');
  });

  it('validates in Chinese, naming the field', async () => {
    const res = await chief.post('/api/leads', body({ source: 'rumour', facts: '短', receivedOn: daysFromToday(2) }));
    expect(res.statusCode).toBe(400);
    const fields = res.json().fields as { field: string; message: string }[];
    expect(fields.find((f) => f.field === 'source')?.message).toBe('请选择线索来源');
    expect(fields.find((f) => f.field === 'facts')?.message).toBe('线索内容至少 5 个字');
    const future = await chief.post('/api/leads', body({ receivedOn: daysFromToday(2) }));
    expect(future.statusCode).toBe(400);
    expect(future.json().fields[0]).toMatchObject({ field: 'receivedOn', message: '收到日期不能晚于今天' });
  });

  it('assistants and unit accounts cannot register; legal may read', async () => {
    expect((await assistant.post('/api/leads', body())).statusCode).toBe(403);
    expect((await (await t.login('unit')).get('/api/leads')).statusCode).toBe(403);
    expect((await (await t.login('legal')).get('/api/leads')).statusCode).toBe(200);
  });
});

describe('jurisdiction', () => {
  it('another district neither sees nor changes a lead (404), nor registers one for this agency', async () => {
    const lead = await register();
    expect((await inspector2.get(`/api/leads/${lead.id}`)).statusCode).toBe(404);
    const list = (await inspector2.get('/api/leads?pageSize=200')).json();
    expect(list.items.some((l: { id: string }) => l.id === lead.id)).toBe(false);
    expect((await inspector2.post(`/api/leads/${lead.id}/verify`, { version: lead.version, verification: '越权核查的内容', verifiedOn: todayIso() })).statusCode).toBe(404);
    const res = await inspector2.post('/api/leads', body({ handlerIds: [] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toMatchObject({ field: 'agencyId', message: '只能为本机构或下级机构登记线索' });
    const exported = await inspector2.get('/api/leads/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const codes: string[] = [];
    wb.worksheets[0].eachRow((row, n) => { if (n > 3) codes.push(String(row.getCell(2).value)); });
    expect(codes).not.toContain(lead.code);
  });

  it('the city head sees the district lead', async () => {
    const lead = await register();
    expect((await head.get(`/api/leads/${lead.id}`)).statusCode).toBe(200);
  });
});

describe('verification, the filing deadline and its extension (程序规定第三十二条, 7 working days)', () => {
  it('verification sets the deadline to 7 working days later; only the handler (or a supervisor) may verify', async () => {
    const lead = await register();
    const verified = await verify(lead, todayIso());
    const cal = await loadCalendar(t.database.db);
    expect(verified.status).toBe('verified');
    expect(verified.filingDue).toBe(cal.addWorkingDays(todayIso(), 7));
    expect(verified.deadlineKind).toBe('filing');
    expect(verified.overdue).toBe(false);
    expect(verified.events.map((e: { action: string }) => e.action)).toEqual(['register', 'verify']);
    const unassigned = await register({ handlerIds: [] });
    const res = await inspector.post(`/api/leads/${unassigned.id}/verify`, { version: unassigned.version, verification: '不是承办人的核查', verifiedOn: todayIso() });
    expect(res.statusCode).toBe(403);
  });

  it('a stale version answers 409 with a Chinese message', async () => {
    const lead = await register();
    await verify(lead);
    const res = await inspector.post(`/api/leads/${lead.id}/verify`, { version: lead.version, verification: '重复提交的核查', verifiedOn: todayIso() });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/已被他人修改|不能登记核查情况/);
    const v = (await chief.get(`/api/leads/${lead.id}`)).json();
    const stale = await chief.post(`/api/leads/${lead.id}/dispose`, { version: v.version - 1, disposition: 'file', dispositionOn: todayIso(), approverId: ids.head });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain(`当前为第 ${v.version} 版`);
  });

  it('the head approves one extension of 7 more working days; a second one is refused; only the head decides', async () => {
    const lead = await verify(await register());
    const asked = await inspector.post(`/api/leads/${lead.id}/extension`, { version: lead.version, reason: '需调取该店近三个月的收费记录' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().extensionPending).toBe(true);
    const byChief = await chief.post(`/api/leads/${lead.id}/extension/decision`, { version: asked.json().version, approve: true });
    expect(byChief.statusCode).toBe(403);
    const approved = await head.post(`/api/leads/${lead.id}/extension/decision`, { version: asked.json().version, approve: true, note: '同意延期' });
    expect(approved.statusCode, approved.body).toBe(200);
    const cal = await loadCalendar(t.database.db);
    const a = approved.json();
    expect(a.extendedDue).toBe(cal.addWorkingDays(lead.filingDue, 7));
    expect(a.due).toBe(a.extendedDue);
    expect(a.extensionApprovedBy).toBe(ids.head);
    const again = await inspector.post(`/api/leads/${lead.id}/extension`, { version: a.version, reason: '还需要更多时间调查' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已延长过一次');
    expect(a.events.map((e: { action: string }) => e.action)).toEqual(['register', 'verify', 'extension_request', 'extension_approve']);
  });

  it('a refused request can be asked again; after the deadline no extension can be asked', async () => {
    const lead = await verify(await register());
    const asked = (await inspector.post(`/api/leads/${lead.id}/extension`, { version: lead.version, reason: '需要补充检验结果' })).json();
    const refused = await head.post(`/api/leads/${lead.id}/extension/decision`, { version: asked.version, approve: false, note: '证据已充分' });
    expect(refused.statusCode).toBe(200);
    expect(refused.json().extensionPending).toBe(false);
    expect(refused.json().extendedDue).toBeNull();
    const late = await verify(await register({ receivedOn: daysFromToday(-40) }), daysFromToday(-30));
    const res = await inspector.post(`/api/leads/${late.id}/extension`, { version: late.version, reason: '期限已过仍申请延期' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('届满');
  });
});

describe('dispositions (件件有着落)', () => {
  it('立案: needs the head as approver and a date; recorded by the chief', async () => {
    const lead = await verify(await register());
    const early = await chief.post(`/api/leads/${(await register()).id}/dispose`, { version: 1, disposition: 'file', dispositionOn: todayIso(), approverId: ids.head });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('须先核查');
    const noApprover = await chief.post(`/api/leads/${lead.id}/dispose`, { version: lead.version, disposition: 'file', dispositionOn: todayIso() });
    expect(noApprover.statusCode).toBe(400);
    expect(noApprover.json().fields[0]).toMatchObject({ field: 'approverId', label: '批准人（负责人）' });
    const chiefAsApprover = await chief.post(`/api/leads/${lead.id}/dispose`, { version: lead.version, disposition: 'file', dispositionOn: todayIso(), approverId: ids.chief });
    expect(chiefAsApprover.json().fields[0].message).toBe('批准人须为机构负责人');
    const byInspector = await inspector.post(`/api/leads/${lead.id}/dispose`, { version: lead.version, disposition: 'file', dispositionOn: todayIso(), approverId: ids.head });
    expect(byInspector.statusCode).toBe(403);
    const filed = await chief.post(`/api/leads/${lead.id}/dispose`, { version: lead.version, disposition: 'file', dispositionOn: todayIso(), approverId: ids.head, dispositionReason: '涉嫌非法行医' });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({ status: 'disposed', disposition: 'file', dispositionLabel: '立案', approvedBy: ids.head, approverName: expect.any(String), overdue: false });
    const again = await chief.post(`/api/leads/${lead.id}/dispose`, { version: filed.json().version, disposition: 'no_file', dispositionOn: todayIso(), approverId: ids.head, dispositionReason: '改为不予立案' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已处置');
  });

  it('不予立案: needs a reason', async () => {
    const lead = await verify(await register());
    const res = await chief.post(`/api/leads/${lead.id}/dispose`, { version: lead.version, disposition: 'no_file', dispositionOn: todayIso(), approverId: ids.head });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field)).toEqual(['dispositionReason']);
    const ok = await head.post(`/api/leads/${lead.id}/dispose`, { version: lead.version, disposition: 'no_file', dispositionOn: todayIso(), approverId: ids.head, dispositionReason: '经核查未发现违法事实' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ disposition: 'no_file', dispositionReason: '经核查未发现违法事实' });
  });

  it('移送: needs the authority and the document number; possible before verification', async () => {
    const lead = await register();
    const res = await chief.post(`/api/leads/${lead.id}/dispose`, { version: lead.version, disposition: 'transfer', dispositionOn: todayIso() });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['transferDocNo', 'transferTo']);
    const ok = await chief.post(`/api/leads/${lead.id}/dispose`, {
      version: lead.version, disposition: 'transfer', dispositionOn: todayIso(), transferTo: '公安机关', transferDocNo: `${d1.docPrefix}移〔${year}〕1号`, approverId: ids.head,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ disposition: 'transfer', transferTo: '公安机关', approvedBy: null });
  });

  it('并案: into a lead of the same agency, not itself, no cycles; the target records it', async () => {
    const root = await register();
    const dup = await register({ facts: '群众反映：该养生馆有人给顾客针灸（与已登记线索为同一事项）。' });
    const self = await chief.post(`/api/leads/${dup.id}/dispose`, { version: dup.version, disposition: 'merge', dispositionOn: todayIso(), mergedInto: dup.id });
    expect(self.json().fields[0].message).toBe('线索不能并入自身');
    const merged = await chief.post(`/api/leads/${dup.id}/dispose`, { version: dup.version, disposition: 'merge', dispositionOn: todayIso(), mergedInto: root.id });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ disposition: 'merge', mergedInto: root.id, mergedIntoCode: root.code });
    const rootNow = (await chief.get(`/api/leads/${root.id}`)).json();
    expect(rootNow.mergedLeads.map((l: { id: string }) => l.id)).toEqual([dup.id]);
    expect(rootNow.events.at(-1)).toMatchObject({ action: 'merged_in' });
    // the root cannot now be merged into the lead merged into it
    const cycle = await chief.post(`/api/leads/${root.id}/dispose`, { version: rootNow.version, disposition: 'merge', dispositionOn: todayIso(), mergedInto: dup.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().fields[0].message).toContain('循环');
    // a lead of another agency (district 2) is not found from here
    const other = await register({ agencyId: d2.id, handlerIds: [] }, inspector2);
    expect(other.code.startsWith(d1.docPrefix)).toBe(false);
    const res = await chief.post(`/api/leads/${root.id}/dispose`, { version: rootNow.version, disposition: 'merge', dispositionOn: todayIso(), mergedInto: other.id });
    expect(res.json().fields[0].message).toBe('并入线索不存在或不在本辖区');
    // the city head sees both, but they belong to different agencies
    const byHead = await head.post(`/api/leads/${root.id}/dispose`, { version: rootNow.version, disposition: 'merge', dispositionOn: todayIso(), mergedInto: other.id });
    expect(byHead.json().fields[0].message).toBe('只能并入同一机构的线索');
  });

  it('a lead can never be deleted: there is no delete route', async () => {
    const lead = await register();
    const res = await chief.delete(`/api/leads/${lead.id}`, { version: lead.version, reason: '误登记' });
    expect(res.statusCode).toBe(404);
    expect((await chief.get(`/api/leads/${lead.id}`)).statusCode).toBe(200);
  });
});

describe('the overdue view', () => {
  it('lists every verified lead past its filing deadline and every unverified lead past the verification period', async () => {
    const late = await verify(await register({ receivedOn: daysFromToday(-40), unitName: '超期测试单位甲' }), daysFromToday(-30));
    const stale = await register({ receivedOn: daysFromToday(-60), unitName: '超期测试单位乙' });
    const fresh = await verify(await register({ unitName: '未超期单位' }));
    expect(late.overdue).toBe(true);
    expect(late.deadlineKind).toBe('filing');
    const list = (await chief.get('/api/leads?overdue=true&pageSize=200')).json();
    const overdueIds = list.items.map((l: { id: string }) => l.id);
    expect(overdueIds).toContain(late.id);
    expect(overdueIds).toContain(stale.id);
    expect(overdueIds).not.toContain(fresh.id);
    expect(list.items.every((l: { overdue: boolean }) => l.overdue)).toBe(true);
    expect(list.overdueTotal).toBe(list.total);
    const count = (await chief.get('/api/leads/overdue-count')).json();
    expect(count.overdue).toBe(list.total);
    // disposing of it late takes it off the overdue list and marks it as decided late
    const done = (await chief.post(`/api/leads/${late.id}/dispose`, { version: late.version, disposition: 'file', dispositionOn: todayIso(), approverId: ids.head })).json();
    expect(done).toMatchObject({ overdue: false, disposedLate: true });
    const after = (await chief.get('/api/leads?overdue=true&pageSize=200')).json();
    expect(after.items.map((l: { id: string }) => l.id)).not.toContain(late.id);
  });

  it('filters by source, status, disposition, handler and date range', async () => {
    const q = async (qs: string) => (await chief.get(`/api/leads?pageSize=200&${qs}`)).json().items as { source: string; status: string; disposition: string | null; handlerIds: string[]; receivedOn: string }[];
    expect((await q('source=media')).every((l) => l.source === 'media')).toBe(true);
    expect((await q('source=media')).length).toBeGreaterThan(0);
    expect((await q('status=open')).every((l) => l.status !== 'disposed')).toBe(true);
    expect((await q('disposition=merge')).every((l) => l.disposition === 'merge')).toBe(true);
    expect((await q(`handlerId=${ids.inspector}`)).every((l) => l.handlerIds.includes(ids.inspector))).toBe(true);
    const from = daysFromToday(-45);
    const to = daysFromToday(-35);
    const ranged = await q(`from=${from}&to=${to}`);
    expect(ranged.length).toBeGreaterThan(0);
    expect(ranged.every((l) => l.receivedOn >= from && l.receivedOn <= to)).toBe(true);
  });
});

describe('the .xlsx ledger', () => {
  it('has the columns officials expect, every lead, and never a complainant\'s identity', async () => {
    const { db } = t.database;
    const [chiefUser] = await db.select().from(users).where(eq(users.username, 'chief'));
    // a complaint whose complainant must never appear in the ledger; the lead carries only its tracking code
    const [c] = await db.insert(complaints).values({
      regionCode: d1.regionCode, trackingCode: 'TS4F7K2Q9M', channel: 'hotline_12320', category: 'medical', content: '举报某诊所无证行医，我是隔壁住户王秀兰，电话13912345678。',
      agencyId: d1.id,
    }).returning();
    await db.insert(complainants).values({ complaintId: c.id, name: '王秀兰', phone: '13912345678' });
    const actor: Actor = {
      userId: chiefUser.id, username: 'chief', displayName: chiefUser.displayName, roles: ['chief'], agencyId: d1.id, entityId: null,
      regionCode: d1.regionCode, sessionId: 'test', csrfToken: 'test',
    };
    // as the complaints domain does it: the complaint's text becomes the lead's facts
    const fromComplaint = await db.transaction((tx) => createLeadInTx(tx, actor, {
      source: 'complaint', originType: 'complaint', originId: c.id, originRef: c.trackingCode, unitName: '临湖区某诊所', facts: c.content,
      receivedOn: todayIso(), agencyId: d1.id, regionCode: d1.regionCode,
    }));
    expect(fromComplaint.code).toMatch(new RegExp(`^${d1.docPrefix}线〔${year}〕\\d+号$`));
    const [stored] = await db.select({ facts: leads.facts }).from(leads).where(eq(leads.id, fromComplaint.id));
    expect(stored.facts).toBe('举报某诊所无证行医，我是隔壁住户王**，电话139****5678。');
    // and should a complainant's name reach a lead some other way, the export still masks it
    const other = await db.transaction((tx) => createLeadInTx(tx, actor, {
      source: 'complaint', originType: 'complaint', originId: c.id, originRef: c.trackingCode, unitName: '临湖区某诊所', facts: '同一诊所的第二条线索。',
      receivedOn: todayIso(), agencyId: d1.id, regionCode: d1.regionCode,
    }));
    await db.update(leads).set({ facts: '补充：王秀兰再次来电反映。' }).where(eq(leads.id, other.id));

    const res = await chief.get('/api/leads/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('线索台账');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell(1, 1).value)).toBe(`${d1.name}线索台账`);
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    for (const h of ['序号', '线索编号', '线索来源', '来源编号/关联', '收到日期', '登记日期', '当事人', '线索内容', '承办人', '核查情况', '核查日期',
      '立案决定期限', '延期后期限', '处置结果', '处置日期', '批准人', '理由/移送机关/并入线索', '移送文书文号', '状态', '是否超期']) {
      expect(headers).toContain(h);
    }
    const col = (h: string) => headers.indexOf(h) + 1;
    const rows: Record<string, string>[] = [];
    ws.eachRow((row, n) => {
      if (n <= 3) return;
      rows.push(Object.fromEntries(headers.map((h, i) => [String(h), row.getCell(i + 1).value == null ? '' : String(row.getCell(i + 1).value)])));
    });
    const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(leads).where(sql`${leads.regionCode} like ${`${d1.regionCode}%`}`);
    expect(rows).toHaveLength(total);
    expect(rows.map((r) => Number(r['序号']))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const fc = rows.find((r) => r['线索编号'] === fromComplaint.code)!;
    expect(fc['线索来源']).toBe('群众检举控告');
    expect(fc['来源编号/关联']).toBe('投诉举报查询码 TS4F7K2Q9M');
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain('王秀兰');
    expect(everything).not.toContain('13912345678');
    // the dispositions as officials read them
    const merged = rows.find((r) => r['处置结果'] === '并案')!;
    expect(merged['理由/移送机关/并入线索']).toMatch(/^并入 .+线〔\d{4}〕\d+号/);
    const transferred = rows.find((r) => r['处置结果'] === '移送')!;
    expect(transferred['理由/移送机关/并入线索']).toContain('移送公安机关');
    expect(transferred['移送文书文号']).toBe(`${d1.docPrefix}移〔${year}〕1号`);
    const filed = rows.find((r) => r['处置结果'] === '立案' && r['批准人'])!;
    expect(filed['状态']).toBe('已处置');
    expect(rows.some((r) => r['是否超期'].startsWith('是（'))).toBe(true);
    expect(rows.some((r) => r['是否超期'].startsWith('逾期处置'))).toBe(true);
    // overdue rows are red
    const overdueRow = rows.findIndex((r) => r['是否超期'].startsWith('是（'));
    expect(ws.getRow(overdueRow + 4).getCell(col('线索编号')).font?.color?.argb).toBe('FFC00000');
  });

  it('respects the filters and is audited', async () => {
    const res = await chief.get('/api/leads/export.xlsx?overdue=true');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell(2, 1).value)).toContain('仅超期');
    const overdueCol = (ws.getRow(3).values as unknown[]).indexOf('是否超期');
    let n = 0;
    ws.eachRow((row, i) => { if (i > 3) { n++; expect(String(row.getCell(overdueCol).value)).toMatch(/^是（/); } });
    expect(n).toBe((await chief.get('/api/leads/overdue-count')).json().overdue);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.resource, 'leads'), eq(auditEvents.action, 'export')));
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });
});

describe('inspections turned into leads', () => {
  it('POST /api/tasks/:id/lead creates one lead of source 检查发现 with the task as origin, handled by its inspectors', async () => {
    const { db } = t.database;
    const [insp] = await db.select().from(inspectors).where(eq(inspectors.userId, ids.inspector));
    const [task] = await db.execute(sql`insert into tasks (region_code, plan_id, agency_id, entity_id, entity_name, credit_code, stratum, seq, inspector_ids, inspector_names, due_date, status, result, summary, inspected_on)
      values (${entity.regionCode}, gen_random_uuid(), ${d1.id}, ${entity.id}, ${entity.name}, '91329902MA1TEST001', 'pp', 1, array[${insp.id}]::uuid[], array[${insp.name}]::text[], ${daysFromToday(30)}, 'done', 'case', '现场发现无有效卫生许可证从事经营', ${daysFromToday(-1)})
      returning id`).then((r) => (r as unknown as { rows: { id: string }[] }).rows);
    expect((await inspector2.post(`/api/tasks/${task.id}/lead`, {})).statusCode).toBe(404);
    const res = await inspector.post(`/api/tasks/${task.id}/lead`, {});
    expect(res.statusCode, res.body).toBe(201);
    const lead = res.json();
    expect(lead).toMatchObject({
      source: 'inspection', sourceLabel: '检查发现', originType: 'task', originId: task.id, entityId: entity.id, unitName: entity.name,
      facts: '现场发现无有效卫生许可证从事经营', receivedOn: daysFromToday(-1), handlerIds: [ids.inspector], status: 'verifying', originLink: `/tasks/${task.id}`,
    });
    const again = await inspector.post(`/api/tasks/${task.id}/lead`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain(lead.code);
    expect((await chief.get(`/api/tasks/${task.id}/lead`)).json().lead).toMatchObject({ id: lead.id, code: lead.code });
  });
});

describe('audit trail', () => {
  it('every step of a lead is an audit event and a lead event, in order', async () => {
    const lead = await verify(await register());
    const asked = (await inspector.post(`/api/leads/${lead.id}/extension`, { version: lead.version, reason: '需要补充询问当事人' })).json();
    const approved = (await head.post(`/api/leads/${lead.id}/extension/decision`, { version: asked.version, approve: true })).json();
    await chief.post(`/api/leads/${lead.id}/dispose`, { version: approved.version, disposition: 'file', dispositionOn: todayIso(), approverId: ids.head });
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.resource, 'leads'), eq(auditEvents.resourceId, lead.id))).orderBy(auditEvents.id);
    expect(audit.map((e) => e.action)).toEqual(['create', 'verify', 'extension_request', 'extension_approve', 'dispose']);
    expect(audit.at(-1)!.after).toMatchObject({ status: 'disposed', disposition: 'file', approvedBy: ids.head });
    expect(audit.at(-1)!.before).toMatchObject({ status: 'verified', disposition: null });
    const events = await t.database.db.select().from(leadEvents).where(eq(leadEvents.leadId, lead.id)).orderBy(leadEvents.id);
    expect(events.map((e) => e.action)).toEqual(['register', 'verify', 'extension_request', 'extension_approve', 'dispose_file']);
    expect(events.at(-1)!.toStatus).toBe('disposed');
  });
});
