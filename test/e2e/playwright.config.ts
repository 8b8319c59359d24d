import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const port = Number(process.env.E2E_PORT ?? 3199);
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `weijian-e2e-${process.pid}`);

/** Browser tests in Debian's Chromium against the real server on a fresh PGlite data dir with the demo city. */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: path.join(os.tmpdir(), `weijian-e2e-results-${port}`),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 768 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
    },
  },
  webServer: {
    command: `rm -rf ${dataDir} && node --import tsx server/main.ts`,
    cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: { PORT: String(port), HOST: '127.0.0.1', WEIJIAN_DATA_DIR: dataDir, WEIJIAN_DEMO_PASSWORD: 'Weijian@2026', LOG_LEVEL: 'warn', WEIJIAN_LOGIN_RATE: '1000' },
  },
});
