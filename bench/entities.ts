/**
 * bench:entities — entity search and GET-by-id with 1,000,000 entities, through HTTP against the real app.
 *
 *   npm run bench:entities [-- --db pglite|postgres|both] [--entities 1000000] [--requests 240] [--duration 20]
 *                          [--rounds 4] [--who admin,chief] [--parts search,getById]   (a subset, while working on one case)
 *
 * Data sets (built once, reused): PGlite in .bench/pglite-1m, PostgreSQL in BENCH_PG_URL
 * (default postgres://postgres@127.0.0.1:5432/weijian_bench, created if missing). Seeding runs
 * `weijian seed --entities N` only when the entity count is below N.
 *
 * Measures, logged in as `admin` (city-wide scope, the worst case) and `chief` (one district):
 *   - latency (one request at a time) of name-substring searches (realistic 2–4 character queries) and of
 *     region filters (district and town codes), default sort, page size 20;
 *     The first page of some of them is checked against a plain `ORDER BY … LIMIT` query.
 *   - GET /api/entities/:id throughput (random ids, 10 connections, 20 s) through HTTP, against the same
 *     scoped `select … where id = $1 and region_code like $2` issued straight through the raw driver. The app
 *     runs in its own process (as in production) and the driver baseline in that process too; the load
 *     generator (autocannon) runs in this one. After 3 s of warm-up of each (not counted), the two alternate in
 *     --rounds slices; each slice's rate is reported (perRound). On a 2-core machine the
 *     load generator still takes CPU from the app (not from the baseline): that is part of the figure.
 * Last line of stdout: one JSON object with the figures.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { inArray, Placeholder, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database } from '../server/db/client';
import { entities } from '../server/db/schema/index';
import { entityRegister } from '../server/domains/entities/register';
import { resolveSession } from '../server/platform/auth/sessions';
import { literal, quoteIdent } from '../server/db/prepared';
import { EXACT_TOTAL_LIMIT, scopedById } from '../server/platform/register/service';
import { regionScopePrefix } from '../server/domains/regions/region-code';
import {
  countEntities, prepareDataSet, BENCH_DIR, type DataSet, ensureDir, log, login, openDataSet, prng, round, shuffle,
  startApp, summarize, type Session,
} from './lib';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    entities: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '240' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10' },
    who: { type: 'string', default: 'admin,chief' },
    parts: { type: 'string', default: 'search,getById' },
    rounds: { type: 'string', default: '4' },
  },
});
const TARGET = Number(args.entities);
const REQUESTS = Number(args.requests);
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const ROUNDS = Number(args.rounds);
const WHO = args.who.split(',');
const PARTS = args.parts.split(',');
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/weijian_bench';
const TARGETS = { pglite: { p95: 100 }, postgres: { p95: 50 }, ratio: 0.6 };

async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await database.db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** Realistic name queries: common words of the trade, town names, and substrings of names in the data. */
async function nameQueries(database: Database, rnd: () => number, districtPrefix?: string) {
  const fixed = ['诊所', '人民医院', '美发', '宾馆', '卫生院', '口腔', '酒店', '足浴', '中医', '游泳馆', '卫生室', '美容', '快捷酒店', '门诊部'];
  const towns = await rows<{ name: string }>(database, sql`select name from regions where level = 4 ${districtPrefix ? sql`and code like ${`${districtPrefix}%`}` : sql``} order by code`);
  const townNames = shuffle(towns.map((t) => t.name), rnd).slice(0, 6);
  const townShort = townNames.slice(0, 3).map((n) => n.replace(/(街道|镇|乡)$/, ''));
  const names = await rows<{ name: string }>(database, sql`select name from entities tablesample system (0.2) repeatable (7) limit 400`);
  const drawn: string[] = [];
  for (const { name } of shuffle(names, rnd)) {
    const chars = [...name].filter((c) => /\p{Script=Han}/u.test(c));
    const len = 2 + Math.floor(rnd() * 3);
    if (chars.length < len) continue;
    const start = Math.floor(rnd() * (chars.length - len + 1));
    drawn.push(chars.slice(start, start + len).join(''));
    if (drawn.length === 20) break;
  }
  return [...new Set([...fixed, ...townNames, ...townShort, ...drawn])];
}

