/**
 * The register mechanics, exercised through the entity register: validation messages, create, edit
 * with optimistic locking, soft delete with reason, history, search, Excel template / import / export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq, like, sql } from 'drizzle-orm';
import { auditEvents, entities, regions } from '../server/db/schema/index';
import { withCheckChar } from '../server/domains/entities/credit-code';
import { verifyAuditChain } from '../server/platform/audit';
import { createTestApp, type Client, type TestContext } from './server';

let t: TestContext;
let chief: Client;
let village: string;

beforeAll(async () => {
  t = await createTestApp();
  chief = await t.login('chief');
  const me = (await chief.get('/api/auth/me')).json();
  const [v] = await t.database.db.select({ code: regions.code }).from(regions)
    .where(and(like(regions.code, `${me.agency.regionCode}%`), sql`length(${regions.code}) = 12`)).limit(1);
  village = v.code;
});
afterAll(async () => { await t?.close(); });

const newEntity = (suffix: string) => ({
  creditCode: withCheckChar(`92329902MA${suffix.padStart(7, '0')}`),
  name: `测试美发店${suffix}`,
  address: '临湖区测试路 8 号',
  regionCode: village,
  categories: ['public_place.beauty'],
  contactPhone: '13812345678',
  licences: [{ kind: 'public_place', number: `湖卫公字〔2026〕第${suffix}号`, scope: ['美发'], issuedAt: '2026-01-05', validUntil: '2030-01-04' }],
});

describe('validation', () => {
  it('names the field and the reason in Chinese, and writes nothing', async () => {
    const before = (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(entities))[0].n;
    const bad = { ...newEntity('1'), creditCode: '91329902MA1K2LXQ3A', name: '', categories: [] };
    const res = await chief.post('/api/entities', bad);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('validation');
    const byField = Object.fromEntries(body.fields.map((f: { field: string; label: string; message: string }) => [f.field, f]));
    expect(byField.creditCode.label).toBe('统一社会信用代码');
    expect(byField.creditCode.message).toMatch(/^统一社会信用代码校验位错误：第 18 位应为“.”，实际为“A”$/);
    expect(byField.name.message).toBe('单位名称至少 2 个字');
    expect(byField.categories.message).toBe('请至少选择一个专业类别');
    const after = (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(entities))[0].n;
    expect(after).toBe(before);
  });

  it('checks references: unknown region and a 22-character medical licence number', async () => {
    const res = await chief.post('/api/entities', {
      ...newEntity('2'), regionCode: '329902999999', categories: ['medical.clinic'],
      licences: [{ kind: 'medical', number: 'PDY123', validUntil: '2030-01-01' }],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().fields;
    expect(fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'licences.0.number', message: '医疗机构执业许可证登记号应为 22 位，实际 6 位' })]));
  });

  it('refuses a duplicate credit code', async () => {
    const [existing] = await t.database.db.select().from(entities).limit(1);
    const res = await chief.post('/api/entities', { ...newEntity('3'), creditCode: existing.creditCode });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].message).toMatch(/已登记，不能重复/);
  });
});

describe('create, edit, delete, history', () => {
  it('runs the whole life of a record with audit events and optimistic locking', async () => {
    const created = await chief.post('/api/entities', newEntity('10'));
    expect(created.statusCode).toBe(201);
    const e = created.json();
    expect(e).toMatchObject({ name: '测试美发店10', version: 1, recordStatus: 'active', contactPhone: '138****5678', categoryLabels: ['美容美发'] });

    // search by Chinese substring
    const found = (await chief.get(`/api/entities?q=${encodeURIComponent('美发店10')}`)).json();
    expect(found.items.map((i: { id: string }) => i.id)).toContain(e.id);

    // edit: masked phone sent back unchanged keeps the stored number
    const edited = await chief.put(`/api/entities/${e.id}`, { ...newEntity('10'), contactPhone: e.contactPhone, name: '测试美发店（更名）', version: 1 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().version).toBe(2);
    const [stored] = await t.database.db.select().from(entities).where(eq(entities.id, e.id));
    expect(stored.contactPhone).toBe('13812345678');
    expect(stored.name).toBe('测试美发店（更名）');

    // a stale save (version 1 again) is refused and changes nothing
    const stale = await chief.put(`/api/entities/${e.id}`, { ...newEntity('10'), name: '过期的修改', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/已被他人修改/);
    const [still] = await t.database.db.select().from(entities).where(eq(entities.id, e.id));
    expect(still.name).toBe('测试美发店（更名）');

    // delete needs a reason, is a status change, and can be restored
    expect((await chief.delete(`/api/entities/${e.id}`, { version: 2 })).statusCode).toBe(400);
    const del = await chief.delete(`/api/entities/${e.id}`, { version: 2, reason: '已注销营业执照' });
    expect(del.statusCode).toBe(200);
    expect(del.json().recordStatus).toBe('deleted');
    const [soft] = await t.database.db.select().from(entities).where(eq(entities.id, e.id));
    expect(soft).toMatchObject({ recordStatus: 'deleted', deletedReason: '已注销营业执照' });
    expect((await chief.get(`/api/entities?q=${encodeURIComponent('更名')}`)).json().total).toBe(0);
    expect((await chief.get(`/api/entities?q=${encodeURIComponent('更名')}&status=deleted`)).json().total).toBe(1);
    const restored = await chief.post(`/api/entities/${e.id}/restore`, { version: 3, reason: '误删恢复' });
    expect(restored.json().recordStatus).toBe('active');

    const history = (await chief.get(`/api/entities/${e.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['restore', 'delete', 'update', 'create']);
    const update = history[2];
    expect(update.changes).toEqual([{ field: 'name', label: '单位名称', before: '测试美发店10', after: '测试美发店（更名）' }]);
    expect(history[1].reason).toBe('已注销营业执照');
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.resourceId, e.id));
    expect(events).toHaveLength(4);
  });

  it('an inspector may edit but not delete', async () => {
    const insp = await t.login('inspector');
    const created = (await insp.post('/api/entities', newEntity('20'))).json();
    expect(created.version).toBe(1);
    const res = await insp.delete(`/api/entities/${created.id}`, { version: 1, reason: '测试删除权限' });
    expect(res.statusCode).toBe(403);
  });
});

async function sheet(rows: (string | number | null)[][], headers: string[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('检查对象');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEADERS = ['统一社会信用代码*', '单位名称*', '地址*', '所属区划代码*', '专业类别*', '联系电话', '许可证类型', '许可证号', '有效期至'];

describe('Excel', () => {
  it('serves a template with the Chinese headers', async () => {
    const res = await chief.get('/api/entities/template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const header = (wb.worksheets[0].getRow(1).values as string[]).filter(Boolean);
    expect(header.slice(0, 5)).toEqual(['统一社会信用代码*', '单位名称*', '地址*', '所属区划代码*', '网格编码']);
    expect(wb.worksheets[1].name).toBe('填写说明');
  });

  it('refuses a file with one bad row entirely and reports row, column and reason', async () => {
    const good = [withCheckChar('92329902MA0000301'), '导入诊所甲', '测试路 1 号', village, '诊所/门诊部', '', '', '', ''];
    const bad = [withCheckChar('92329902MA0000302').slice(0, 17) + 'Z', '导入诊所乙', '测试路 2 号', village, '不存在的类别', '', '', '', ''];
    const good2 = [withCheckChar('92329902MA0000303'), '导入诊所丙', '测试路 3 号', village, '美容美发', '', '公共场所卫生许可证', '湖卫公字001', '2029-12-31'];
    const res = await chief.upload('/api/entities/import', 'entities.xlsx', await sheet([good, bad, good2], HEADERS));
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error).toBe('import_invalid');
    expect(body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 3, column: '专业类别', message: expect.stringContaining('未知的专业类别“不存在的类别”') }),
    ]));
    // nothing was applied
    expect((await chief.get(`/api/entities?q=${encodeURIComponent('导入诊所')}`)).json().total).toBe(0);
    // the report downloads as .xlsx with the same rows
    const report = await chief.get(body.reportUrl);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([, '行号', '列', '错误原因']);
    expect(ws.getRow(3).getCell(1).value).toBe(3);
    // another user cannot fetch my report
    const other = await t.login('inspector');
    expect((await other.get(body.reportUrl)).statusCode).toBe(404);
  });

  it('reports a bad credit code check character on its row', async () => {
    const bad = [withCheckChar('92329902MA0000402').slice(0, 17) + (withCheckChar('92329902MA0000402').endsWith('0') ? '1' : '0'), '导入诊所丁', '测试路 4 号', village, '诊所/门诊部', '', '', '', ''];
    const res = await chief.upload('/api/entities/import', 'e.xlsx', await sheet([bad], HEADERS));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ row: 2, column: '统一社会信用代码', message: expect.stringMatching(/校验位错误/) });
  });

  it('applies a valid file in one go, updating rows whose credit code exists, and exports the filtered list', async () => {
    const rows = [1, 2, 3].map((i) => [withCheckChar(`92329902MA000050${i}`), `批量导入美容店${i}`, `测试路 ${i} 号`, village, '美容美发', '13900000000', '公共场所卫生许可证', `湖卫公字10${i}`, '2029-12-31']);
    const res = await chief.upload('/api/entities/import', 'ok.xlsx', await sheet(rows, HEADERS));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, total: 3, created: 3, updated: 0 });
    rows[0][1] = '批量导入美容店1（新名）';
    const again = await chief.upload('/api/entities/import', 'ok2.xlsx', await sheet([rows[0]], HEADERS));
    expect(again.json()).toMatchObject({ created: 0, updated: 1 });
    // every imported row joined the audit chain, which still verifies
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.reason, 'Excel 导入'));
    expect(events.map((e) => e.action).sort()).toEqual(['create', 'create', 'create', 'update']);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
    const list = (await chief.get(`/api/entities?q=${encodeURIComponent('批量导入美容店')}&sort=name`)).json();
    expect(list.total).toBe(3);
    expect(list.items[0].licences[0]).toMatchObject({ kind: 'public_place', number: '湖卫公字101', validUntil: '2029-12-31' });

    const exp = await chief.get(`/api/entities/export.xlsx?q=${encodeURIComponent('批量导入美容店')}`);
    expect(exp.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(4);
    const names = [2, 3, 4].map((r) => ws.getRow(r).getCell(2).value).sort();
    expect(names).toEqual(['批量导入美容店1（新名）', '批量导入美容店2', '批量导入美容店3']);
    // phones are exported masked
    expect(ws.getRow(2).getCell(8).value).toBe('139****0000');
  });
});

describe('filters', () => {
  it('a parent category matches its sub-categories, and region narrows to a subtree', async () => {
    const all = (await chief.get('/api/entities?category=medical&pageSize=200')).json();
    expect(all.total).toBeGreaterThan(0);
    for (const e of all.items) expect(e.categories.some((c: string) => c === 'medical' || c.startsWith('medical.'))).toBe(true);
    const town = village.slice(0, 9);
    const inTown = (await chief.get(`/api/entities?region=${town}&pageSize=200`)).json();
    expect(inTown.total).toBeGreaterThan(0);
    for (const e of inTown.items) expect(e.regionCode.startsWith(town)).toBe(true);
  });
});

describe('import errors name the sheet column of folded fields', () => {
  it('a bad licence date is reported under 有效期至', async () => {
    const row = [withCheckChar('92329902MA0000601'), '许可证日期错误的店', '测试路 6 号', village, '美容美发', '', '公共场所卫生许可证', '湖卫公字601', '2029-02-30'];
    const res = await chief.upload('/api/entities/import', 'lic.xlsx', await sheet([row], HEADERS));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ row: 2, column: '有效期至', message: '有效期至应为有效日期（格式 YYYY-MM-DD）' }]);
  });
});

describe('reminder filters', () => {
  it('licence=expired|expiring|checkDue and credential=expired match the dashboard counts', async () => {
    const dash = (await chief.get('/api/dashboard')).json();
    for (const [key, count] of [['expired', dash.entities.licenceExpired], ['expiring', dash.entities.licenceExpiring], ['checkDue', dash.entities.checkDue]]) {
      const res = (await chief.get(`/api/entities?licence=${key}&pageSize=1`)).json();
      expect(res.total, key).toBe(count);
    }
    expect(dash.entities.licenceExpired).toBeGreaterThan(0);
    const expired = (await chief.get('/api/inspectors?credential=expired&pageSize=200')).json();
    expect(expired.total).toBe(dash.inspectors.credentialExpired);
    for (const i of expired.items) expect(i.credentialValid).toBe(false);
  });
});

describe('two-character search (token index) matches a plain substring count', () => {
  it.each(['诊所', '宾馆', '小学', '卫生'])('%s within the district and within a town', async (q) => {
    const me = (await chief.get('/api/auth/me')).json();
    const district = me.agency.regionCode;
    const count = async (prefix: string) => (await t.database.db.execute(sql`select count(*)::int as n from entities
      where record_status = 'active' and region_code like ${`${prefix}%`} and name like ${`%${q}%`}`) as unknown as { rows: { n: number }[] }).rows[0].n;
    const api = (await chief.get(`/api/entities?q=${encodeURIComponent(q)}&pageSize=200`)).json();
    expect(api.total).toBe(await count(district));
    const town = village.slice(0, 9);
    const inTown = (await chief.get(`/api/entities?q=${encodeURIComponent(q)}&region=${town}&pageSize=200`)).json();
    expect(inTown.total).toBe(await count(town));
    for (const e of inTown.items) expect(e.name).toContain(q);
  });
});
