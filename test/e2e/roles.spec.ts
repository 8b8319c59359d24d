/** Menus by role, the jurisdiction seen in the browser, a stale edit, and the tablet layout. */
import { expect, test, type Page } from '@playwright/test';
import { login } from './helpers';

test('a regulated unit\'s account sees only its own unit and no staff registers', async ({ page }) => {
  await login(page, 'unit');
  await expect(page.getByRole('menuitem', { name: /执法人员/ })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: /用户管理/ })).toHaveCount(0);
  const res = await page.request.get('/api/entities');
  const body = await res.json();
  expect(body.total).toBe(1);
  expect((await page.request.get('/api/inspectors')).status()).toBe(403);
});

test('an inspector has no administration menu and cannot open the user list', async ({ page }) => {
  await login(page, 'inspector');
  await expect(page.getByRole('menuitem', { name: /检查对象/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /用户管理/ })).toHaveCount(0);
  expect((await page.request.get('/api/users')).status()).toBe(403);
});

test('a stale edit is refused with a message naming the conflict', async ({ page, browser }) => {
  await login(page, 'chief');
  const list = await (await page.request.get('/api/entities?pageSize=1&sort=name')).json();
  const entity = list.items[0];
  await page.goto(`/entities/${entity.id}`);
  await page.getByRole('button', { name: /编\s*辑/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('单位名称')).toHaveValue(entity.name);

  // meanwhile a colleague saves the same record
  const other = await browser.newContext({ baseURL: page.url().replace(/\/entities.*/, '') });
  const otherPage = await other.newPage();
  await login(otherPage, 'inspector');
  const me = await (await otherPage.request.get('/api/auth/me')).json();
  const current = await (await otherPage.request.get(`/api/entities/${entity.id}`)).json();
  const saved = await otherPage.request.put(`/api/entities/${entity.id}`, {
    data: { ...current, legalRep: '同事修改', version: current.version },
    headers: { 'x-csrf-token': me.csrfToken },
  });
  expect(saved.status()).toBe(200);
  await other.close();

  await dialog.getByLabel('单位名称').fill(`${entity.name}（过期修改）`);
  await dialog.getByRole('button', { name: /保\s*存|确\s*定/ }).click();
  await expect(page.getByText(/已被他人修改/).first()).toBeVisible();
  const after = await (await page.request.get(`/api/entities/${entity.id}`)).json();
  expect(after.name).toBe(entity.name);
  expect(after.legalRep).toBe('同事修改');
});

test('the entity register is usable at tablet width', async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await login(page, 'chief');
  await page.goto('/entities');
  await expect(page.getByRole('heading', { name: '检查对象名录库' })).toBeVisible();
  await expect(page.locator('.ant-table-tbody tr.ant-table-row').first()).toBeVisible();
  // nothing overflows the page horizontally
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
