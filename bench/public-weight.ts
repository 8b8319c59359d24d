/**
 * bench/public-weight.ts — weight and speed of the public complaint form on a throttled phone:
 *
 *   npm run bench:public [-- --url http://127.0.0.1:3000] [--runs 3] [--profile lighthouse|devtools]
 *
 * Without --url it builds the web app (vite build), starts the server on a throwaway PGlite data dir with the demo
 * city and stops it afterwards. Each run opens /public/complaints/new in a fresh headless Chromium context (empty
 * cache) at 390×844 with network and CPU throttled through the DevTools protocol, and waits until the form is usable:
 * the 发生了什么 text box is editable, the 提交 button is visible and the categories (GET /api/public/complaints/meta)
 * have arrived. It then reloads in the same context (a repeat visit: hashed assets come from the cache).
 *
 * Profiles (state which one a figure was measured with):
 *   lighthouse (default): 1.6 Mbps down, 750 kbps up, 150 ms RTT, CPU 4× slower — Lighthouse's mobile throttling,
 *                         the profile long known as "Fast 3G" (Lighthouse ≥ 10 labels it "Slow 4G").
 *   devtools:             Chrome DevTools' "Fast 3G" preset: 1.44 Mbps down, 675 kbps up, 562.5 ms RTT, CPU 4×.
 *
 * Figures: time to usable (ms, from navigation start), first contentful paint, bytes transferred (encoded, i.e. on the
 * wire, headers excluded) in total and by kind, request count. Target: usable ≤ 5 s. Last line of stdout: one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '..');
const TARGET_MS = 5000;
const PROFILES = {
  lighthouse: { label: 'Lighthouse mobile ("Fast 3G"): 1.6 Mbps down, 750 kbps up, 150 ms RTT, CPU 4x', down: 1.6e6, up: 750e3, rtt: 150, cpu: 4 },
  devtools: { label: 'DevTools "Fast 3G": 1.44 Mbps down, 675 kbps up, 562.5 ms RTT, CPU 4x', down: 1.44e6, up: 675e3, rtt: 562.5, cpu: 4 },
} as const;

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    runs: { type: 'string', default: '3' },
    profile: { type: 'string', default: 'lighthouse' },
    path: { type: 'string', default: '/public/complaints/new' },
  },
});
const profile = PROFILES[args.profile as keyof typeof PROFILES];
if (!profile) throw new Error(`unknown profile ${args.profile}`);
const log = (s: string) => console.error(`[bench] ${s}`);

async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  log('building the web app (vite build)…');
  const b = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
  if (b.status !== 0) throw new Error('vite build failed');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-bench-public-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  log(`starting the server on port ${port} (demo city, ${dataDir})…`);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', process.stderr],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', WEIJIAN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('server exited');
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Run { usableMs: number; fcpMs: number | null; mainThreadMs: number; scriptMs: number; bytes: number; requests: number; byKind: Record<string, number>; largest: { url: string; bytes: number }[] }

async function measure(browser: Browser, base: string): Promise<{ cold: Run; warm: Run }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: profile.rtt, downloadThroughput: profile.down / 8, uploadThroughput: profile.up / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  let seen = new Map<string, { url: string; type: string; bytes: number }>();
  cdp.on('Network.responseReceived', (e) => {
    seen.set(e.requestId, { url: e.response.url, type: e.type, bytes: 0 });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });

  const once = async (reload: boolean): Promise<Run> => {
    seen = new Map();
    const t0 = Date.now();
    const meta = page.waitForResponse((r) => r.url().includes('/api/public/complaints/meta'), { timeout: 120_000 });
    if (reload) await page.reload({ waitUntil: 'commit' });
    else await page.goto(`${base}${args.path}`, { waitUntil: 'commit' });
    await Promise.all([
      meta.then((r) => r.finished()),
      page.getByLabel('发生了什么').waitFor({ state: 'visible', timeout: 120_000 }),
      page.getByRole('button', { name: '提交', exact: true }).waitFor({ state: 'visible', timeout: 120_000 }),
    ]);
    await page.getByLabel('发生了什么').fill('测试');
    const usableMs = Date.now() - t0;
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    // main-thread work of this page so far (throttled): what a slow phone spends parsing and running the scripts
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    await page.waitForLoadState('networkidle').catch(() => undefined);
    const rows = [...seen.values()];
    const byKind: Record<string, number> = {};
    for (const r of rows) byKind[r.type] = (byKind[r.type] ?? 0) + r.bytes;
    return {
      usableMs, fcpMs: fcp === null ? null : Math.round(fcp), mainThreadMs: Math.round((metrics.TaskDuration ?? 0) * 1000), scriptMs: Math.round((metrics.ScriptDuration ?? 0) * 1000), bytes: rows.reduce((a, r) => a + r.bytes, 0), requests: rows.length, byKind,
      largest: rows.sort((a, b) => b.bytes - a.bytes).slice(0, 5).map((r) => ({ url: new URL(r.url).pathname, bytes: r.bytes })),
    };
  };
  const cold = await once(false);
  const warm = await once(true);
  await context.close();
  return { cold, warm };
}

const server = args.url ? null : await startServer();
const base = args.url ?? server!.url;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'],
});
try {
  // one untimed visit so that the server has compiled and cached what it serves
  await fetch(`${base}${args.path}`).then((r) => r.text());
  const runs: { cold: Run; warm: Run }[] = [];
  for (let i = 0; i < Number(args.runs); i++) {
    const r = await measure(browser, base);
    log(`run ${i + 1}: usable ${r.cold.usableMs} ms (main thread ${r.cold.mainThreadMs} ms; repeat visit ${r.warm.usableMs} ms), ${Math.round(r.cold.bytes / 1024)} kB in ${r.cold.requests} requests (repeat ${Math.round(r.warm.bytes / 1024)} kB)`);
    runs.push(r);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const first = runs[0].cold;
  console.log(`largest transfers: ${first.largest.map((l) => `${l.url} ${Math.round(l.bytes / 1024)} kB`).join(', ')}`);
  console.log(JSON.stringify({
    bench: 'public-weight', page: args.path, profile: args.profile, profileLabel: profile.label, viewport: '390x844',
    usableMs: median(runs.map((r) => r.cold.usableMs)), usableMsRuns: runs.map((r) => r.cold.usableMs), targetMs: TARGET_MS,
    met: median(runs.map((r) => r.cold.usableMs)) <= TARGET_MS,
    fcpMs: median(runs.map((r) => r.cold.fcpMs ?? NaN)),
    mainThreadMs: median(runs.map((r) => r.cold.mainThreadMs)), scriptMs: median(runs.map((r) => r.cold.scriptMs)),
    transferredKB: Math.round(median(runs.map((r) => r.cold.bytes)) / 1024), requests: first.requests,
    byKindKB: Object.fromEntries(Object.entries(first.byKind).map(([k, v]) => [k, Math.round(v / 1024)])),
    repeatVisit: { usableMs: median(runs.map((r) => r.warm.usableMs)), transferredKB: Math.round(median(runs.map((r) => r.warm.bytes)) / 1024), requests: runs[0].warm.requests },
    loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
  }));
} finally {
  await browser.close();
  await server?.stop();
}
