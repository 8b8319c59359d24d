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

/** Login, home, registers, import errors, calendar. */
async function coreShots() {
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
}

/**
 * 双随机抽查: plans in every status (drafted, published, drawn and in progress), tasks with outcomes, and the
 * inspector's task pages at phone width. Creates its own plans through the API as the demo chief.
 */
async function plansShots() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  const must = (r, what) => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  await login(page, 'chief');
  const me = must(await apiCall(page, 'GET', '/api/auth/me'), 'me');
  const matters = must(await apiCall(page, 'GET', '/api/matters?pageSize=200'), 'matters').items;
  const matter = (code) => matters.find((m) => m.code === code).id;
  const year = new Date().getFullYear();
  const today = new Date().toISOString().slice(0, 10);
  const daysAgo = (n) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const plan = (patch) => ({
    level: '区县', year, agencyId: me.agency.id, targetRegions: [], carrierAgencyIds: [], windowStart: daysAgo(20), windowEnd: `${year}-12-31`,
    rules: { inspectorsPerTarget: 2, maxShareBp: 3000, avoidSameTown: true, avoidLastPair: true },
    exclusions: { excludeInspectedInPeriod: true, minIntervalDays: 0 }, ...patch,
  });
  const create = async (body) => must(await apiCall(page, 'POST', '/api/plans', body), 'create plan');
  const publish = async (p) => must(await apiCall(page, 'POST', `/api/plans/${p.id}/publish`, { version: p.version, acceptUnstaffable: true }), 'publish');
  const drawPlan = async (p, publicValue) => must(await apiCall(page, 'POST', `/api/plans/${p.id}/draw`, { version: p.version, publicValue }), 'draw').plan;
  const tasksOf = async (p) => must(await apiCall(page, 'GET', `/api/tasks?planId=${p.id}&pageSize=100`), 'tasks').items;

  // A: drawn and in progress, with outcomes of every kind
  let a = await create(plan({
    name: `${year}年学校卫生及消毒产品生产企业“双随机”监督抽查`, matterIds: [matter('XX-01'), matter('XD-01')], categories: ['school', 'disinfection_product'],
    strata: [
      { key: 'school', name: '学校', categories: ['school'], regionCodes: [], mode: 'count', count: 5, ratioBp: 0 },
      { key: 'xd', name: '消毒产品生产企业', categories: ['disinfection_product'], regionCodes: [], mode: 'count', count: 3, ratioBp: 0 },
    ],
    description: '依据本年度“双随机、一公开”监管工作计划，对辖区学校和消毒产品生产企业开展随机抽查。',
  }));
  a = await drawPlan(await publish(a), `${daysAgo(14)} 福彩3D 开奖号码 3 7 1`);
  // the draw is random: act on targets that got inspectors
  const ta = (await tasksOf(a)).filter((t) => t.status === 'pending');
  const act = async (t, path, body) => must(await apiCall(page, 'POST', `/api/tasks/${t.id}/${path}`, { version: t.version, ...body }), path);
  let t0 = await act(ta[0], 'outcome', { result: 'qualified', summary: '现场检查传染病防控、饮用水和教学环境卫生，未发现违法行为。', inspectedOn: daysAgo(10), attachmentIds: [] });
  let t1 = await act(ta[1], 'outcome', { result: 'rectify', summary: '晨午检记录不完整，责令限期整改。', inspectedOn: daysAgo(9), attachmentIds: [], followUpDue: daysAgo(-10) });
  let t2 = await act(ta[2], 'unable', { reason: 'closed', note: '按登记地址实地核查，该校区已停止办学。', inspectedOn: daysAgo(8) });
  let t3 = await act(ta[3], 'outcome', { result: 'rectify', summary: '卫生室消毒记录缺失，责令整改。', inspectedOn: daysAgo(12), attachmentIds: [], followUpDue: daysAgo(2) });
  t3 = await act(t3, 'follow-up/close', { result: 'rectified', followUpOn: daysAgo(1), note: '复查时已补齐消毒记录，整改合格。' });
  if (ta[4]) await act(ta[4], 'start', {});
  void t0; void t1; void t2;

  // B: public places, drawn; most targets cannot be staffed under the rules, three get inspectors assigned
  let b = await create(plan({
    name: `${year}年公共场所卫生“双随机”监督抽查（第四季度）`, matterIds: [matter('GG-01'), matter('GG-04')], categories: ['public_place.lodging', 'public_place.beauty'],
    strata: [
      { key: 'lodging', name: '住宿场所', categories: ['public_place.lodging'], regionCodes: [], mode: 'count', count: 4, ratioBp: 0 },
      { key: 'beauty', name: '美容美发场所', categories: ['public_place.beauty'], regionCodes: [], mode: 'ratio', count: 0, ratioBp: 300 },
    ],
  }));
  b = await drawPlan(await publish(b), `${daysAgo(3)} 体彩排列5 开奖号码 8 0 4 2 6`);
  const inspectors = must(await apiCall(page, 'GET', `/api/inspectors?agency=${me.agency.id}&pageSize=200`), 'inspectors').items;
  const zhang = inspectors.find((i) => i.userId);
  const other = inspectors.find((i) => i.specialties.includes('public_place') && i.id !== zhang.id) ?? inspectors.find((i) => i.id !== zhang.id);
  const tb = await tasksOf(b);
  for (const t of tb.slice(0, 3)) {
    await act(t, 'assign', { inspectorIds: [zhang.id, other.id], reason: '本所公共场所专业执法人员不足，经科室研究补充指派' });
  }

  // E: a plan whose window has already ended: the inspector's tasks in it are overdue
  let e = await create(plan({
    name: `${year}年游泳场所卫生专项“双随机”抽查`, matterIds: [matter('GG-02')], categories: ['public_place.swimming'], windowStart: daysAgo(60), windowEnd: daysAgo(5),
    strata: [{ key: 'swimming', name: '游泳场所', categories: [], regionCodes: [], mode: 'count', count: 2, ratioBp: 0 }],
  }));
  e = await drawPlan(await publish(e), `${daysAgo(55)} 福彩快乐8 开奖号码 03 11 17 25 38`);
  for (const t of await tasksOf(e)) {
    if (t.status === 'unstaffed') await act(t, 'assign', { inspectorIds: [zhang.id, other.id], reason: '游泳场所专业执法人员不足，补充指派' });
  }

  // C: a draft; D: published, waiting for the draw
  const c = await create(plan({
    name: `${year}年生活饮用水卫生“双随机”监督抽查`, matterIds: [matter('YS-01'), matter('YS-02')], categories: ['water.central', 'water.secondary'],
    strata: [
      { key: 'central', name: '集中式供水', categories: ['water.central'], regionCodes: [], mode: 'count', count: 3, ratioBp: 0 },
      { key: 'secondary', name: '二次供水', categories: ['water.secondary'], regionCodes: [], mode: 'ratio', count: 0, ratioBp: 1000 },
    ],
  }));
  const d = await publish(await create(plan({
    name: `${year}年医疗机构依法执业“双随机”监督抽查`, matterIds: [matter('YL-01')], categories: ['medical.clinic', 'medical.hospital'],
    strata: [{ key: 'all', name: '医疗机构', categories: [], regionCodes: [], mode: 'count', count: 6, ratioBp: 0 }],
  })));
  must(await apiCall(page, 'POST', '/api/conflicts', { inspectorId: zhang.id, entityId: tb[5]?.entityId ?? tb[0].entityId, reason: '执法人员的近亲属在该单位任职' }), 'conflict');

  const rows = (p) => p.getByRole('table').locator('tbody tr.ant-table-row').first().waitFor();
  /** Full-page capture with the viewport as tall as the page, so sticky header and footer bars stay in place. */
  const tall = async (p, name, opts = {}) => {
    const size = p.viewportSize();
    await p.evaluate(() => window.scrollTo(0, 0));
    const height = await p.evaluate(() => document.documentElement.scrollHeight);
    await p.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
    await shot(p, name, opts);
    await p.setViewportSize(size);
  };

  // list
  await page.goto(`${BASE}/plans`);
  await rows(page);
  await shot(page, 'plans-list');

  // draft form with the preview and the weight table open
  await page.goto(`${BASE}/plans/${c.id}/edit`);
  await page.getByRole('button', { name: '保存并预览候选' }).first().click();
  await page.getByTestId('plan-preview').waitFor();
  await page.getByText('抽取权重').first().click();
  await page.getByText('权重如何影响抽取').waitFor();
  await tall(page, 'plans-form', { settle: 800 });

  // publish dialog of the draft (staffing problems, acceptance)
  await page.goto(`${BASE}/plans/${c.id}`);
  await page.getByRole('button', { name: '发布' }).click();
  await page.getByRole('dialog', { name: '发布抽查计划' }).getByText('候选检查对象').waitFor();
  await shot(page, 'plans-publish', { settle: 800 });

  // draw dialog of the published plan
  await page.goto(`${BASE}/plans/${d.id}`);
  await page.getByRole('button', { name: '抽取' }).click();
  await page.getByLabel('公开随机值').fill(`${today} 福彩3D 开奖号码 5 8 2`);
  await shot(page, 'plans-draw', { settle: 600 });
  await page.keyboard.press('Escape');

  // detail of the plan in progress: steps, public information, tasks; stats; content
  await page.goto(`${BASE}/plans/${a.id}`);
  await rows(page);
  await tall(page, 'plans-detail');
  await page.goto(`${BASE}/plans/${a.id}?tab=stats`);
  await page.getByTestId('completion-rate').waitFor();
  await page.getByText('按执法人员').click();
  await page.locator('canvas').first().waitFor();
  await tall(page, 'plans-stats', { settle: 1200 });
  await page.goto(`${BASE}/plans/${a.id}?tab=content`);
  await page.getByText('派员与排除规则').waitFor();
  await tall(page, 'plans-content');

  // unstaffed targets and 补充派员
  await page.goto(`${BASE}/plans/${b.id}?tab=tasks`);
  await rows(page);
  await page.getByRole('button', { name: '补充派员' }).first().click();
  await page.getByRole('dialog', { name: '补充派员' }).waitFor();
  await shot(page, 'plans-assign', { settle: 600 });
  await page.keyboard.press('Escape');

  // import of a handed-down plan
  await page.goto(`${BASE}/plans`);
  await page.getByRole('button', { name: '导入上级下达计划' }).click();
  await page.getByRole('dialog', { name: '导入上级下达计划' }).waitFor();
  await shot(page, 'plans-import', { settle: 600 });
  await page.keyboard.press('Escape');

  // declared conflicts, the chief's home page
  await page.goto(`${BASE}/conflicts`);
  await rows(page);
  await shot(page, 'plans-conflicts');
  await page.goto(`${BASE}/`);
  await page.getByText('当前抽查计划').waitFor();
  await page.locator('canvas').first().waitFor();
  await shot(page, 'plans-home-chief', { settle: 1200 });

  // a finished task with its timeline (desktop)
  await page.goto(`${BASE}/tasks/${t3.id}`);
  await page.getByTestId('task-event').first().waitFor();
  await tall(page, 'tasks-detail');
  await context.close();

  // the inspector: home, task list on desktop, then the phone
  const desk = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const ip = await desk.newPage();
  await login(ip, 'inspector');
  await ip.getByText('我的检查任务').first().waitFor();
  await ip.locator('.wj-home-tasks .ant-statistic').first().waitFor();
  await shot(ip, 'tasks-home-inspector', { settle: 1000 });
  await ip.goto(`${BASE}/tasks?filter=all`);
  await rows(ip);
  await shot(ip, 'tasks-list');
  await desk.close();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const mp = await phone.newPage();
  mp.on('pageerror', (e) => console.error('page error:', e.message));
  await login(mp, 'inspector');
  await mp.goto(`${BASE}/tasks?filter=all`);
  await mp.locator('.wj-task-card').first().waitFor();
  await shot(mp, 'tasks-list-mobile');
  const open = must(await apiCall(mp, 'GET', '/api/tasks?mine=true&status=open'), 'my tasks').items[0];
  await mp.goto(`${BASE}/tasks/${open.id}`);
  await mp.getByRole('button', { name: '登记结果' }).waitFor();
  await tall(mp, 'tasks-detail-mobile');
  await mp.getByRole('button', { name: '登记结果' }).click();
  const dialog = mp.getByRole('dialog', { name: '登记检查结果' });
  await dialog.waitFor();
  await dialog.getByText('责令整改').click();
  await dialog.getByLabel('检查情况').fill('公共用品用具消毒记录不全，部分从业人员健康合格证明过期。');
  await shot(mp, 'tasks-outcome-mobile', { settle: 600 });
  await phone.close();
}

// WJ_SHOTS=core,plans selects the groups (default: all).
const groups = (process.env.WJ_SHOTS ?? 'core,plans').split(',');
try {
  if (groups.includes('core')) await coreShots();
  if (groups.includes('plans')) await plansShots();
} finally {
  await browser.close();
}
