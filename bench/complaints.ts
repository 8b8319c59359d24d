/**
 * bench:complaints — public complaint intake under load, and an inspector's work list with 100,000 complaints.
 *
 *   npm run bench:complaints [-- --db pglite|postgres|both] [--seconds 60] [--connections 32] [--parts intake,worklist]
 *
 * Intake: the real server (`server/main.ts`, its own process, demo city) on a data set kept under .bench/
 * (PGlite: .bench/complaints-pglite; PostgreSQL: BENCH_COMPLAINTS_PG_URL, default
 * postgres://postgres@127.0.0.1:5432/weijian_bench_complaints). `--connections` clients submit distinct
 * complaints (JSON, a third anonymous) to `POST /api/public/complaints` for `--seconds`; every 201 answer's
 * tracking code is kept. Then the server is stopped and the database itself is asked for every acknowledged
 * code with the content that was sent: zero loss means all of them are there, unchanged.
 *
 * Work list: the data set is filled up to 100,000 complaints (spread over the agencies, a share assigned to
 * the demo inspector), then `GET /api/complaints` as the inspector (his own and open ones, sorted by due
 * date, with filters as the work-list page sends them) is timed one request at a time.
 * Last line of stdout: one JSON object with the figures.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../server/db/client';
import { bulkAppend } from '../server/db/bulk';
import { agencies, complaints, users } from '../server/db/schema/index';
import { BENCH_DIR, ensureDir, ensurePgDatabase, log, login, openDataSet, prng, round, shuffle, summarize, type DataSet } from './lib';
import { freePort, startServerProcess } from '../scripts/server-process';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '32' },
    parts: { type: 'string', default: 'intake,worklist' },
    complaints: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '300' },
  },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const PARTS = args.parts.split(',');
const PG_URL = process.env.BENCH_COMPLAINTS_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/weijian_bench_complaints';
const TARGETS = { pglite: { perSecond: 300 }, postgres: { perSecond: 1000 }, worklistP95Ms: 100 };
const CATEGORIES = ['illegal_practice', 'medical_beauty', 'public_place', 'drinking_water', 'school', 'occupational', 'infectious', 'disinfection', 'other'];

function envOf(ds: DataSet): Record<string, string> {
  return ds.kind === 'pglite'
    ? { WEIJIAN_DATA_DIR: ds.dataDir!, DATABASE_URL: '' }
    : { DATABASE_URL: ds.url!, WEIJIAN_DATA_DIR: ds.keyDir };
}

/** The server as it runs in production, in its own process; loads the demo city into an empty database. */
async function startServer(ds: DataSet) {
  // BENCH_SERVER_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  const extra = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  return startServerProcess({
    ...envOf(ds), WEIJIAN_DEMO: '1', WEIJIAN_SECRET_KEY: '', WEIJIAN_PUBLIC_RATE: '100000000', WEIJIAN_LOGIN_RATE: '1000',
    WEIJIAN_WEB_DIST: path.join(BENCH_DIR, 'no-web'),
  }, await freePort(), extra);
}

function body(run: string, n: number) {
  const b: Record<string, unknown> = {
    category: CATEGORIES[n % CATEGORIES.length],
    content: `【压力测试 ${run}-${n}】该美容院在未取得医疗机构执业许可证的情况下开展注射类医疗美容项目，请予查处。`,
    address: `澄江市临湖区后城街道文化路${n % 500}号`,
    unitName: `测试美容院${n % 700}`,
  };
  if (n % 3 === 0) b.anonymous = true;
  else Object.assign(b, { anonymous: false, name: `市民${n % 1000}`, phone: `138${String(n % 1e8).padStart(8, '0')}` });
  return b;
}

