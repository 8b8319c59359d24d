/**
 * bench:entities — entity search and GET-by-id with 1,000,000 entities, through HTTP against the real app.
 *
 *   npm run bench:entities [-- --db pglite|postgres|both] [--entities 1000000] [--requests 240] [--duration 10]
 *
 * Data sets (built once, reused): PGlite in .bench/pglite-1m, PostgreSQL in BENCH_PG_URL
 * (default postgres://postgres@127.0.0.1:5432/weijian_bench, created if missing). Seeding runs
 * `weijian seed --entities N` only when the entity count is below N.
 *
 * Measures, logged in as `admin` (city-wide scope, the worst case) and `chief` (one district):
 *   - latency (one request at a time) of name-substring searches (realistic 2–4 character queries) and of
 *     region filters (district and town codes), default sort, page size 20;
 *   - GET /api/entities/:id throughput (random ids, 10 connections, 10 s) through HTTP, against the same
 *     `select … where id = $1` issued directly through the same driver in the same process.
 * Last line of stdout: one JSON object with the figures.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { eq, inArray, sql } from 'drizzle-orm';
import { DataDirLockedError, type Database } from '../server/db/client';
import { entities } from '../server/db/schema/index';
import { EXACT_TOTAL_LIMIT } from '../server/platform/register/service';
import { regionScopePrefix } from '../server/domains/regions/region-code';
import {
  BENCH_DIR, type DataSet, ensureDir, ensurePgDatabase, log, login, openDataSet, prng, resetDataSet, round, runSeed, seedEnv, shuffle,
  startApp, summarize, type Session,
} from './lib';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    entities: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '240' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
});
const TARGET = Number(args.entities);
const REQUESTS = Number(args.requests);
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/weijian_bench';
const TARGETS = { pglite: { p95: 100 }, postgres: { p95: 50 }, ratio: 0.6 };

async function countEntities(database: Database) {
  const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(entities);
  return Number(n);
}

/** Open the data set, seeding it first when it holds fewer than TARGET entities. */
async function prepare(ds: DataSet): Promise<Database> {
  if (ds.kind === 'postgres') await ensurePgDatabase(ds.url!);
  let database: Database;
  try {
    database = await openDataSet(ds);
  } catch (err) {
    // Only when the migrations were rewritten since the data set was built (pre-release schema churn): start
    // over. Anything else (a locked data directory, no server) is not a reason to throw data away.
    if (err instanceof DataDirLockedError || !/^Failed query/.test((err as Error).message ?? '')) throw err;
    log(`${ds.kind}: the data set does not migrate (${(err as Error).message.split('\n')[0]}); rebuilding it`);
    await resetDataSet(ds);
    database = await openDataSet(ds);
  }
  let n = await countEntities(database);
  if (n < TARGET) {
    log(`${ds.kind}: ${n} entities, seeding up to ${TARGET} (takes a few minutes, once)`);
    await database.close();
    const t = Date.now();
    await runSeed(TARGET, seedEnv(ds));
    log(`${ds.kind}: seeded in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    database = await openDataSet(ds);
    n = await countEntities(database);
  }
  // Planner statistics as a maintained installation has them (PGlite never auto-analyzes).
  const t = Date.now();
  await database.analyze();
  log(`${ds.kind}: ${n} entities; ANALYZE ${Date.now() - t} ms`);
  return database;
}

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

interface ListBody { items: { name: string; regionCode: string }[]; total: number; totalIsEstimate?: boolean }

/** Every item must match the filter it was asked for. */
function checkItems(params: string[], body: ListBody) {
  const [key, value] = params;
  for (const it of body.items) {
    if (key === 'q' && !it.name.toLowerCase().includes(value.toLowerCase())) throw new Error(`"${it.name}" does not contain ${value}`);
    if (key === 'region' && !it.regionCode.startsWith(value)) throw new Error(`${it.regionCode} is not in ${value}`);
  }
}

/** Exact totals (and the lower bound of estimated ones) against a plain count with the original ILIKE. */
async function checkTotals(database: Database, base: string, s: Session, scopePrefix: string, queries: string[]) {
  for (const q of queries) {
    const res = await fetch(`${base}/api/entities?${new URLSearchParams({ q, pageSize: '20' })}`, { headers: { cookie: s.cookie } });
    const body = (await res.json()) as ListBody;
    const [{ n }] = await rows<{ n: number }>(database, sql`select count(*)::int as n from entities where region_code like ${`${scopePrefix}%`} and record_status = 'active' and name ilike ${`%${q}%`}`);
    const ok = body.totalIsEstimate ? Number(n) > EXACT_TOTAL_LIMIT : body.total === Number(n);
    if (!ok) throw new Error(`q=${q}: API total ${body.total}${body.totalIsEstimate ? ' (estimate)' : ''}, count(*) ${n}`);
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

async function measureGetById(database: Database, base: string, s: Session) {
  const ids = (await rows<{ id: string }>(database, sql`select id from entities tablesample system (1) repeatable (11) limit 5000`)).map((r) => r.id);
  const rnd = prng(42);
  const picked = shuffle(ids, rnd);
  // Warm the cache with every id once, so neither measurement pays for first reads of the table (with
  // 1,000,000 rows it is larger than shared_buffers; the 5,000 rows sampled here fit).
  for (let i = 0; i < picked.length; i += 500) {
    await database.db.select({ id: entities.id }).from(entities).where(inArray(entities.id, picked.slice(i, i + 500)));
    await database.db.select().from(entities).where(inArray(entities.id, picked.slice(i, i + 500)));
  }

  // through HTTP: autocannon in a worker thread, so the load generator does not share the app's event loop
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION,
    workers: 1,
    headers: { cookie: s.cookie },
    requests: picked.map((id) => ({ method: 'GET', path: `/api/entities/${id}` })),
  });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  const http = {
    rps: round(result.requests.total / DURATION, 0),
    requests: result.requests.total,
    non2xx,
    latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 },
  };

  // directly: the same select through the same driver, same concurrency and time
  let done = 0;
  let next = 0;
  const until = performance.now() + DURATION * 1000;
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < until) {
      const id = picked[next++ % picked.length];
      const [row] = await database.db.select().from(entities).where(eq(entities.id, id)).limit(1);
      if (!row) throw new Error(`entity ${id} not found`);
      done++;
    }
  }));
  const direct = { qps: round(done / DURATION, 0), queries: done };
  return { http, direct, ratio: round(http.rps / direct.qps, 2) };
}

async function benchOne(ds: DataSet) {
  const database = await prepare(ds);
  const running = await startApp(database);
  try {
    const entityCount = await countEntities(database);
    const admin = await login(running.base, 'admin');
    const chief = await login(running.base, 'chief');
    const [chiefRegion] = await rows<{ region_code: string }>(database, sql`select region_code from users where username = 'chief'`);
    const district = chiefRegion.region_code;
    const [adminRegion] = await rows<{ region_code: string }>(database, sql`select region_code from users where username = 'admin'`);

    const search: Record<string, Record<string, unknown>> = {};
    for (const [who, s, prefix] of [['admin', admin, undefined], ['chief', chief, district]] as const) {
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
      log(`${ds.kind}/${who}: totals of ${checked.join(' ')} agree with count(*) … ilike`);
      search[who] = { scope: who === 'admin' ? 'city' : `district ${district}`, name, region, browse };
    }
    log(`${ds.kind}: GET /api/entities/:id for ${DURATION} s at ${CONNECTIONS} connections, then the direct query`);
    const getById = await measureGetById(database, running.base, admin);
    log(`${ds.kind} getById:`, JSON.stringify(getById));

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
        ratioMet: getById.ratio >= TARGETS.ratio,
      },
    };
  } finally {
    await running.close();
    await database.close();
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

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
