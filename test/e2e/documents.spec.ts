/**
 * 执法文书 in the browser: an administrator replaces the 现场笔录 template (a broken file is refused with its
 * reasons, an edited one becomes version 1) and falls back to the default; the public verification page
 * explains a malformed code without login.
 */
import { expect, test } from '@playwright/test';
import PizZip from 'pizzip';
import { login } from './helpers';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

test('an administrator uploads, checks and reverts a template', async ({ page }) => {
  await login(page, 'admin');
  await page.goto('/document-templates');
  await expect(page.getByText('现场笔录：当前使用的模板')).toBeVisible();
  await expect(page.getByText('系统默认', { exact: true })).toBeVisible();
  await expect(page.getByText('{agencyName}', { exact: true })).toBeVisible(); // the tag reference

  const upload = page.locator('input[type=file]');
  await upload.setInputFiles({ name: '坏文件.docx', mimeType: DOCX, buffer: Buffer.from('这不是 Word 文档') });
  await expect(page.getByText('模板未通过校验，未保存')).toBeVisible();
  await expect(page.getByText('文件不是有效的 Word 文档（.docx）')).toBeVisible();

  // edit the default template the way Word would keep it: same tags, a changed title
  const original = await page.request.get('/api/document-types/onsite_record/default.docx');
  expect(original.status()).toBe(200);
  const zip = new PizZip(await original.body());
  zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('现场笔录</w:t>', '现场笔录（修订）</w:t>'));
  await page.getByPlaceholder('修改说明（可选）').fill('标题加注修订');
  await upload.setInputFiles({ name: '现场笔录_修订.docx', mimeType: DOCX, buffer: zip.generate({ type: 'nodebuffer' }) });
  await expect(page.getByText('已上传并启用第 1 版模板')).toBeVisible();
  const row = page.getByRole('row', { name: /现场笔录_修订\.docx/ });
  await expect(row).toContainText('使用中');
  await expect(row).toContainText('标题加注修订');

  await page.getByRole('button', { name: /恢复系统默认/ }).click();
  await expect(page.getByText('系统默认', { exact: true })).toBeVisible();
  await expect(row).not.toContainText('使用中');
});

test('the public verification page explains a malformed code, on a phone, without login', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto('/public/documents');
  await expect(page.getByRole('heading', { name: '执法文书验真' })).toBeVisible();
  await page.getByLabel('验真码').fill('abcde-1234');
  await page.getByRole('button', { name: /验真/ }).click();
  await expect(page).toHaveURL(/\/public\/documents\/ABCDE-1234$/);
  await expect(page.getByText('验真码格式不正确，请核对后重新输入')).toBeVisible();
  await ctx.close();
});
