/**
 * bench:startup — cold start of `node --import tsx server/main.ts` on an existing PGlite data directory,
 * from spawning the process to the first successful GET /api/health. 5 runs; each server is stopped with
 * SIGTERM and awaited (a clean exit checkpoints PGlite and removes the data-dir lock file).
 *
 *   npm run bench:startup [-- --runs 5] [--data-dir .bench/startup-pglite]
 *
 * The data directory is created by one start first if it does not exist yet (that start loads the demo
 * city and is not counted). Last line of stdout: one JSON object with the figures.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'data-dir': { type: 'string', default: path.join(ROOT, '.bench', 'startup-pglite') },
  },
});
const RUNS = Number(args.runs);
const DATA_DIR = path.resolve(args['data-dir']);
const TARGET_MS = 5000;
const log = (...a) => console.error('[bench]', ...a);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Start the server, wait for /api/health, stop it with SIGTERM; returns the timings. */
async function startOnce(timeoutMs = 300_000) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      WEIJIAN_DATA_DIR: DATA_DIR,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let exitedEarly = null;
  exited.then((e) => { exitedEarly = e; });

  let readyMs = null;
  while (performance.now() - t0 < timeoutMs) {
    if (exitedEarly) throw new Error(`server exited before it was ready (${JSON.stringify(exitedEarly)}):\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) {
        await res.json();
        readyMs = performance.now() - t0;
        break;
      }
    } catch { /* not listening yet */ }
    await sleep(20);
  }
  if (readyMs === null) {
    child.kill('SIGTERM');
    throw new Error(`server not ready after ${timeoutMs} ms:\n${output}`);
  }
  const selfReported = /用时 (\d+) ms/.exec(output)?.[1];

  const t1 = performance.now();
  child.kill('SIGTERM');
  const exit = await exited;
  const stopMs = performance.now() - t1;
  const lockLeft = fs.existsSync(path.join(DATA_DIR, 'weijian.lock'));
  if (exit.code !== 0 || lockLeft) throw new Error(`unclean stop: exit ${JSON.stringify(exit)}, lock file left: ${lockLeft}\n${output}`);
  return { readyMs: Math.round(readyMs), selfReportedMs: selfReported ? Number(selfReported) : null, stopMs: Math.round(stopMs) };
}

async function main() {
  if (fs.existsSync(path.join(DATA_DIR, 'weijian.lock'))) throw new Error(`${DATA_DIR} is locked by another process`);
  const fresh = !fs.existsSync(path.join(DATA_DIR, 'PG_VERSION'));
  if (fresh) {
    log(`creating ${DATA_DIR} with one start (loads the demo city; not counted)`);
    const first = await startOnce();
    log(`first start: ready in ${first.readyMs} ms`);
  }
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await startOnce();
    log(`run ${i + 1}: ready in ${r.readyMs} ms (server says ${r.selfReportedMs} ms), stopped in ${r.stopMs} ms`);
    runs.push(r);
  }
  const ready = runs.map((r) => r.readyMs).sort((a, b) => a - b);
  const median = ready[Math.floor((ready.length - 1) / 2)] + (ready.length % 2 === 0 ? (ready[ready.length / 2] - ready[ready.length / 2 - 1]) / 2 : 0);
  const max = ready[ready.length - 1];
  console.log(JSON.stringify({
    bench: 'startup',
    db: 'pglite',
    dataDir: path.relative(ROOT, DATA_DIR),
    runs: RUNS,
    readyMs: runs.map((r) => r.readyMs),
    selfReportedMs: runs.map((r) => r.selfReportedMs),
    stopMs: runs.map((r) => r.stopMs),
    medianMs: Math.round(median),
    maxMs: max,
    targetMs: TARGET_MS,
    met: max <= TARGET_MS,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
