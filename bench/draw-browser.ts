/**
 * bench/draw-browser.ts — verifying a large draw in a real browser, as the public portal does:
 *
 *   npx tsx bench/draw-browser.ts [--candidates 100000] [--targets 2000] [--inspectors 100]
 *
 * Builds a synthetic bundle with lib/draw (bench/synthetic-draw.ts; publish → deriveSeed → draw → buildBundle:
 * 10 strata, 2,000 targets, 100 inspectors, 2 per target), bundles lib/draw for the browser with Vite's library mode (the
 * pure-JS @noble/hashes path, as in the portal), serves both from a local HTTP server and opens headless
 * Chromium (playwright-core). Measured in the page, from having the bundle text to the result:
 * JSON.parse + verifyBundle, on the main thread and in a Web Worker (the portal's path). Target ≤ 5 s.
 * Last line of stdout: one JSON object.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { buildBundle, deriveSeed, draw, newSecret, publish, verifyBundle } from '../lib/draw/index';
import { syntheticFrozen } from './synthetic-draw';

const { values: args } = parseArgs({
  options: { candidates: { type: 'string', default: '100000' }, targets: { type: 'string', default: '2000' }, inspectors: { type: 'string', default: '100' } },
});
const N = Number(args.candidates), T = Number(args.targets), I = Number(args.inspectors);
const ROOT = path.resolve(import.meta.dirname, '..');
const TARGET_MS = 5000;

const since = (t0: number) => Math.round(performance.now() - t0);
const log = (s: string) => console.log(s);

/** lib/draw as one browser script (IIFE, global WeijianDraw), built with Vite's library mode into a temp dir. */
async function buildBrowserLib(dir: string): Promise<string> {
  await build({
    configFile: false, root: ROOT, logLevel: 'silent', publicDir: false,
    build: {
      outDir: dir, emptyOutDir: true, minify: true, target: 'es2022', write: true,
      lib: { entry: path.join(ROOT, 'lib/draw/index.ts'), formats: ['iife'], name: 'WeijianDraw', fileName: () => 'draw.js' },
    },
  });
  return fs.readFileSync(path.join(dir, 'draw.js'), 'utf8');
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>draw verify bench</title><script src="/draw.js"></script><body>bench</body>`;
const WORKER = `importScripts('/draw.js');
onmessage = async (e) => {
  const text = await (await fetch('/bundle.json')).text();
  const t0 = performance.now();
  const r = WeijianDraw.verifyBundle(JSON.parse(text), e.data);
  postMessage({ ms: performance.now() - t0, r });
};`;

async function main() {
  const t0 = performance.now();
  const frozen = syntheticFrozen({ candidates: N, inspectors: I, targets: T, seed: 20260301 });
  log(`synthetic inputs: ${N} candidates, ${I} inspectors, ${frozen.conflicts.length} conflicts, ${frozen.lastPairs.length} last pairs (${since(t0)} ms)`);
  const secret = newSecret();
  const published = publish(frozen, secret);
  const publicValue = '福彩3D 2026年第301期 开奖号码 4 7 1';
  const t1 = performance.now();
  const result = draw(frozen, deriveSeed({ secret, publicValue, ...published }));
  log(`draw: ${result.targets.length} targets, ${result.targets.filter((t) => t.unstaffed).length} unstaffed (${since(t1)} ms)`);
  const bundle = buildBundle(frozen, published, secret, publicValue, new Date().toISOString(), result);
  const text = JSON.stringify(bundle);
  const t2 = performance.now();
  const nodeCheck = verifyBundle(JSON.parse(text), published);
  const nodeMs = since(t2);
  if (!nodeCheck.ok) throw new Error(`Node verification failed: ${nodeCheck.message}`);
  log(`bundle: ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB; Node (node:crypto) parse + verify ${nodeMs} ms`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-draw-browser-'));
  const lib = await buildBrowserLib(dir);
  log(`browser build of lib/draw: ${(lib.length / 1024).toFixed(1)} kB`);

  const files: Record<string, [string, string]> = {
    '/': ['text/html; charset=utf-8', PAGE], '/draw.js': ['text/javascript; charset=utf-8', lib],
    '/worker.js': ['text/javascript; charset=utf-8', WORKER], '/bundle.json': ['application/json; charset=utf-8', text],
  };
  const server = http.createServer((req, res) => {
    const f = files[req.url ?? ''];
    if (!f) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': f[0], 'cache-control': 'no-store' }).end(f[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(base + '/');
    const main = await page.evaluate(async (expected) => {
      const text = await (await fetch('/bundle.json')).text();
      const w = window as unknown as { WeijianDraw: { verifyBundle: (b: unknown, e: unknown) => { ok: boolean; targets?: number; message?: string } } };
      const t = performance.now();
      const r = w.WeijianDraw.verifyBundle(JSON.parse(text), expected);
      return { ms: performance.now() - t, r, chars: text.length };
    }, published);
    log(`browser main thread: JSON.parse + verifyBundle ${Math.round(main.ms)} ms → ${main.r.ok ? `ok, ${main.r.targets} targets` : main.r.message}`);
    const worker = await page.evaluate((expected) => new Promise<{ ms: number; r: { ok: boolean; message?: string } }>((resolve, reject) => {
      const wk = new Worker('/worker.js');
      wk.onmessage = (e) => { resolve(e.data); wk.terminate(); };
      wk.onerror = (e) => reject(new Error(e.message));
      wk.postMessage(expected);
    }), published);
    log(`browser Web Worker: JSON.parse + verifyBundle ${Math.round(worker.ms)} ms → ${worker.r.ok ? 'ok' : worker.r.message}`);
    const ok = main.r.ok && worker.r.ok;
    const verifyMs = Math.round(main.ms);
    log(verifyMs <= TARGET_MS ? `within the ${TARGET_MS} ms target` : `SLOWER than the ${TARGET_MS} ms target`);
    console.log(JSON.stringify({
      candidates: N, verifyMs, ok, targets: result.targets.length, workerVerifyMs: Math.round(worker.ms), nodeVerifyMs: nodeMs,
      bundleMB: Math.round(Buffer.byteLength(text) / 1024 / 1024 * 10) / 10, targetMs: TARGET_MS,
    }));
    if (!ok) process.exitCode = 1;
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