async function intake(ds: DataSet) {
  const server = await startServer(ds);
  const run = Date.now().toString(36);
  const acked = new Map<string, string>(); // tracking code → content sent
  const latencies: number[] = [];
  let n = 0;
  let refused = 0;
  try {
    // warm-up (JIT, caches, connection pool), not counted
    await autocannon({ url: server.base, connections: 4, amount: 200, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body(`${run}w`, 0)) });
    log(`${ds.kind}: ${CONNECTIONS} connections for ${SECONDS} s`);
    const sentBodies = new Map<number, string>();
    const instance = autocannon({
      url: server.base,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [{
        method: 'POST',
        path: '/api/public/complaints',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req: autocannon.Request, context: Record<string, unknown>) => {
          const i = n++;
          const b = body(run, i);
          context.i = i;
          sentBodies.set(i, b.content as string);
          return { ...req, body: JSON.stringify(b) };
        },
        onResponse: (status: number, resBody: string, context: Record<string, unknown>) => {
          const i = context.i as number;
          if (status === 201) acked.set((JSON.parse(resBody) as { trackingCode: string }).trackingCode, sentBodies.get(i)!);
          else refused++;
          sentBodies.delete(i);
        },
      }],
    } as unknown as autocannon.Options) as unknown as Promise<autocannon.Result> & import('node:events').EventEmitter;
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => { latencies.push(responseTime); });
    const result = await instance;
    const errors = result.errors + result.timeouts + result.non2xx + refused;
    latencies.sort((a, b) => a - b);
    await server.stop();

    // zero loss: every acknowledged code is in the database with the content that was sent
    const database = await openDataSet(ds);
    let missing = 0;
    let changed = 0;
    try {
      const codes = [...acked.keys()];
      for (let i = 0; i < codes.length; i += 5000) {
        const slice = codes.slice(i, i + 5000);
        const rows = await database.db.select({ code: complaints.trackingCode, content: complaints.content }).from(complaints).where(inArray(complaints.trackingCode, slice));
        const found = new Map(rows.map((r) => [r.code, r.content]));
        for (const c of slice) {
          if (!found.has(c)) missing++;
          else if (found.get(c) !== acked.get(c)) changed++;
        }
      }
    } finally {
      await database.close();
    }
    const perSecond = round(acked.size / SECONDS, 0);
    return {
      seconds: SECONDS, connections: CONNECTIONS, acknowledged: acked.size, perSecond, errors, missing, changed,
      latencyMs: { p50: latencies[Math.floor(latencies.length * 0.5)], p95: latencies[Math.floor(latencies.length * 0.95)], p99: latencies[Math.floor(latencies.length * 0.99)] },
      target: TARGETS[ds.kind].perSecond, met: perSecond >= TARGETS[ds.kind].perSecond && errors === 0 && missing === 0 && changed === 0,
    };
  } catch (err) {
    await server.stop().catch(() => {});
    throw err;
  }
}

const WORKLIST_QUERIES: Record<string, string>[] = [
  // what the work-list page sends: 我的待办 first, then the open items of the district, the overdue ones, all
  { mine: 'true', status: 'open' },
  { status: 'open' },
  { status: 'open', due: 'overdue' },
  { status: 'open', due: 'soon' },
  {},
  { status: 'open', page: '3' },
  { category: 'medical_beauty' },
];

/** Fill the data set up to `target` complaints: spread over the agencies, an open share assigned to their inspectors. */
async function fillComplaints(database: Database, target: number) {
  const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(complaints);
  if (Number(n) >= target) return Number(n);
  const agencyRows = await database.db.select({ id: agencies.id, regionCode: agencies.regionCode }).from(agencies);
  const staff = await database.db.select({ id: users.id, agencyId: users.agencyId, roles: users.roles }).from(users);
  const byAgency = new Map(agencyRows.map((a) => [a.id, staff.filter((u) => u.agencyId === a.id && u.roles.includes('inspector')).map((u) => u.id)]));
  const rnd = prng(20261122);
  const statuses = ['registered', 'accepted', 'assigned', 'verifying', 'handled', 'replied', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'rejected'];
  const now = Date.now();
  let made = Number(n);
  log(`complaints: ${made}, adding ${target - made}`);
  while (made < target) {
    const batch: Record<string, unknown>[] = [];
    for (let i = 0; i < 2000 && made < target; i++, made++) {
      const a = agencyRows[Math.floor(rnd() * agencyRows.length)];
      const status = statuses[Math.floor(rnd() * statuses.length)];
      const receivedAt = new Date(now - Math.floor(rnd() * 365 * 86400_000));
      const inspectorsOf = byAgency.get(a.id) ?? [];
      const assigned = ['assigned', 'verifying', 'handled', 'replied', 'closed'].includes(status) && inspectorsOf.length > 0;
      const pick = assigned ? shuffle(inspectorsOf, rnd).slice(0, 2) : [];
      const open = !['closed', 'rejected'].includes(status);
      const due = new Date(receivedAt.getTime() + 60 * 86400_000).toISOString().slice(0, 10);
      batch.push({
        regionCode: a.regionCode, trackingCode: `B${made.toString(36).toUpperCase().padStart(9, '0')}`, channel: ['public_web', 'hotline_12320', 'phone', 'letter'][made % 4],
        category: CATEGORIES[made % CATEGORIES.length], content: `批量测试投诉 ${made}：该单位存在卫生问题，请核查处理。`, address: `测试地址${made % 997}号`,
        unitName: `测试单位${made % 5000}`, anonymous: made % 3 === 0, receivedAt, agencyId: a.id, assigneeIds: pick, assigneeNames: pick.map(() => '测试'),
        status, nextDue: open ? due : null, nextActor: open ? '承办人' : null, acceptDue: due, concludeDue: due,
        closedAt: status === 'closed' ? new Date(receivedAt.getTime() + 20 * 86400_000) : null,
      });
    }
    await database.db.transaction(async (tx) => { await bulkAppend(tx as unknown as Database['db'], complaints, batch); });
  }
  return made;
}

