/**
 * 线索台账 end to end: a chief registers a lead through the form and verifies it; leads are disposed of by
 * each path (立案, 不予立案, 移送, 并案); the head approves an extension of the filing deadline; the overdue
 * view lists only overdue leads; the export downloads a real .xlsx ledger.
 */
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { login } from './helpers';

const ok = (method: string, path: RegExp) => (r: { request(): { method(): string }; url(): string; status(): number }) =>
  r.request().method() === method && path.test(new URL(r.url()).pathname) && r.status() < 400;

interface LeadJson { id: string; code: string; version: number; status: string; filingDue: string | null }

/** Call the API from inside the page (session cookie and CSRF token, like the app). */
async function apiCall<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  const res = await page.evaluate(async ({ method, url, body }) => {
    const me = await fetch('/api/auth/me', { credentials: 'same-origin' }).then((r) => r.json());
    const r = await fetch(url, {
      method, credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: await r.json() };
  }, { method, url, body });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(400);
  return res.body as T;
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** A verified lead of the chief's agency, made through the API (the form is exercised once, below). */
async function verifiedLead(page: Page, unitName: string): Promise<LeadJson> {
  const options = await apiCall<{ agencyId: string }>(page, 'GET', '/api/leads/options');
  const lead = await apiCall<LeadJson>(page, 'POST', '/api/leads', {
    source: 'department', originRef: '临湖区市场监督管理局移送函', unitName, facts: `${unitName}涉嫌未取得医疗机构执业许可证开展诊疗活动。`,
    receivedOn: today(), agencyId: options.agencyId, handlerIds: [],
  });
  return apiCall<LeadJson>(page, 'POST', `/api/leads/${lead.id}/verify`, { version: lead.version, verification: '经现场核查，线索反映情况属实，已制作现场笔录。', verifiedOn: today() });
}

async function chooseOption(page: Page, text: string | RegExp) {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

test('a lead registered through the form is verified and filed (立案) with the head as approver', async ({ page }) => {
  await login(page, 'chief');
  await page.goto('/leads');
  await page.getByRole('button', { name: '登记线索' }).click();
  await expect(page.getByRole('heading', { name: '登记线索' })).toBeVisible();
  await page.getByLabel('线索来源').click();
  await chooseOption(page, '上级交办');
  await page.getByLabel('交办文号').fill('澄卫监交〔2026〕99号');
  await page.getByLabel('当事人', { exact: true }).fill('E2E 临湖区某某养生馆');
  await page.getByLabel('线索内容').fill('市卫生健康委交办：该养生馆涉嫌非法开展针灸、推拿等医疗活动。');
  await page.getByLabel('承办人').click();
  await chooseOption(page, '张明远');
  await page.getByLabel('线索内容').click(); // close the dropdown
  const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/leads');
  await page.getByRole('button', { name: /登\s*记$/ }).click();
  const lead = await (await created).json() as LeadJson;
  expect(lead.code).toMatch(/^.+线〔\d{4}〕\d+号$/);
  await expect(page).toHaveURL(new RegExp(`/leads/${lead.id}$`));
  await expect(page.getByRole('heading', { name: new RegExp(lead.code.replace(/[〔〕]/g, '.')) })).toBeVisible();
  await expect(page.getByText('核查中').first()).toBeVisible();

  // 核查: the filing deadline starts to run
  await page.getByRole('button', { name: '登记核查情况' }).click();
  const verify = page.getByRole('dialog', { name: '登记核查情况' });
  await verify.getByLabel('核查情况').fill('执法人员现场核查，发现针灸针、火罐等器具，顾客陈述接受过针灸。');
  const verified = page.waitForResponse(ok('POST', /\/verify$/));
  await verify.getByRole('button', { name: '提交' }).click();
  await verified;
  await expect(page.getByText('已核查待决定').first()).toBeVisible();
  await expect(page.getByText(/请于 \d{4}-\d{2}-\d{2} 前作出是否立案的决定/)).toBeVisible();

  // 立案: the head is the approver
  await page.getByRole('button', { name: /(^|\s)立案$/ }).click();
  const file = page.getByRole('dialog', { name: '决定立案' });
  await file.getByLabel('批准人（机构负责人）').click();
  await chooseOption(page, '陈志远');
  await file.getByLabel('立案意见').fill('违法事实基本清楚，依法应当给予行政处罚');
  const filed = page.waitForResponse(ok('POST', /\/dispose$/));
  await file.getByRole('button', { name: '确认处置' }).click();
  await filed;
  const result = page.locator('.ant-card').filter({ hasText: '处置结果' });
  await expect(result.getByText('立案', { exact: true })).toBeVisible();
  await expect(result.getByText('陈志远')).toBeVisible();
  await expect(page.getByTestId('lead-event').filter({ hasText: '决定立案' })).toBeVisible();
  await expect(page.getByRole('button', { name: /(^|\s)立案$/ })).toHaveCount(0);
});

test('leads are disposed of by 不予立案, 移送 and 并案', async ({ page }) => {
  await login(page, 'chief');
  await page.goto('/leads');

  // 不予立案: the reason is required
  const a = await verifiedLead(page, 'E2E 不予立案诊所');
  await page.goto(`/leads/${a.id}`);
  await page.getByRole('button', { name: '不予立案' }).click();
  const noFile = page.getByRole('dialog', { name: '决定不予立案' });
  await noFile.getByRole('button', { name: '确认处置' }).click();
  await expect(noFile.getByText(/请填写不予立案的理由/)).toBeVisible();
  await noFile.getByLabel('不予立案理由').fill('经核查，当事人已于线索反映前停止经营');
  const noFiled = page.waitForResponse(ok('POST', /\/dispose$/));
  await noFile.getByRole('button', { name: '确认处置' }).click();
  await noFiled;
  await expect(page.locator('.ant-card').filter({ hasText: '处置结果' }).getByText('不予立案', { exact: true })).toBeVisible();
  await expect(page.getByText('经核查，当事人已于线索反映前停止经营').first()).toBeVisible();

  // 移送: to the police, with the transfer document's number
  const b = await verifiedLead(page, 'E2E 移送公安诊所');
  await page.goto(`/leads/${b.id}`);
  await page.getByRole('button', { name: /(^|\s)移送$/ }).click();
  const transfer = page.getByRole('dialog', { name: '移送' });
  await transfer.getByLabel('移送机关').fill('公安');
  await chooseOption(page, '公安机关');
  await transfer.getByLabel('移送文书文号').fill('湖卫移〔2026〕88号');
  const transferred = page.waitForResponse(ok('POST', /\/dispose$/));
  await transfer.getByRole('button', { name: '确认处置' }).click();
  await transferred;
  const tCard = page.locator('.ant-card').filter({ hasText: '处置结果' });
  await expect(tCard.getByText('公安机关')).toBeVisible();
  await expect(tCard.getByText('湖卫移〔2026〕88号')).toBeVisible();

  // 并案: into another lead of the agency, which then lists it
  const root = await verifiedLead(page, 'E2E 并案主线索诊所');
  const dup = await verifiedLead(page, 'E2E 并案重复线索诊所');
  await page.goto(`/leads/${dup.id}`);
  await page.getByRole('button', { name: /(^|\s)并案$/ }).click();
  const merge = page.getByRole('dialog', { name: '并案处理' });
  await merge.getByLabel('并入线索').click();
  await merge.getByLabel('并入线索').fill('并案主线索');
  await chooseOption(page, root.code);
  const merged = page.waitForResponse(ok('POST', /\/dispose$/));
  await merge.getByRole('button', { name: '确认处置' }).click();
  await merged;
  await expect(page.locator('.ant-card').filter({ hasText: '处置结果' }).getByRole('link', { name: root.code })).toBeVisible();
  await page.getByRole('link', { name: root.code }).click();
  await expect(page).toHaveURL(new RegExp(`/leads/${root.id}$`));
  await expect(page.locator('.ant-card').filter({ hasText: '并入本线索的线索' }).getByRole('link', { name: dup.code })).toBeVisible();
});

test('the head approves an extension of the filing deadline asked for by the chief', async ({ page, browser }) => {
  await login(page, 'chief');
  await page.goto('/leads');
  const lead = await verifiedLead(page, 'E2E 延期线索宾馆');
  await page.goto(`/leads/${lead.id}`);
  await page.getByRole('button', { name: '申请延期' }).click();
  const ask = page.getByRole('dialog', { name: '申请延长立案决定期限' });
  await ask.getByLabel('延期理由').fill('需等待水质复检结果后作出决定');
  const asked = page.waitForResponse(ok('POST', /\/extension$/));
  await ask.getByRole('button', { name: '提交申请' }).click();
  await asked;
  await expect(page.getByText('已申请，待负责人审批')).toBeVisible();
  await expect(page.getByRole('button', { name: '审批延期' })).toHaveCount(0); // only the head decides

  const headPage = await (await browser.newContext()).newPage();
  await login(headPage, 'head');
  await headPage.goto(`/leads/${lead.id}`);
  await expect(headPage.getByText(/待机构负责人审批/)).toBeVisible();
  await headPage.getByRole('button', { name: '审批延期' }).click();
  const decide = headPage.getByRole('dialog', { name: '审批延期申请' });
  await expect(decide.getByText('需等待水质复检结果后作出决定')).toBeVisible();
  const approved = headPage.waitForResponse(ok('POST', /\/extension\/decision$/));
  await decide.getByRole('button', { name: '提交' }).click();
  const body = await (await approved).json() as { extendedDue: string; filingDue: string };
  expect(body.filingDue).toBe(lead.filingDue);
  expect(body.extendedDue > body.filingDue).toBe(true);
  await expect(headPage.getByText(`经负责人批准延至 ${body.extendedDue}`)).toBeVisible();
  await expect(headPage.getByTestId('lead-event').filter({ hasText: '批准延期' })).toBeVisible();
  await headPage.context().close();
});

test('the overdue view lists only overdue leads and the export downloads the ledger as .xlsx', async ({ page }) => {
  await login(page, 'chief');
  await page.goto('/leads');
  await expect(page.getByText(/辖区内有 \d+ 条线索已超过期限尚未处置/)).toBeVisible();
  const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/leads' && new URL(r.url()).searchParams.get('overdue') === 'true');
  await page.getByRole('button', { name: '查看超期线索' }).click();
  const overdue = await (await listed).json() as { total: number; items: { overdue: boolean }[] };
  expect(overdue.total).toBeGreaterThan(0);
  expect(overdue.items.every((l) => l.overdue)).toBe(true);
  await expect(page).toHaveURL(/overdue=true/);
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  const n = await rows.count();
  expect(n).toBe(Math.min(overdue.total, 20));
  for (let i = 0; i < n; i++) await expect(rows.nth(i).getByText('已超期')).toBeVisible();

  // the export of exactly this view
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出台账' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^线索台账_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  expect(ws.name).toBe('线索台账');
  expect(String(ws.getCell(1, 1).value)).toMatch(/线索台账$/);
  expect(String(ws.getCell(2, 1).value)).toContain('仅超期');
  const headers = (ws.getRow(3).values as unknown[]).slice(1).map(String);
  expect(headers).toEqual(expect.arrayContaining(['线索编号', '线索来源', '来源编号/关联', '登记日期', '当事人', '线索内容', '承办人', '核查情况', '立案决定期限', '处置结果', '是否超期']));
  const overdueCol = headers.indexOf('是否超期') + 1;
  let dataRows = 0;
  ws.eachRow((row, i) => {
    if (i <= 3) return;
    dataRows++;
    expect(String(row.getCell(overdueCol).value)).toMatch(/^是（/);
  });
  expect(dataRows).toBe(overdue.total);
});
