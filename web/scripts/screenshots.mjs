#!/usr/bin/env node
/**
 * Screenshots of the main pages into docs/screenshots/*.png.
 *
 *   npx vite build
 *   PORT=3100 WEIJIAN_DATA_DIR=/tmp/wj-shots node --import tsx server/main.ts &
 *   WJ_URL=http://localhost:3100 node web/scripts/screenshots.mjs
 *
 * Run it against a throwaway demo instance: it edits, deletes and restores one entity so that the
 * detail page has a change history to show.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import ExcelJS from 'exceljs';

const BASE = process.env.WJ_URL ?? 'http://localhost:3000';
const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
const PASSWORD = process.env.WJ_PASSWORD ?? 'Weijian@2026';
fs.mkdirSync(OUT, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

const shot = async (page, name, opts = {}) => {
  await page.waitForTimeout(opts.settle ?? 400);
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: !!opts.fullPage });
  console.log('saved', path.relative(process.cwd(), file));
};

/** Call the API from inside the page (session cookie + CSRF token, like the app). */
async function apiCall(page, method, url, body) {
  return page.evaluate(async ({ method, url, body }) => {
    const me = await fetch('/api/auth/me', { credentials: 'same-origin' }).then((r) => r.json());
    const res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  }, { method, url, body });
}

async function login(page, username) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** An import file with typical mistakes, built from the server's own template. */
async function badImportFile(page) {
  const buf = await page.evaluate(async () => {
    const r = await fetch('/api/entities/template.xlsx', { credentials: 'same-origin' });
    return Array.from(new Uint8Array(await r.arrayBuffer()));
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(buf));
  const ws = wb.worksheets[0];
  const headers = [];
  ws.getRow(1).eachCell((c, i) => { headers[i] = String(c.value ?? '').replace(/\s*\*$/, '').replace(/^\*/, '').trim(); });
  const col = (h) => headers.findIndex((x) => x && x.startsWith(h));
  // drop example rows after the header
  for (let r = ws.rowCount; r >= 2; r--) ws.spliceRows(r, 1);
  const rows = [
    { 统一社会信用代码: '12329902MB1234567A', 单位名称: '临湖区示范诊所', 地址: '澄江市临湖区湖滨路1号', 所属区划代码: '329902001', 专业类别: '诊所/门诊部' },
    { 统一社会信用代码: '91329902MA1XYZ', 单位名称: '青石镇浴室', 地址: '澄江市临湖区青石镇中街8号', 所属区划代码: '329902001', 专业类别: '浴池' },
    { 统一社会信用代码: '92329902MA1B2C3D4E', 单位名称: '', 地址: '澄江市临湖区', 所属区划代码: '3299', 专业类别: '美容美发', 许可证类型: '公共场所卫生许可证', 许可证号: 'HB-001', 有效期至: '2026-02-30' },
  ];
  rows.forEach((data, i) => {
    const row = ws.getRow(i + 2);
    for (const [h, v] of Object.entries(data)) {
      const c = col(h);
      if (c > 0) row.getCell(c).value = v;
    }
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));

  // 1. login
  await page.goto(`${BASE}/login`);
  await page.getByText('当前为演示数据').waitFor();
  await shot(page, 'login');

  // 2. home
  await login(page, 'admin');
  await page.getByRole('img', { name: '检查对象类别分布图' }).waitFor();
  await page.locator('canvas').first().waitFor();
  await shot(page, 'home', { settle: 1200 });

  // 3. entities list
  await page.goto(`${BASE}/entities`);
  await page.getByRole('table').locator('tbody tr.ant-table-row').first().waitFor();
  await shot(page, 'entities-list');

  // 4. entity detail with history: give one entity a few recorded changes first
  const list = await apiCall(page, 'GET', '/api/entities?pageSize=1&sort=name&category=medical.hospital');
  let entity = list.body.items[0];
  const input = (e, patch) => ({
    creditCode: e.creditCode, name: e.name, address: e.address, regionCode: e.regionCode, gridCode: e.gridCode, lng: e.lng, lat: e.lat,
    legalRep: e.legalRep, contactPhone: e.contactPhone, categories: e.categories, licences: e.licences, beds: e.beds,
    operatingStatus: e.operatingStatus, version: e.version, ...patch,
  });
  let r = await apiCall(page, 'PUT', `/api/entities/${entity.id}`, input(entity, { legalRep: '王建华', beds: (entity.beds ?? 0) + 20 }));
  entity = r.body;
  r = await apiCall(page, 'DELETE', `/api/entities/${entity.id}`, { version: entity.version, reason: '核查发现重复登记，先行删除' });
  r = await apiCall(page, 'POST', `/api/entities/${entity.id}/restore`, { version: r.body.version, reason: '经核实并非重复登记，恢复' });
  await page.goto(`${BASE}/entities/${entity.id}`);
  await page.getByTestId('history-item').first().waitFor();
  await shot(page, 'entity-detail', { fullPage: true });

  // 5. entity edit form
  await page.getByRole('button', { name: '编辑' }).first().click();
  await page.getByRole('dialog', { name: '编辑检查对象' }).waitFor();
  await page.getByLabel('单位名称').waitFor();
  await shot(page, 'entity-edit', { settle: 800 });
  await page.getByRole('button', { name: '取消' }).click();

  // 6. import with errors
  await page.goto(`${BASE}/entities`);
  await page.getByRole('button', { name: '导入' }).click();
  const dialog = page.getByRole('dialog', { name: '导入检查对象' });
  await dialog.waitFor();
  await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles({
    name: '检查对象导入.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await badImportFile(page),
  });
  await dialog.getByRole('button', { name: '开始导入' }).click();
  await page.getByTestId('import-errors').waitFor();
  await shot(page, 'import-errors');
  await dialog.getByRole('button', { name: '完成' }).click();

  // 7. practitioners, inspectors
  await page.goto(`${BASE}/practitioners`);
  await page.getByRole('table').locator('tbody tr.ant-table-row').first().waitFor();
  await shot(page, 'practitioners-list');
  await page.goto(`${BASE}/inspectors`);
  await page.getByRole('table').locator('tbody tr.ant-table-row').first().waitFor();
  await shot(page, 'inspectors-list');

  // 8. checklist detail
  await page.goto(`${BASE}/checklists`);
  const first = page.getByRole('table').locator('tbody tr.ant-table-row').first();
  await first.waitFor();
  await first.getByRole('link').first().click();
  await page.getByText('检查条目（').waitFor();
  await shot(page, 'checklist-detail', { fullPage: true });

  // 9. calendar
  await page.goto(`${BASE}/calendar?month=${new Date().getFullYear()}-10`);
  await page.getByRole('table', { name: '节假日与调休列表' }).locator('tbody tr.ant-table-row').first().waitFor();
  await page.getByRole('button', { name: '计算' }).click();
  await page.getByTestId('deadline-result').waitFor();
  await shot(page, 'calendar');

  // 10. tablet width
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.goto(`${BASE}/entities`);
  await page.getByRole('table').locator('tbody tr.ant-table-row').first().waitFor();
  await shot(page, 'entities-list-tablet');

  await context.close();
} finally {
  await browser.close();
}
