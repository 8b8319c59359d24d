#!/usr/bin/env node
/**
 * Screenshots of the home page of every role, the unit file (一户一档) and the public complaint form, at 390×844 and
 * 1366×768, into docs/screenshots/ (or WJ_OUT). Run against a demo instance:
 *
 *   npx vite build && PORT=3100 WEIJIAN_DATA_DIR=/tmp/wj-shots node --import tsx server/main.ts &
 *   WJ_URL=http://localhost:3100 node web/scripts/screenshots-home.mjs [name-filter]
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.WJ_URL ?? 'http://localhost:3000';
const OUT = process.env.WJ_OUT ?? path.resolve(import.meta.dirname, '../../docs/screenshots');
const PASSWORD = process.env.WJ_PASSWORD ?? 'Weijian@2026';
const only = process.argv[2];
fs.mkdirSync(OUT, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const SIZES = { phone: { width: 390, height: 844 }, desk: { width: 1366, height: 768 } };

async function session(username, size) {
  const context = await browser.newContext({ viewport: SIZES[size], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1, isMobile: size === 'phone', hasTouch: size === 'phone' });
  const page = await context.newPage();
  if (username) {
    const res = await page.request.post(`${BASE}/api/auth/login`, { data: { username, password: PASSWORD } });
    if (!res.ok()) throw new Error(`login ${username}: ${res.status()}`);
  }
  return { context, page };
}

async function shot(name, username, url, opts = {}) {
  if (only && !name.includes(only)) return;
  for (const size of opts.sizes ?? ['phone', 'desk']) {
    const { context, page } = await session(username, size);
    await page.goto(`${BASE}${typeof url === 'function' ? await url(page) : url}`);
    await page.waitForLoadState('networkidle');
    if (opts.wait) await page.locator(opts.wait).first().waitFor({ timeout: 30_000 }).catch(() => undefined);
    await page.waitForFunction(() => !document.querySelector('.ant-skeleton, .ant-spin-spinning'), null, { timeout: 30_000 }).catch(() => undefined);
    await page.waitForTimeout(600);
    const file = path.join(OUT, `${name}-${size === 'phone' ? '390' : '1366'}.png`);
    await page.screenshot({ path: file, fullPage: opts.fullPage ?? size === 'phone' });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    console.log('saved', path.relative(process.cwd(), file), wide > 0 ? `WIDER THAN VIEWPORT BY ${wide}px` : '');
    await context.close();
  }
}

const firstEntityOf = async (page, q) => {
  const r = await page.request.get(`${BASE}/api/entities?${q}&pageSize=1`);
  return (await r.json()).items[0].id;
};

for (const role of ['inspector', 'chief', 'head', 'legal', 'admin', 'assistant']) {
  await shot(`home-${role}`, role, '/', { wait: '.wj-todo-card' });
}
await shot('home-unit', 'unit', '/', { wait: '.wj-entity-file' });
await shot('entity-file', 'chief', async (page) => `/entities/${await firstEntityOf(page, 'q=诊所')}`, { wait: '.wj-entity-file' });
await shot('public-complaint-form', null, '/public/complaints/new', { wait: 'form' });
await browser.close();
