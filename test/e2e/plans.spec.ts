/**
 * 双随机抽查 end to end: the chief drafts a plan through the form, publishes it (accepting unstaffable
 * candidates if asked), draws it with a public value, staffs the targets the draw could not staff, records
 * an outcome (合格) and an 无法检查, and sees the completion rate on the progress tab.
 */
import { expect, test, type Page } from '@playwright/test';
import { login } from './helpers';

const ok = (method: string, path: RegExp) => (r: { request(): { method(): string }; url(): string; status(): number }) =>
  r.request().method() === method && path.test(new URL(r.url()).pathname) && r.status() < 400;

/** Give a 待派员 task two inspectors through the 补充派员 dialog of the plan's task table. */
async function staff(page: Page, entityName: string) {
  const row = page.getByRole('row', { name: new RegExp(entityName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  await row.getByRole('button', { name: '补充派员' }).click();
  const dialog = page.getByRole('dialog', { name: '补充派员' });
  await dialog.getByLabel('执法人员').click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-disabled)');
  await options.nth(0).click();
  await options.nth(1).click();
  await dialog.getByText('检查对象：').click(); // close the dropdown, which covers the reason field
  await dialog.getByLabel('指派理由').fill('本所该专业执法人员不足，经科室研究补充指派');
  const assigned = page.waitForResponse(ok('POST', /\/api\/tasks\/[^/]+\/assign$/));
  await dialog.getByRole('button', { name: '确认指派' }).click();
  await assigned;
  await expect(dialog).toBeHidden();
}

test('a chief drafts, publishes and draws a plan; tasks are recorded and the completion rate shows', async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, 'chief');
  const name = `E2E 公共场所卫生监督抽查 ${Date.now()}`;

  // --- draft through the form ---
  await page.goto('/plans');
  await page.getByRole('button', { name: '新建计划' }).click();
  await expect(page).toHaveURL(/\/plans\/new$/);
  // the form chunk loads lazily: wait for it (the list page also has a 计划名称 field)
  await expect(page.getByRole('heading', { name: '新建抽查计划' })).toBeVisible();
  await page.getByLabel('计划名称').fill(name);
  // Pick from a (tree) select and check that the choice shows in the field: on a loaded machine a click can land
  // while the dropdown is still re-rendering its filtered options, so the pick is retried until it holds.
  const pick = async (label: string, search: string, option: ReturnType<typeof page.locator>) => {
    const field = page.locator('.ant-form-item').filter({ has: page.getByLabel(label) });
    await expect(async () => {
      await page.getByLabel(label).click();
      await page.getByLabel(label).fill(search);
      await option.click({ timeout: 5_000 });
      await page.getByLabel('计划名称').click(); // close the dropdown
      await expect(field.locator('.ant-select-selection-item')).not.toHaveCount(0, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  };
  await pick('抽查事项', 'GG-01', page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'GG-01' }));
  // 检查对象类别: the whole 公共场所 category
  await pick('检查对象类别', '公共场所', page.locator('.ant-select-dropdown:visible .ant-select-tree-title').filter({ hasText: /^公共场所$/ }));
  await page.getByLabel('第 1 层名称').fill('公共场所');
  await page.getByLabel('第 1 层抽取数量').fill('3');
  const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/plans');
  await page.getByRole('button', { name: '保存草稿' }).click();
  expect((await created).status()).toBe(201);
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  const planId = page.url().split('/').pop()!;
  await expect(page.getByRole('heading', { name })).toBeVisible();

  // --- publish: the preview first; accept unstaffable candidates when there are any ---
  await page.getByRole('button', { name: '发布' }).click();
  const publishDialog = page.getByRole('dialog', { name: '发布抽查计划' });
  await expect(publishDialog.getByText('候选检查对象')).toBeVisible();
  const accept = publishDialog.getByRole('checkbox');
  if (await accept.isVisible()) await accept.check();
  const published = page.waitForResponse(ok('POST', /\/api\/plans\/[^/]+\/publish$/));
  await publishDialog.getByRole('button', { name: '确认发布' }).click();
  await published;
  await page.getByRole('dialog', { name: '计划已发布' }).getByRole('button', { name: '知道了' }).click();
  // the commitment and hashes are shown with the link to the public page
  await expect(page.getByText('种子承诺值')).toBeVisible();
  await expect(page.locator('.wj-public-card').getByText(/^[0-9a-f]{64}$/).first()).toBeVisible();
  await expect(page.getByTestId('public-link')).toHaveAttribute('href', `/public/plans/${planId}`);

  // --- draw with a public value ---
  await page.getByRole('button', { name: '抽取' }).click();
  const drawDialog = page.getByRole('dialog', { name: '抽取检查对象和执法人员' });
  await expect(drawDialog.getByText('什么是公开随机值')).toBeVisible();
  await drawDialog.getByLabel('公开随机值').fill('2026-11-23 福彩3D 第2026316期 开奖号码 5 8 2');
  const drawn = page.waitForResponse(ok('POST', /\/api\/plans\/[^/]+\/draw$/));
  await drawDialog.getByRole('button', { name: '开始抽取' }).click();
  const result = await (await drawn).json();
  expect(result.targets).toBe(3);
  await page.getByRole('dialog', { name: '抽取完成' }).getByRole('button', { name: '查看抽取结果' }).click();
  const table = page.getByRole('table', { name: '抽取结果' });
  await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(3);
  await expect(page.getByText('2026-11-23 福彩3D 第2026316期 开奖号码 5 8 2')).toBeVisible();

  // --- staff what the draw could not staff (the supervisor names the inspectors and the reason) ---
  const tasks = (await (await page.request.get(`/api/tasks?planId=${planId}`)).json()).items as { id: string; entityName: string; status: string }[];
  expect(tasks).toHaveLength(3);
  const [first, second] = tasks;
  for (const t of [first, second]) {
    if (t.status === 'unstaffed') await staff(page, t.entityName);
  }

  // --- 合格 for the first target ---
  await page.goto(`/tasks/${first.id}`);
  await page.getByRole('button', { name: '登记结果' }).click();
  const outcome = page.getByRole('dialog', { name: '登记检查结果' });
  await expect(outcome.getByLabel('合格')).toBeChecked();
  await outcome.getByLabel('检查情况').fill('现场检查卫生管理制度、公共用品用具消毒和从业人员健康证明，未发现违法行为。');
  const recorded = page.waitForResponse(ok('POST', /\/api\/tasks\/[^/]+\/outcome$/));
  await outcome.getByRole('button', { name: '提交' }).click();
  await recorded;
  await expect(outcome).toBeHidden();
  await expect(page.getByText('检查结果').first()).toBeVisible();
  await expect(page.locator('.ant-tag', { hasText: '合格' }).first()).toBeVisible();
  await expect(page.getByTestId('task-event').filter({ hasText: '登记检查结果' })).toBeVisible();

  // --- 无法检查 for the second target ---
  await page.goto(`/tasks/${second.id}`);
  await page.getByRole('button', { name: '无法检查' }).click();
  const unable = page.getByRole('dialog', { name: '登记无法检查' });
  await unable.getByLabel('查无此户').check();
  await unable.getByLabel('情况说明').fill('按登记地址实地核查，查无此户。');
  const unableDone = page.waitForResponse(ok('POST', /\/api\/tasks\/[^/]+\/unable$/));
  await unable.getByRole('button', { name: '提交' }).click();
  await unableDone;
  await expect(unable).toBeHidden();
  await expect(page.locator('.ant-tag', { hasText: '查无此户' }).first()).toBeVisible();

  // --- progress: 2 of 3 finished ---
  await page.goto(`/plans/${planId}?tab=stats`);
  await expect(page.getByTestId('completion-rate')).toHaveText('66.7%');
  await expect(page.getByText(/口径：完成率 =/)).toBeVisible();
  await expect(page.getByText(/口径：完结率 =/)).toBeVisible();
});

test('an inspector sees the task list as cards at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, 'inspector');
  await page.goto('/tasks?filter=all');
  await expect(page.getByRole('heading', { name: '我的检查任务' })).toBeVisible();
  await expect(page.locator('.ant-segmented').getByText('待办', { exact: true })).toBeVisible();
  // cards, not a wide table; nothing overflows the page horizontally
  await expect(page.locator('.wj-task-mobile')).toBeVisible();
  await expect(page.getByRole('table', { name: '检查任务列表' })).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
