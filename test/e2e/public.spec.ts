/**
 * The public portal (一公开), anonymously: a drawn plan's commitment as published, the draw re-verified in the
 * browser (Web Worker running lib/draw), a tampered bundle refused, and the results as cards on a phone.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { PASSWORD } from './helpers';

interface DrawnPlan { id: string; name: string; commitment: string; candidatesHash: string; targets: number }

let plan: DrawnPlan;

/** Create, publish and draw a plan through the staff API as the section chief. */
async function createDrawnPlan(request: APIRequestContext): Promise<DrawnPlan> {
  const login = await request.post('/api/auth/login', { data: { username: 'chief', password: PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const headers = { 'x-csrf-token': (await login.json()).csrfToken as string };
  const me = await (await request.get('/api/auth/me')).json();
  const matters = await (await request.get('/api/matters?pageSize=2')).json();
  const name = `2026年临湖区公共场所卫生双随机抽查计划（公示测试 ${Date.now()}）`;
  const created = await request.post('/api/plans', {
    headers,
    data: {
      name, level: '区县', year: 2026, agencyId: me.agency.id, matterIds: matters.items.map((m: { id: string }) => m.id).slice(0, 2),
      categories: ['public_place'], windowStart: '2026-03-01', windowEnd: '2026-12-31',
      strata: [{ key: 'pp', name: '公共场所', categories: ['public_place'], regionCodes: [], mode: 'count', count: 5 }],
      rules: { inspectorsPerTarget: 2, maxShareBp: 5000, avoidSameTown: false, avoidLastPair: true },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const draft = await created.json();
  const published = await request.post(`/api/plans/${draft.id}/publish`, { headers, data: { version: draft.version, acceptUnstaffable: true } });
  expect(published.status(), await published.text()).toBe(200);
  const drawn = await request.post(`/api/plans/${draft.id}/draw`, {
    headers, data: { version: (await published.json()).version, publicValue: '福彩3D 2026年第301期 开奖号码 4 7 1' },
  });
  expect(drawn.status(), await drawn.text()).toBe(200);
  const body = await drawn.json();
  await request.post('/api/auth/logout', { headers });
  return { id: draft.id, name, commitment: body.plan.published.commitment, candidatesHash: body.plan.published.candidatesHash, targets: body.targets };
}

test.beforeAll(async ({ playwright }, info) => {
  const request = await playwright.request.newContext({ baseURL: info.project.use.baseURL });
  plan = await createDrawnPlan(request);
  await request.dispose();
});

test('anyone can read a drawn plan\'s commitment and re-verify the draw in the browser', async ({ page }) => {
  // the public API and the staff API agree on what was committed before the draw
  const pub = await (await page.request.get(`/api/public/plans/${plan.id}`)).json();
  expect(pub.published.commitment).toBe(plan.commitment);

  await page.goto('/public');
  await expect(page.getByRole('heading', { name: '抽查计划公示' })).toBeVisible();
  const row = page.locator('tr', { hasText: plan.name });
  await expect(row).toContainText(plan.commitment.slice(0, 16));
  await row.getByRole('link', { name: plan.name }).click();

  await expect(page).toHaveURL(new RegExp(`/public/plans/${plan.id}$`));
  await expect(page.getByRole('heading', { name: plan.name })).toBeVisible();
  const hashes = page.locator('#hashes');
  await expect(hashes.getByText(plan.commitment, { exact: true })).toBeVisible();
  await expect(hashes.getByText(plan.candidatesHash, { exact: true })).toBeVisible();
  await expect(page.locator('#draw')).toContainText('福彩3D 2026年第301期 开奖号码 4 7 1');
  await expect(page.locator('#results .ant-table-row')).toHaveCount(plan.targets);

  await page.getByRole('button', { name: '验证抽取' }).click();
  await expect(page.getByText(`验证通过：按公开协议重新计算，抽取结果与公示一致（共 ${plan.targets} 个检查对象）`)).toBeVisible({ timeout: 60_000 });
});

test('a tampered data package is refused with the reason in Chinese', async ({ page }) => {
  const bundle = await (await page.request.get(`/api/public/draws/${plan.id}/bundle`)).json();
  // a citizen's unit renamed after publication: the first line of the name column
  bundle.frozen.candidates.name = bundle.frozen.candidates.name.replace(/^[^\n]*/, (first: string) => `${first}（分店）`);
  await page.goto(`/public/plans/${plan.id}`);
  await page.locator('input[type=file]').setInputFiles({ name: 'draw.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) });
  const alert = page.getByRole('alert').filter({ hasText: '验证未通过' });
  await expect(alert).toBeVisible({ timeout: 60_000 });
  await expect(alert).toContainText('候选对象名单哈希不符');
});

test('on a phone the results are cards and nothing overflows', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/public/plans/${plan.id}`);
  await expect(page.getByRole('heading', { name: plan.name })).toBeVisible();
  const results = page.locator('#results');
  await expect(results.locator('.wj-pub-result-card')).toHaveCount(plan.targets);
  await expect(results.locator('table')).toHaveCount(0);
  await expect(results.locator('.wj-pub-result-card').first()).toContainText('执法人员');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // the nav is usable at this width
  await page.getByRole('link', { name: '验证说明' }).first().click();
  await expect(page.getByRole('heading', { name: '验证说明' })).toBeVisible();
});