async function worklist(ds: DataSet) {
  const target = Number(args.complaints);
  let database = await openDataSet(ds);
  let total: number;
  try {
    total = await fillComplaints(database, target);
    // planner statistics as a maintained installation has them (autovacuum; PGlite and this machine's PostgreSQL
    // have none), after the intake part has just added tens of thousands of rows
    await database.analyze();
  } finally {
    await database.close();
  }
  const server = await startServer(ds);
  try {
    const s = await login(server.base, 'inspector');
    const get = async (q: Record<string, string>) => {
      const t = performance.now();
      const r = await fetch(`${server.base}/api/complaints?${new URLSearchParams({ pageSize: '20', ...q })}`, { headers: { cookie: s.cookie } });
      if (r.status !== 200) throw new Error(`GET /api/complaints ${r.status} ${await r.text()}`);
      const body = (await r.json()) as { total: number };
      return { ms: performance.now() - t, total: body.total };
    };
    for (const q of WORKLIST_QUERIES) await get(q); // warm-up
    const times: number[] = [];
    const totals: Record<string, number> = {};
    const per = Math.ceil(Number(args.requests) / WORKLIST_QUERIES.length);
    for (let i = 0; i < per; i++) {
      for (const q of WORKLIST_QUERIES) {
        const r = await get(q);
        times.push(r.ms);
        totals[new URLSearchParams(q).toString() || 'all'] = r.total;
      }
    }
    times.sort((a, b) => a - b);
    const summary = summarize(times);
    return { complaints: total, user: 'inspector', totals, ...summary, target: TARGETS.worklistP95Ms, met: summary.p95 <= TARGETS.worklistP95Ms };
  } finally {
    await server.stop();
  }
}

async function main() {
  const which = args.db === 'both' ? ['pglite', 'postgres'] : [args.db];
  const out: Record<string, unknown> = { bench: 'complaints', node: process.version };
  for (const kind of which) {
    const ds: DataSet = kind === 'pglite'
      ? { kind: 'pglite', dataDir: path.join(BENCH_DIR, 'complaints-pglite'), keyDir: path.join(BENCH_DIR, 'complaints-pglite') }
      : { kind: 'postgres', url: PG_URL, keyDir: ensureDir(path.join(BENCH_DIR, 'pg-complaints-key')) };
    if (ds.kind === 'postgres') await ensurePgDatabase(ds.url!);
    else ensureDir(path.dirname(ds.dataDir!));
    const r: Record<string, unknown> = { loadAverageBefore: os.loadavg().map((x) => round(x, 2)) };
    if (PARTS.includes('intake')) r.intake = await intake(ds);
    if (PARTS.includes('worklist')) r.worklist = await worklist(ds);
    r.loadAverageAfter = os.loadavg().map((x) => round(x, 2));
    out[kind] = r;
    log(kind, JSON.stringify(r));
  }
  console.log(JSON.stringify(out));
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