async function regionQueries(database: Database, rnd: () => number, districtPrefix?: string) {
  const list = await rows<{ code: string; level: number }>(database, sql`select code, level from regions where level in (3, 4) ${districtPrefix ? sql`and code like ${`${districtPrefix}%`}` : sql``} order by code`);
  const districts = list.filter((r) => r.level === 3).map((r) => r.code);
  const towns = shuffle(list.filter((r) => r.level === 4).map((r) => r.code), rnd).slice(0, 30);
  return [...districts, ...towns];
}

interface ListBody { items: { id: string; name: string; regionCode: string }[]; total: number; totalIsEstimate?: boolean }

/** Every item must match the filter it was asked for. */
function checkItems(params: string[], body: ListBody) {
  const [key, value] = params;
  for (const it of body.items) {
    if (key === 'q' && !it.name.toLowerCase().includes(value.toLowerCase())) throw new Error(`"${it.name}" does not contain ${value}`);
    if (key === 'region' && !it.regionCode.startsWith(value)) throw new Error(`${it.regionCode} is not in ${value}`);
  }
}

/**
 * Exact totals (and the lower bound of estimated ones) against a plain count with the original ILIKE, and
 * the first page against a plain ORDER BY … LIMIT (the default sort: updated_at desc, id).
 */
async function checkTotals(database: Database, base: string, s: Session, scopePrefix: string, queries: string[]) {
  for (const q of queries) {
    const res = await fetch(`${base}/api/entities?${new URLSearchParams({ q, pageSize: '20' })}`, { headers: { cookie: s.cookie } });
    const body = (await res.json()) as ListBody;
    const plain = sql`from entities where region_code like ${`${scopePrefix}%`} and record_status = 'active' and name ilike ${`%${q}%`}`;
    const [{ n }] = await rows<{ n: number }>(database, sql`select count(*)::int as n ${plain}`);
    const ok = body.totalIsEstimate ? Number(n) > EXACT_TOTAL_LIMIT : body.total === Number(n);
    if (!ok) throw new Error(`q=${q}: API total ${body.total}${body.totalIsEstimate ? ' (estimate)' : ''}, count(*) ${n}`);
    const page = await rows<{ id: string }>(database, sql`select id ${plain} order by updated_at desc, id limit 20`);
    if (page.map((r) => r.id).join() !== body.items.map((i) => i.id).join()) throw new Error(`q=${q}: the first page differs from ORDER BY … LIMIT`);
  }
}

/** One request at a time; per-request wall time in ms. */
async function measureList(base: string, s: Session, queries: string[][], n: number) {
  const times: number[] = [];
  let estimates = 0;
  let empty = 0;
  const url = (params: string[]) => `${base}/api/entities?${new URLSearchParams([...params.length ? [params as [string, string]] : [], ['pageSize', '20']]).toString()}`;
  const once = async (params: string[]) => {
    const t = performance.now();
    const res = await fetch(url(params), { headers: { cookie: s.cookie } });
    const body = (await res.json()) as ListBody;
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`GET ${url(params)} → ${res.status} ${JSON.stringify(body)}`);
    return { ms, body };
  };
  for (const q of queries.slice(0, 10)) await once(q); // warm-up
  const perQuery = new Map<string, { ms: number[]; total: number; estimate: boolean }>();
  for (let i = 0; i < n; i++) {
    const params = queries[i % queries.length];
    const { ms, body } = await once(params);
    times.push(ms);
    if (body.totalIsEstimate) estimates++;
    if (body.items.length === 0) empty++;
    checkItems(params, body);
    const key = params.join('=') || '(none)';
    const entry = perQuery.get(key) ?? { ms: [], total: body.total, estimate: !!body.totalIsEstimate };
    entry.ms.push(ms);
    perQuery.set(key, entry);
  }
  const slowest = [...perQuery].map(([k, v]) => ({ query: k, meanMs: round(v.ms.reduce((a, b) => a + b, 0) / v.ms.length), total: v.total, estimate: v.estimate }))
    .sort((a, b) => b.meanMs - a.meanMs).slice(0, 5);
  log('  slowest:', slowest.map((x) => `${x.query} ${x.meanMs} ms (total ${x.estimate ? '≈' : ''}${x.total})`).join('; '));
  return { ...summarize(times), distinct: queries.length, estimatedTotals: estimates, emptyResults: empty };
}

