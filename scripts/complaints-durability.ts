/**
 * Kill-and-restart check of public complaint intake (`npm run test:durability -- --db pglite|postgres|both`).
 *
 * Starts the real server (`server/main.ts`) on a fresh database, submits complaints concurrently through
 * `POST /api/public/complaints`, kills the server with SIGKILL in the middle of the load, starts it again on
 * the same data and checks that every complaint that was answered with a tracking code is there and intact:
 * readable through `GET /api/public/complaints/:code`, and in the database with the same category, content,
 * address and complainant. Exits 1 on any loss or difference.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inArray } from 'drizzle-orm';
import { openDatabase } from '../server/db/client';
import { complainants, complaints } from '../server/db/schema/index';
import { initSecretKey } from '../server/platform/crypto';
import { freePort, startServerProcess } from './server-process';

const PG_URL = process.env.DURABILITY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wj_durability';
const CONCURRENCY = 16;
/** Kill after this many acknowledged submissions (or after KILL_AFTER_MS, whichever comes first). */
const KILL_AT = 400;
const KILL_AFTER_MS = 20_000;
const CATEGORIES = ['illegal_practice', 'medical_beauty', 'public_place', 'drinking_water', 'school', 'occupational', 'infectious', 'disinfection', 'other'];

const log = (...a: unknown[]) => console.log('[durability]', ...a);

interface Sent {
  body: { category: string; content: string; address: string; unitName?: string; anonymous?: boolean; name?: string; phone?: string };
  code: string;
}

/** One complaint body, unique per (run, n); every third is anonymous. */
function complaintBody(run: string, n: number): Sent['body'] {
  const body: Sent['body'] = {
    category: CATEGORIES[n % CATEGORIES.length],
    content: `【断电演练 ${run}-${n}】该单位未取得许可擅自开展诊疗活动，夜间仍有人员出入。<script>alert(${n})</script>`,
    address: `澄江市临湖区白荡街道测试路${n}号`,
    unitName: `测试单位${n}`,
  };
  if (n % 3 === 0) body.anonymous = true;
  else Object.assign(body, { anonymous: false, name: `测试人${n}`, phone: `139${String(n).padStart(8, '0')}` });
  return body;
}

/** Submit concurrently until `stop()` returns true; resolve with what was acknowledged. */
async function load(base: string, run: string, stop: (acked: number) => boolean) {
  const acked: Sent[] = [];
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (!stop(acked.length)) {
      const n = next++;
      const body = complaintBody(run, n);
      try {
        const r = await fetch(`${base}/api/public/complaints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (r.status === 201) {
          const { trackingCode } = (await r.json()) as { trackingCode: string };
          acked.push({ body, code: trackingCode });
        } else {
          failures++;
          if (failures <= 3) log(`unexpected ${r.status}: ${(await r.text()).slice(0, 300)}`);
        }
      } catch {
        return; // the server is gone (killed): in-flight requests without an answer are not acknowledged
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { acked, failures, sent: next };
}

async function check(kind: 'pglite' | 'postgres') {
  const run = `${kind}-${Date.now().toString(36)}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `wj-durability-${kind}-`));
  const env: Record<string, string> = { WEIJIAN_DATA_DIR: dataDir, WEIJIAN_DEMO: '1', WEIJIAN_SECRET_KEY: '', DATABASE_URL: '' };
  if (kind === 'postgres') {
    const u = new URL(PG_URL);
    const name = u.pathname.slice(1);
    u.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: u.toString() });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    env.DATABASE_URL = PG_URL;
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // public submissions are rate-limited per client: lift the limit for this one load generator
  const serverEnv = { ...env, WEIJIAN_PUBLIC_RATE: '1000000' };

  log(`${kind}: starting the server on a fresh database (demo city)`);
  let server = await startServerProcess(serverEnv, port);

  const started = Date.now();
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    server.child.kill('SIGKILL');
  };
  // Kill from outside the load loop while requests are in flight.
  const timer = setInterval(() => { if (Date.now() - started > KILL_AFTER_MS) kill(); }, 50);
  const result = await load(base, run, (acked) => {
    if (acked >= KILL_AT) kill();
    return killed;
  });
  clearInterval(timer);
  kill();
  await server.exited();
  log(`${kind}: SIGKILL after ${result.acked.length} acknowledged of ${result.sent} sent (${result.failures} refused) in ${Date.now() - started} ms`);
  if (result.acked.length === 0) throw new Error('nothing was acknowledged before the kill');
  if (result.failures > 0) throw new Error(`${result.failures} submissions were refused before the kill`);

  log(`${kind}: restarting on the same data`);
  server = await startServerProcess(serverEnv, port);
  let unreadable = 0;
  for (const s of result.acked) {
    const r = await fetch(`${base}/api/public/complaints/${encodeURIComponent(s.code)}`);
    if (r.status !== 200) {
      unreadable++;
      if (unreadable <= 3) log(`tracking ${s.code}: ${r.status}`);
    }
  }
  // The server can still take complaints after the crash.
  const after = await fetch(`${base}/api/public/complaints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(complaintBody(run, 1_000_000)) });
  if (after.status !== 201) throw new Error(`submission after restart: ${after.status} ${await after.text()}`);
  await server.stop();

  // Compare with what the citizens sent, in the database itself.
  initSecretKey({ dataDir });
  const database = await openDatabase(kind === 'pglite' ? { dataDir } : { url: PG_URL });
  let missing = 0;
  let different = 0;
  try {
    const codes = result.acked.map((s) => s.code);
    const rows = await database.db.select().from(complaints).where(inArray(complaints.trackingCode, codes));
    const people = await database.db.select().from(complainants).where(inArray(complainants.complaintId, rows.map((r) => r.id)));
    const byCode = new Map(rows.map((r) => [r.trackingCode, r]));
    for (const s of result.acked) {
      const row = byCode.get(s.code);
      if (!row) { missing++; continue; }
      const person = people.find((p) => p.complaintId === row.id);
      const same = row.category === s.body.category && row.content === s.body.content && row.address === s.body.address
        && row.unitName === s.body.unitName && row.anonymous === !!s.body.anonymous
        && (s.body.anonymous ? !person?.name && !person?.phone : person?.name === s.body.name && person?.phone === s.body.phone);
      if (!same) {
        different++;
        if (different <= 3) log(`different: ${s.code}`, { sent: s.body, stored: { ...row, person } });
      }
    }
  } finally {
    await database.close();
  }
  if (kind === 'pglite') fs.rmSync(dataDir, { recursive: true, force: true });
  const summary = { db: kind, acknowledged: result.acked.length, sent: result.sent, missing, different, unreadable };
  log(JSON.stringify(summary));
  if (missing || different || unreadable) throw new Error(`${kind}: acknowledged complaints lost or changed after SIGKILL`);
  return summary;
}

const arg = process.argv.indexOf('--db');
const which = arg > 0 ? process.argv[arg + 1] : 'both';
const kinds = which === 'both' ? (['pglite', 'postgres'] as const) : ([which] as ('pglite' | 'postgres')[]);
const results = [];
for (const kind of kinds) results.push(await check(kind));
console.log(JSON.stringify({ ok: true, results }));
