/**
 * bench:draw — the verifiable random draw at city/province scale (issue: random inspection plans).
 *
 *   npm run bench:draw [-- --db pglite|postgres|both] [--entities 1000000] [--inspectors 500] [--targets 10000]
 *
 * On the 1,000,000-entity data sets of bench:entities (built once, reused): a plan with 10 strata and
 * 10,000 targets, 2 inspectors per target from 500 inspectors. The app runs in this process on a local port and
 * is driven over HTTP, as the browser does. Measures
 *   - publish: POST /api/plans/:id/publish — freezing candidates and inspectors from the database, hashing,
 *     commitment, storing the snapshot;
 *   - draw: POST /api/plans/:id/draw — the frozen input handed over by the publication, the pure draw, the
 *     bundle, 10,000 tasks; the whole draw is publish + draw — target ≤ 15 s PGlite, ≤ 8 s PostgreSQL;
 *   - storedDraw: the draw of a second plan as another process or a restarted one does it (no hand-over: the
 *     stored snapshot is loaded and parsed);
 *   - the phases of both requests (service drawPhases);
 *   - pure: the pure draw alone on the frozen inputs — target ≤ 1 s;
 *   - verify: `weijian draw verify` on the bundle downloaded from the public API, in a fresh process — target ≤ 3 s.
 * With `--db both` each database is measured in a fresh process of its own.
 * Last line of stdout: one JSON object with the figures and the load average during the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { eq, inArray, like, sql } from 'drizzle-orm';
import type { Database } from '../server/db/client';
import { agencies, drawSnapshots, entities, inspectors, matters, plans, tasks, users } from '../server/db/schema/index';
import type { Actor } from '../server/platform/access';
import { createPlan, drawPhases } from '../server/domains/plans/service';
import { forgetPublished } from '../server/domains/plans/snapshot';
import type { PlanInput } from '../server/domains/plans/schema';
import { deriveSeed, draw, type Bundle, type Frozen } from '../lib/draw/index';
import { BENCH_DIR, type DataSet, ensureDir, log, login, prepareDataSet, ROOT, round, startApp } from './lib';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    entities: { type: 'string', default: '1000000' },
    inspectors: { type: 'string', default: '500' },
    targets: { type: 'string', default: '10000' },
  },
});
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/weijian_bench';
const INSPECTORS = Number(args.inspectors);
const TARGETS = Number(args.targets);
const TOP = ['medical', 'public_place', 'school', 'water', 'disinfection_product', 'tableware', 'occupational', 'radiation', 'infectious'];

async function actorOf(database: Database, username: string): Promise<Actor> {
  const [u] = await database.db.select().from(users).where(eq(users.username, username));
  return { userId: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Actor['roles'], agencyId: u.agencyId, entityId: null, regionCode: u.regionCode, sessionId: 'bench', csrfToken: 'bench' };
}

/** Top up the inspectors of the city's agencies to INSPECTORS, with broad specialties and valid credentials. */
async function ensureInspectors(database: Database, cityPrefix: string) {
  const { db } = database;
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(inspectors).where(like(inspectors.regionCode, `${cityPrefix}%`));
  if (Number(n) >= INSPECTORS) return;
  const agencyRows = await db.select().from(agencies).where(like(agencies.regionCode, `${cityPrefix}%`));
  const rows = Array.from({ length: INSPECTORS - Number(n) }, (_, i) => {
    const a = agencyRows[i % agencyRows.length];
    return {
      name: `压测执法员${i + 1}`, agencyId: a.id, regionCode: a.regionCode, credentialNo: `BENCH-${String(i + 1).padStart(5, '0')}`,
      credentialExpiry: '2030-12-31', specialties: TOP.filter((_, k) => (i + k) % 3 !== 0), legalQualification: false,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(inspectors).values(rows.slice(i, i + 500));
}

/** Ten strata of equal target counts over the categories with the most candidates. */
async function strata(database: Database): Promise<PlanInput['strata']> {
  const res = await database.db.execute(sql`select c as code, count(*)::int as n from ${entities}, unnest(${entities.categories}) c
    where ${entities.recordStatus} = 'active' and ${entities.operatingStatus} = 'operating' group by c order by n desc`) as unknown as { rows: { code: string; n: number }[] };
  const codes = res.rows.map((r) => r.code);
  const picked: string[][] = Array.from({ length: 10 }, () => []);
  codes.forEach((c, i) => picked[i % 10].push(c));
  return picked.map((cats, i) => ({
    key: `s${i + 1}`, name: `层级${i + 1}`, categories: cats as never, regionCodes: [], mode: 'count' as const, count: TARGETS / 10, ratioBp: 0,
  }));
}

async function run(ds: DataSet) {
  const database = await prepareDataSet(ds, Number(args.entities));
  const { db } = database;
  const running = await startApp(database);
  try {
    const head = await actorOf(database, 'head');
    const cityPrefix = head.regionCode.slice(0, 4);
    await ensureInspectors(database, cityPrefix);
    // previous bench plans would exclude their targets; remove them
    const old = await db.select({ id: plans.id }).from(plans).where(like(plans.name, '压测计划%'));
    if (old.length) {
      const ids = old.map((p) => p.id);
      await db.delete(tasks).where(inArray(tasks.planId, ids));
      await db.delete(drawSnapshots).where(inArray(drawSnapshots.planId, ids));
      await db.delete(plans).where(inArray(plans.id, ids));
      // a maintained installation vacuums (PGlite never does by itself): reuse the space of the deleted rows
      await db.execute(sql`vacuum (analyze) tasks, draw_snapshots, plans`);
    }
    const carriers = (await db.select({ id: agencies.id }).from(agencies).where(like(agencies.regionCode, `${cityPrefix}%`))).map((a) => a.id);
    const matterIds = (await db.select({ id: matters.id }).from(matters).limit(5)).map((m) => m.id);
    const input: PlanInput = {
      name: `压测计划 ${new Date().toISOString()}`, level: '市', year: 2026, agencyId: head.agencyId!, matterIds, categories: TOP as never,
      targetRegions: [], carrierAgencyIds: carriers, windowStart: '2026-03-01', windowEnd: '2026-12-31', strata: await strata(database),
      rules: { inspectorsPerTarget: 2, maxShareBp: 1000, avoidSameTown: true, avoidLastPair: true },
      exclusions: { excludeInspectedInPeriod: false, minIntervalDays: 0 }, description: null,
    };
    const plan = await createPlan(db, head, input);
    const session = await login(running.base, 'head');
    const post = async (url: string, body: unknown) => {
      const res = await fetch(running.base + url, {
        method: 'POST', body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      });
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const load: number[] = [os.loadavg()[0]];

    let t = performance.now();
    const published = await post(`/api/plans/${plan.id}/publish`, { version: plan.version, acceptUnstaffable: true });
    const publishMs = performance.now() - t;
    const publishPhases = { ...drawPhases.publish }, publishCpu = { ...drawPhases.publishCpu };
    load.push(os.loadavg()[0]);
    log(`${ds.kind}: published ${published.candidateCount} candidates in ${round(publishMs, 0)} ms ${JSON.stringify(publishPhases)}`);

    t = performance.now();
    const drawn = await post(`/api/plans/${plan.id}/draw`, { version: published.version, publicValue: '福彩3D 压测 123' }) as { targets: number; unstaffed: number };
    const drawMs = performance.now() - t;
    const drawPhasesMs = { ...drawPhases.draw }, drawCpu = { ...drawPhases.drawCpu };
    load.push(os.loadavg()[0]);
    log(`${ds.kind}: drew ${drawn.targets} targets (${drawn.unstaffed} unstaffed) in ${round(drawMs, 0)} ms ${JSON.stringify(drawPhasesMs)}`);

    // the bundle as a citizen downloads it (gzip on the wire)
    ensureDir(BENCH_DIR);
    const file = path.join(BENCH_DIR, `bundle-${ds.kind}.json`);
    t = performance.now();
    const res = await fetch(`${running.base}/api/public/draws/${plan.id}/bundle`, { headers: { 'accept-encoding': 'gzip' } });
    if (res.status !== 200) throw new Error(`bundle: ${res.status}`);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const downloadMs = performance.now() - t;
    const size = fs.statSync(file).size;
    const [snap] = await db.select({ frozenGz: drawSnapshots.frozenGz, bundleGz: drawSnapshots.bundleGz }).from(drawSnapshots).where(eq(drawSnapshots.planId, plan.id));

    // the pure draw alone, on the same frozen inputs
    const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as Bundle;
    const frozen = JSON.parse(gunzipSync(snap.frozenGz).toString('utf8')) as Frozen;
    const seed = deriveSeed({ secret: bundle.secret, publicValue: bundle.publicValue, ...bundle.published });
    const pure: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      draw(frozen, seed);
      pure.push(performance.now() - s);
    }
    const pureMs = Math.min(...pure);

    t = performance.now();
    const v = spawnSync(process.execPath, [path.join(ROOT, 'bin/weijian.mjs'), 'draw', 'verify', file, '--commitment', bundle.published.commitment], { encoding: 'utf8' });
    const verifyMs = performance.now() - t;
    if (v.status !== 0) throw new Error(`verify failed: ${v.stderr}`);
    load.push(os.loadavg()[0]);
    log(`${ds.kind}: verify ${round(verifyMs, 0)} ms on ${round(size / 1048576)} MB`);
    const [{ n: taskCount }] = await db.select({ n: sql<number>`count(*)::int` }).from(tasks).where(eq(tasks.planId, plan.id));

    // the draw as another process (or this one after a restart) does it: from the stored snapshot
    const other = await createPlan(db, head, { ...input, name: `压测计划（从存储读取） ${new Date().toISOString()}` });
    const otherPublished = await post(`/api/plans/${other.id}/publish`, { version: other.version, acceptUnstaffable: true });
    forgetPublished();
    t = performance.now();
    await post(`/api/plans/${other.id}/draw`, { version: otherPublished.version, publicValue: '福彩3D 压测 123' });
    const storedDrawMs = performance.now() - t;
    const storedDrawPhases = { ...drawPhases.draw };
    log(`${ds.kind}: a draw from the stored snapshot (another process, after a restart) in ${round(storedDrawMs, 0)} ms ${JSON.stringify(storedDrawPhases)}`);
    return {
      candidates: published.candidateCount, inspectors: frozen.inspectors.length, strata: frozen.plan.strata.length, targets: drawn.targets,
      tasks: Number(taskCount), unstaffed: drawn.unstaffed, publishMs: round(publishMs, 0), drawMs: round(drawMs, 0),
      wholeDrawMs: round(publishMs + drawMs, 0), storedDrawMs: round(storedDrawMs, 0), storedDrawPhases, publishPhases, drawPhases: drawPhasesMs, publishCpu, drawCpu, pureDrawMs: round(pureMs, 0),
      verifyCliMs: round(verifyMs, 0), bundleMB: round(size / 1048576), snapshotGzMB: round(snap.frozenGz.length / 1048576),
      bundleHeadKB: round((snap.bundleGz?.length ?? 0) / 1024), downloadMs: round(downloadMs, 0), loadAverage: load.map((x) => round(x, 2)),
    };
  } finally {
    await running.close();
    await database.close();
  }
}

const out: Record<string, unknown> = {};
if (args.db === 'both') {
  // each database in a fresh process of its own: the PGlite run leaves gigabytes of heap and WebAssembly memory
  // behind, whose collection would otherwise fall on the PostgreSQL run
  for (const kind of ['pglite', 'postgres']) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2).filter((a, i, all) => a !== '--db' && all[i - 1] !== '--db'), '--db', kind],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
    if (child.status !== 0) throw new Error(`bench:draw --db ${kind} failed`);
    const lines = child.stdout.trim().split('\n');
    for (const line of lines.slice(0, -1)) console.log(line);
    out[kind] = (JSON.parse(lines[lines.length - 1]) as Record<string, unknown>)[kind];
  }
} else {
  const ds: DataSet = args.db === 'pglite'
    ? { kind: 'pglite', dataDir: path.join(BENCH_DIR, 'pglite-1m'), keyDir: path.join(BENCH_DIR, 'pglite-1m') }
    : { kind: 'postgres', url: PG_URL, keyDir: path.join(BENCH_DIR, 'pg-key') };
  out[args.db] = await run(ds);
}
out.targets = { pureDrawMs: 1000, drawMs: { pglite: 15000, postgres: 8000 }, verifyCliMs: 3000 };
console.log(JSON.stringify(out));
