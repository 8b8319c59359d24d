import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'Weijian@2026';

/** Log in through the login page and wait for the application shell. */
export async function login(page: Page, username: string) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole('menu').first()).toBeVisible();
}