/** Messages between the benchmark and its app process (see appProcess). */
type ToChild = { cmd: 'direct'; seconds: number; cookie: string; named: boolean } | { cmd: 'exit' };
type FromChild = { ready: string } | { direct: { queries: number; statement: string } } | { error: string };

/**
 * The app in its own process, as it runs in production, with the driver baseline in that same process: the
 * load generator (autocannon, in this process) then competes with the app for the two cores only as any
 * client on the machine would, and not inside the app's process. Returns the app's URL and a function that
 * runs the baseline there.
 */
async function appProcess(ds: DataSet, ids: string[]) {
  const child = fork(fileURLToPath(import.meta.url), [], {
    // BENCH_APP_ARGS: extra node flags for the app process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_APP_ARGS ?? '').split(' ').filter(Boolean)],
    env: { ...process.env, WJ_BENCH_CHILD: '1' },
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  child.send({ ds, ids }); // the ids are too long for an environment variable
  const next = () => new Promise<FromChild>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`app process exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (m) => { child.off('exit', onExit); resolve(m as FromChild); });
  });
  const ready = await next();
  if (!('ready' in ready)) throw new Error(`app process: ${JSON.stringify(ready)}`);
  return {
    base: ready.ready,
    async direct(seconds: number, cookie: string, named: boolean) {
      const reply = next();
      child.send({ cmd: 'direct', seconds, cookie, named } satisfies ToChild);
      const m = await reply;
      if (!('direct' in m)) throw new Error(`app process: ${JSON.stringify(m)}`);
      return m.direct;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ cmd: 'exit' } satisfies ToChild);
      await exited;
    },
  };
}

/** The app process: open the data set, warm the sampled rows, serve, and run the driver baseline on request. */
async function appProcessMain(cfg: { ds: DataSet; ids: string[] }) {
  const database = await openDataSet(cfg.ds);
  // Warm the cache with every sampled row once, so neither measurement pays for first reads of the table
  // (with 1,000,000 rows it is larger than shared_buffers; the 5,000 rows sampled here fit).
  for (let i = 0; i < cfg.ids.length; i += 500) {
    await database.db.select().from(entities).where(inArray(entities.id, cfg.ids.slice(i, i + 500)));
  }
  const running = await startApp(database);
  process.on('message', (m: ToChild) => {
    if (m.cmd === 'exit') {
      void running.close().then(() => database.close()).then(() => process.exit(0));
      return;
    }
    driverBaseline(database, cfg.ids, m.cookie, m.seconds, m.named)
      .then((direct) => process.send!({ direct } satisfies FromChild), (err) => process.send!({ error: String(err?.stack ?? err) } satisfies FromChild));
  });
  process.send!({ ready: running.base } satisfies FromChild);
}

/**
 * The query GET /api/entities/:id runs for this session (scopedById: `select … where id = $1 and
 * region_code like $2 limit 1`, the same text and scope), issued straight through the raw driver —
 * node-postgres' pool or the PGlite client — at the same concurrency: as a plain parameterised query, or
 * (`named`) as the same named prepared statement the app uses (on PGlite: PREPARE once, then EXECUTE). What the API adds on top of it is
 * what the ratio measures: HTTP, the session, routing, validation, Drizzle, presenting and serializing.
 */
async function driverBaseline(database: Database, ids: string[], cookie: string, seconds: number, named: boolean) {
  const actor = await resolveSession(database.db, decodeURIComponent(cookie.replace(/^wj_session=/, '')));
  if (!actor) throw new Error('no session');
  const stmt = scopedById(database.db, entityRegister as never, actor);
  const values = (id: string) => stmt.params.map((p) => (p instanceof Placeholder ? id : p));
  const client = (database.db as unknown as { $client: unknown }).$client;
  type PgliteClient = { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };
  if (named && database.kind === 'pglite') await (client as PgliteClient).query(`prepare ${quoteIdent(stmt.name)} as ${stmt.text}`).catch((e) => { if (e.code !== '42P05') throw e; });
  const run: (id: string) => Promise<{ rows: unknown[] }> = database.kind === 'postgres'
    ? (id) => (client as pg.Pool).query({ name: named ? stmt.name : undefined, text: stmt.text, values: values(id) })
    : named ? (id) => (client as PgliteClient).query(`execute ${quoteIdent(stmt.name)}(${values(id).map(literal).join(', ')})`)
      : (id) => (client as PgliteClient).query(stmt.text, values(id));
  let queries = 0;
  let next = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < until) {
      const id = ids[next++ % ids.length];
      const { rows: found } = await run(id);
      if (found.length !== 1) throw new Error(`entity ${id} not found`);
      queries++;
    }
  }));
  return { queries, statement: stmt.text };
}

/**
 * GET /api/entities/:id (random ids, CONNECTIONS connections) against the app in its own process, and the
 * same query on the raw driver in that process (plain, and also as the app's named prepared
 * statement), alternating in ROUNDS slices of DURATION / ROUNDS seconds each so that a burst of other load on
 * the machine falls on all of them. `ratio` is against the plain query, `ratioNamed` against the statement.
 */
async function measureGetById(ds: DataSet, ids: string[]) {
  const app = await appProcess(ds, ids);
  try {
    const s = await login(app.base, 'admin');
    const slice = DURATION / ROUNDS;
    // warm-up of both paths (JIT, connection pools, prepared statements), not counted: otherwise the first HTTP
    // round measures the app's start-up more than its speed
    await autocannon({ url: app.base, connections: CONNECTIONS, duration: 3, headers: { cookie: s.cookie }, requests: ids.map((id) => ({ method: 'GET', path: `/api/entities/${id}` })) });
    await app.direct(3, s.cookie, false);
    await app.direct(3, s.cookie, true);
    let requests = 0;
    let non2xx = 0;
    let queries = 0;
    let queriesNamed = 0;
    let statement = '';
    const latency: { p50: number; p97_5: number; p99: number }[] = [];
    const perRound: { rps: number; qps?: number }[] = [];
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      const result = await autocannon({
        url: app.base,
        connections: CONNECTIONS,
        duration: slice,
        headers: { cookie: s.cookie },
        requests: ids.map((id) => ({ method: 'GET', path: `/api/entities/${id}` })),
      });
      requests += result.requests.total;
      perRound.push({ rps: round(result.requests.total / slice, 0) });
      non2xx += result.non2xx + result.errors + result.timeouts;
      latency.push({ p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 });
      const direct = await app.direct(slice, s.cookie, false);
      queries += direct.queries;
      perRound[round_].qps = round(direct.queries / slice, 0);
      statement = direct.statement;
      queriesNamed += (await app.direct(slice, s.cookie, true)).queries;
    }
    if (non2xx > 0) throw new Error(`${non2xx} GET /api/entities/:id requests failed`);
    const http = { rps: round(requests / DURATION, 0), requests, non2xx, latencyMs: latency };
    const direct = { qps: round(queries / DURATION, 0), queries, statement };
    const named = { directNamed: { qps: round(queriesNamed / DURATION, 0), queries: queriesNamed }, ratioNamed: round(requests / queriesNamed, 2) };
    return { rounds: ROUNDS, perRound, http, direct, ...named, ratio: round(http.rps / direct.qps, 2) };
  } finally {
    await app.close();
  }
}

async function benchOne(ds: DataSet) {
  const database = await prepareDataSet(ds, TARGET);
  const running = await startApp(database);
  let closed = false;
  const closeAll = async () => {
    if (closed) return;
    closed = true;
    await running.close();
    await database.close();
  };
  try {
    const entityCount = await countEntities(database);
    const admin = await login(running.base, 'admin');
    const chief = await login(running.base, 'chief');
    const [chiefRegion] = await rows<{ region_code: string }>(database, sql`select region_code from users where username = 'chief'`);
    const district = chiefRegion.region_code;
    const [adminRegion] = await rows<{ region_code: string }>(database, sql`select region_code from users where username = 'admin'`);

    const search: Record<string, Record<string, unknown>> = {};
    for (const [who, s, prefix] of [['admin', admin, undefined], ['chief', chief, district]] as const) {
      if (!WHO.includes(who) || !PARTS.includes('search')) continue;
      const rnd = prng(2026);
      const names = shuffle(await nameQueries(database, rnd, prefix), rnd);
      const codes = shuffle(await regionQueries(database, rnd, prefix), rnd);
      log(`${ds.kind}/${who}: ${names.length} name queries (${names.slice(0, 8).join(' ')} …), ${codes.length} region codes`);
      const name = await measureList(running.base, s, names.map((q) => ['q', q]), REQUESTS);
      log(`${ds.kind}/${who} name:`, JSON.stringify(name));
      const region = await measureList(running.base, s, codes.map((c) => ['region', c]), REQUESTS);
      log(`${ds.kind}/${who} region:`, JSON.stringify(region));
      const browse = await measureList(running.base, s, [[]], Math.min(REQUESTS, 100));
      log(`${ds.kind}/${who} browse (no filter):`, JSON.stringify(browse));
      const checked = names.filter((q) => [...q].length === 2).slice(0, 3).concat(names.filter((q) => [...q].length > 2).slice(0, 2));
      await checkTotals(database, running.base, s, regionScopePrefix(prefix ?? adminRegion.region_code), checked);
      log(`${ds.kind}/${who}: totals and first pages of ${checked.join(' ')} agree with count(*) / order by … ilike`);
      search[who] = { scope: who === 'admin' ? 'city' : `district ${district}`, name, region, browse };
    }
    let getById: Awaited<ReturnType<typeof measureGetById>> | undefined;
    if (PARTS.includes('getById')) {
      const ids = shuffle((await rows<{ id: string }>(database, sql`select id from entities tablesample system (1) repeatable (11) limit 5000`)).map((r) => r.id), prng(42));
      // the app process opens the data set itself (PGlite allows one process per data directory)
      await closeAll();
      log(`${ds.kind}: GET /api/entities/:id for ${DURATION} s at ${CONNECTIONS} connections and the same statement on the driver, in ${ROUNDS} alternating rounds, app in its own process`);
      getById = await measureGetById(ds, ids);
      log(`${ds.kind} getById:`, JSON.stringify(getById));
    }

    const p95Target = TARGETS[ds.kind].p95;
    const worstP95 = Math.max(...Object.values(search).flatMap((w) => [(w.name as { p95: number }).p95, (w.region as { p95: number }).p95]));
    return {
      entities: entityCount,
      loadAverage: os.loadavg().map((x) => round(x, 2)),
      search,
      getById,
      targets: {
        searchP95Ms: p95Target,
        worstSearchP95Ms: worstP95,
        searchMet: worstP95 <= p95Target,
        ratio: TARGETS.ratio,
        ratioMet: getById ? getById.ratio >= TARGETS.ratio : undefined,
      },
    };
  } finally {
    await closeAll();
  }
}

async function main() {
  const which = args.db === 'both' ? ['pglite', 'postgres'] : [args.db];
  if (!which.every((d) => d === 'pglite' || d === 'postgres')) throw new Error('--db must be pglite, postgres or both');
  const out: Record<string, unknown> = { bench: 'entities', targetEntities: TARGET, requestsPerKind: REQUESTS, node: process.version };
  for (const kind of which) {
    const ds: DataSet = kind === 'pglite'
      ? { kind: 'pglite', dataDir: path.join(BENCH_DIR, TARGET === 1_000_000 ? 'pglite-1m' : `pglite-${TARGET}`), keyDir: path.join(BENCH_DIR, TARGET === 1_000_000 ? 'pglite-1m' : `pglite-${TARGET}`) }
      : { kind: 'postgres', url: PG_URL, keyDir: ensureDir(path.join(BENCH_DIR, 'pg-key')) };
    out[kind] = await benchOne(ds);
  }
  console.log(JSON.stringify(out));
}

const config = () => new Promise<{ ds: DataSet; ids: string[] }>((resolve) => process.once('message', resolve as never));
(process.env.WJ_BENCH_CHILD ? config().then(appProcessMain) : main().then(() => process.exit(0))).catch((err) => {
  console.error(err);
  process.exit(1);
});
