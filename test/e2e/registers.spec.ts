/**
 * End to end in Chromium: log in, search the entity register, create an entity, edit it, and import a
 * file with an error to see the per-row report — all against the real server and the demo city.
 */
import { expect, test, type Page } from '@playwright/test';
import { login } from './helpers';
import ExcelJS from 'exceljs';
import { withCheckChar } from '../../server/domains/entities/credit-code';

test('the login page warns about demo data and refuses a wrong password', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByText('当前为演示数据')).toBeVisible();
  await page.getByLabel('用户名').fill('chief');
  await page.getByLabel('密码').fill('wrong-password-1');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByText(/用户名或密码错误/)).toBeVisible();
});

test('the home page shows the agency and counts', async ({ page }) => {
  await login(page, 'chief');
  await expect(page.getByText('临湖区卫生健康监督所').first()).toBeVisible();
  await expect(page.getByText('检查对象').first()).toBeVisible();
  // a reminder opens the list filtered, and says so
  await page.getByRole('link', { name: '查看许可证已过期' }).click();
  await expect(page).toHaveURL(/\/entities\?licence=expired/);
  await expect(page.getByText('筛选：许可证已过期')).toBeVisible();
  await expect(page.locator('.ant-table-tbody tr.ant-table-row').first()).toBeVisible();
});

test('entity register: search, create, edit, import with an error report', async ({ page }) => {
  await login(page, 'chief');
  await page.goto('/entities');
  await expect(page.getByRole('heading', { name: '检查对象名录库' })).toBeVisible();

  // search by a Chinese substring
  await page.getByPlaceholder('输入单位名称').fill('诊所');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toContainText('诊所');

  // create
  const code = withCheckChar('92329902MAE2E0001');
  await page.getByRole('button', { name: /新\s*增/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('统一社会信用代码').fill(code.slice(0, 17) + (code[17] === 'A' ? 'B' : 'A'));
  await dialog.getByLabel('单位名称').fill('端到端测试美发店');
  await dialog.getByLabel('地址').fill('临湖区测试路 100 号');
  await pickRegion(page, dialog);
  await dialog.getByLabel('专业类别').click();
  await page.getByTitle('美容美发').last().click();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: /保\s*存|确\s*定/ }).click();
  // the wrong check character is refused with the field's message
  await expect(dialog.getByText(/校验位错误/)).toBeVisible();
  await dialog.getByLabel('统一社会信用代码').fill(code);
  await dialog.getByRole('button', { name: /保\s*存|确\s*定/ }).click();
  // the new record opens on its detail page, with its creation in the history
  await expect(page.getByRole('heading', { name: '端到端测试美发店' })).toBeVisible();
  await expect(page.getByText(code)).toBeVisible();
  await expect(page.getByText('变更历史')).toBeVisible();

  // edit from the detail page
  await page.getByRole('button', { name: /编\s*辑/ }).click();
  const edit = page.getByRole('dialog');
  await edit.getByLabel('单位名称').fill('端到端测试美发店（已更名）');
  await edit.getByRole('button', { name: /保\s*存|确\s*定/ }).click();
  await expect(page.getByRole('heading', { name: '端到端测试美发店（已更名）' })).toBeVisible();
  await expect(page.getByText('第 2 版')).toBeVisible();
  await expect(page.getByText('端到端测试美发店（已更名）').nth(1)).toBeVisible();

  // the list finds it by the new name
  await page.goto('/entities');
  await page.getByPlaceholder('输入单位名称').fill('已更名');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(code);

  // import a file with one bad row
  await page.goto('/entities');
  await page.getByRole('button', { name: /导\s*入/ }).click();
  const file = await workbook([
    [withCheckChar('92329902MAE2E0002'), '端到端导入诊所', '测试路 2 号', '329902001001', '诊所/门诊部'],
    [withCheckChar('92329902MAE2E0003'), '端到端导入美容店', '测试路 3 号', '329902001001', '不存在的类别'],
  ]);
  const imp = page.getByRole('dialog');
  await imp.locator('input[type=file]').setInputFiles({ name: '检查对象.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  await imp.getByRole('button', { name: /开始导入/ }).click();
  await expect(imp.getByText(/导入失败/)).toBeVisible();
  const errorRow = imp.getByRole('row').filter({ hasText: '不存在的类别' });
  await expect(errorRow.getByRole('cell', { name: '3', exact: true })).toBeVisible();
  await expect(errorRow.getByRole('cell', { name: '专业类别', exact: true })).toBeVisible();
  await expect(imp.getByText(/未知的专业类别“不存在的类别”/)).toBeVisible();
  const download = page.waitForEvent('download');
  await imp.getByRole('button', { name: /下载错误报告/ }).click();
  const report = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of report) chunks.push(c as Buffer);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as never);
  expect(wb.worksheets[0].getRow(1).values).toEqual([, '行号', '列', '错误原因']);
  expect(wb.worksheets[0].getRow(3).values).toEqual([, 3, '专业类别', expect.stringContaining('未知的专业类别')]);

  // the valid row of that file was not imported either
  await page.keyboard.press('Escape');
  await page.getByPlaceholder('输入单位名称').fill('端到端导入');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(rows).toHaveCount(0);
});

/** Choose the first village of the user's district in the region tree, searching by its name. */
async function pickRegion(page: Page, dialog: ReturnType<Page['getByRole']>) {
  const regions = (await (await page.request.get('/api/meta/regions')).json()).items as { code: string; name: string }[];
  const village = regions.find((r) => r.code.length === 12)!;
  const region = dialog.getByLabel('所属区划');
  await region.click();
  await region.fill(village.name);
  await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: village.name }).first().click();
  return village;
}

async function workbook(rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('检查对象');
  ws.addRow(['统一社会信用代码', '单位名称', '地址', '所属区划代码', '专业类别']);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
