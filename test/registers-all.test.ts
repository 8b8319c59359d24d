/** Every register: create, edit, template and export work with realistic input; imports fold and link rows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq, like, sql } from 'drizzle-orm';
import { agencies, entities, regions, users } from '../server/db/schema/index';
import { registers } from '../server/domains/index';
import { createTestApp, type Client, type TestContext } from './server';

let t: TestContext;
let admin: Client;
let d1: { id: string; regionCode: string };
let clinic: { creditCode: string; id: string };
let town: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  const [chief] = await t.database.db.select().from(users).where(eq(users.username, 'chief'));
  [d1] = await t.database.db.select({ id: agencies.id, regionCode: agencies.regionCode }).from(agencies).where(eq(agencies.id, chief.agencyId!));
  [clinic] = await t.database.db.select({ creditCode: entities.creditCode, id: entities.id }).from(entities)
    .where(and(like(entities.regionCode, `${d1.regionCode}%`), sql`'medical.clinic' = any(${entities.categories})`)).limit(1);
  const [tw] = await t.database.db.select({ code: regions.code }).from(regions).where(and(eq(regions.parentCode, d1.regionCode))).limit(1);
  town = tw.code;
});
afterAll(async () => { await t?.close(); });

const payloads = (): Record<string, Record<string, unknown>> => ({
  practitioners: { name: '钱多多', gender: '女', idNumber: '11010519491231002X', certificateNo: '210329902260001', category: '执业医师', practiceScope: '内科专业', entityCreditCode: clinic.creditCode, phone: '13900001111' },
  inspectors: { name: '孙监督', agencyId: d1.id, credentialNo: '卫监证字9990001', credentialExpiry: '2029-06-30', specialties: ['medical', 'public_place'], legalQualification: true, position: '科员', trainingHours: [{ year: 2026, hours: 32 }] },
  matters: { code: 'T-01', name: '测试随机抽查事项', category: 'school', legalBasis: '《学校卫生工作条例》第二十八条', subject: '区卫生健康委', level: '区县', ratio: 10, frequency: '每年1次', method: '现场检查', regionCode: d1.regionCode },
  checklists: { code: 'T-CL', name: '测试检查细则', category: 'school', regionCode: d1.regionCode, items: [{ code: '1', section: '教学环境', content: '教室采光照明符合标准', legalBasis: 'GB 7793-2010', keyItem: false, points: 60 }, { code: '2', section: '传染病防控', content: '落实晨午检制度', legalBasis: '《学校卫生工作条例》第十四条', keyItem: true, points: 40 }] },
  regions: { code: `${town}099`, name: '测试社区' },
  'grid-cells': { code: `${town}09901`, name: '测试社区第一网格', regionCode: `${town}099`, assistantName: '王协管', assistantPhone: '13700002222' },
  agencies: { name: '澄江市临湖区卫生健康监督所测试分所', shortName: '测试分所', regionCode: town, parentId: d1.id, docPrefix: '测卫', phone: '0510-86660000' },
  users: { username: 'newuser', displayName: '新用户', roles: ['inspector'], agencyId: d1.id, password: 'Initial-pass1', phone: '13600003333' },
  entities: { creditCode: '', name: '测试单位', address: '测试路 9 号', regionCode: `${town}099`, categories: ['school'] },
});

describe('create and edit every register as the city administrator', () => {
  const order = ['regions', 'grid-cells', 'agencies', 'practitioners', 'inspectors', 'matters', 'checklists', 'users'];
  it.each(order)('%s', async (name) => {
    const body = payloads()[name];
    const created = await admin.post(`/api/${name}`, body);
    expect(created.statusCode, created.body).toBe(201);
    const rec = created.json();
    expect(rec.version).toBe(1);
    const detail = (await admin.get(`/api/${name}/${rec.id}`)).json();
    const edited = await admin.put(`/api/${name}/${rec.id}`, { ...body, ...detail, version: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(2);
    const history = (await admin.get(`/api/${name}/${rec.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['update', 'create']);
  });

  it('masks personal data on practitioners and users, and keeps it when the masked value is sent back', async () => {
    const list = (await admin.get(`/api/practitioners?q=${encodeURIComponent('钱多多')}`)).json();
    expect(list.items[0]).toMatchObject({ idNumber: '1101**********002X', phone: '139****1111', entityCreditCode: clinic.creditCode });
    const user = (await admin.get('/api/users?q=newuser')).json().items[0];
    expect(user).toMatchObject({ phone: '136****3333', mustChangePassword: true, roleLabels: ['卫生监督员'] });
    expect(JSON.stringify(user)).not.toMatch(/argon2|passwordHash/);
    const unit = (await admin.get('/api/users?q=unit')).json().items.find((u: { username: string }) => u.username === 'unit');
    expect(unit.entityCreditCode).toMatch(/^[0-9A-Z]{18}$/);
    expect(unit.entityName).toMatch(/诊所/);
  });

  it('a new user logs in with the initial password and is asked to change it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'newuser', password: 'Initial-pass1' } });
    expect(res.json().mustChangePassword).toBe(true);
  });
});

describe.each(registers.map((d) => d.name))('Excel for %s', (name) => {
  it('template and export download as workbooks with the register\'s headers', async () => {
    const def = registers.find((d) => d.name === name)!;
    for (const url of [`/api/${name}/template.xlsx`, `/api/${name}/export.xlsx`]) {
      const res = await admin.get(url);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      const headers = (wb.worksheets[0].getRow(1).values as string[]).filter(Boolean).map((h) => h.replace('*', ''));
      expect(headers).toEqual(def.excel.map((c) => c.header));
    }
  });
});

async function upload(name: string, headers: string[], rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  ws.addRow(headers);
  rows.forEach((r) => ws.addRow(r));
  return admin.upload(`/api/${name}/import`, `${name}.xlsx`, Buffer.from(await wb.xlsx.writeBuffer()));
}

describe('imports with structure', () => {
  it('checklists: rows sharing a 细则编号 become one checklist with its items', async () => {
    const h = ['细则编号', '细则名称', '适用类别', '发布区划代码', '条目编号', '检查项目', '检查内容', '法律依据', '关键项(※)', '分值'];
    const res = await upload('checklists', h, [
      ['IMP-1', '导入细则', '游泳场所', d1.regionCode, '1', '卫生许可', '持证经营', '条例第八条', '是', 30],
      ['IMP-1', '导入细则', '游泳场所', d1.regionCode, '2', '水质', '余氯符合标准', 'GB 37488', '是', 70],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1 });
    const cl = (await admin.get('/api/checklists?q=IMP-1')).json().items[0];
    expect(cl).toMatchObject({ itemCount: 2, keyItemCount: 2, totalPoints: 100, category: 'public_place.swimming' });
  });

  it('practitioners: linked to their institution by credit code; an unknown institution is reported on its row', async () => {
    const h = ['姓名', '身份证号', '执业证书编码', '执业类别', '执业机构统一社会信用代码'];
    const bad = await upload('practitioners', h, [
      ['赵一', '110105194912310029', '210329902260101', '执业医师', clinic.creditCode],
      ['钱二', '', '210329902260102', '注册护士', '91329900MA00000000'],
    ]);
    expect(bad.statusCode).toBe(422);
    const errors = bad.json().errors;
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 2, column: '身份证号', message: '身份证号校验位错误' }),
      expect.objectContaining({ row: 3, column: '执业机构统一社会信用代码', message: expect.stringContaining('未在检查对象名录中登记') }),
    ]));
    const good = await upload('practitioners', h, [['赵一', '11010519491231002X', '210329902260101', '执业医师', clinic.creditCode]]);
    expect(good.statusCode, good.body).toBe(200);
    const p = (await admin.get(`/api/practitioners?q=210329902260101`)).json().items[0];
    expect(p).toMatchObject({ entityId: clinic.id, idNumber: '1101**********002X' });
  });
});
