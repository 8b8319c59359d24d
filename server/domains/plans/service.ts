/**
 * Commands and queries of random inspection plans (抽查计划) and their draws. Every read and write is
 * scoped through access.scopeWhere; every state change is audited in its own transaction.
 */
import { and, asc, desc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { isPglite } from '../../db/prepared';
import { agencies, drawSnapshots, entities, inspectors, matters, plans, tasks, taskEvents } from '../../db/schema/index';
import { type Actor, canWriteRegion, scopeWhere } from '../../platform/access';
import { recordAudit } from '../../platform/audit';
import { decryptField, encryptField } from '../../platform/crypto';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors';
import { todayIso } from '../../platform/dates';
import { regionScopePrefix } from '../regions/region-code';
import {
  bundleEnvelope, candidateCount, candidateStrata, commitmentOf, DEFAULT_WEIGHTS, deriveSeed, frozenJson, indexOfCandidate, newSecret, PROTOCOL, publish,
  staffingProblems, type Frozen, type Published,
} from '../../../lib/draw/index';
import { carrierAgencies, freezeInputs, type PlanRow } from './freeze';
import { drawValidated } from '../../../lib/draw/draw';
import { bundleGzip, forgetPublished, gunzipFrozen, gzipFrozen, gzipOpen, keepPublished, parseFrozenForDraw, publishedFrozen } from './snapshot';
import { canAdvancePlan, rates } from './rules';
import { PLAN_STATUS, type PlanInput, type PlanStatus, type TaskResult, type TaskStatus } from './schema';

export const PLAN_READ = { region: plans.regionCode, sharedDown: true } as const;
const planScope = { region: plans.regionCode };

const stale = (version: number, current: number) =>
  conflict(`该抽查计划已被他人修改（您操作的是第 ${version} 版，当前为第 ${current} 版）。请刷新后重试。`, { currentVersion: current });

export async function loadPlan(db: Db, actor: Actor, id: string, mode: 'read' | 'write'): Promise<PlanRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('抽查计划');
  const [row] = await db.select().from(plans).where(and(eq(plans.id, id), eq(plans.recordStatus, 'active'),
    mode === 'read' ? scopeWhere(actor, PLAN_READ, 'read') : scopeWhere(actor, planScope, 'write')));
  if (!row) {
    if (mode === 'write') {
      const [readable] = await db.select({ id: plans.id }).from(plans).where(and(eq(plans.id, id), scopeWhere(actor, PLAN_READ, 'read')));
      if (readable) throw forbidden('该抽查计划由上级机构组织，您只能查看');
    }
    throw notFound('抽查计划');
  }
  return row;
}

/** Default weights: the agency's configured table if any, else the protocol defaults. */
export async function defaultWeights(db: Db) {
  const rows = await db.execute(sql`select value from settings where key = 'draw.weights'`) as unknown as { rows: { value: unknown }[] };
  return (rows.rows[0]?.value as typeof DEFAULT_WEIGHTS | undefined) ?? DEFAULT_WEIGHTS;
}

async function validateReferences(db: Db, actor: Actor, input: PlanInput) {
  const errors: { field: string; label: string; message: string }[] = [];
  const [agency] = await db.select().from(agencies).where(and(eq(agencies.id, input.agencyId), eq(agencies.recordStatus, 'active')));
  if (!agency) errors.push({ field: 'agencyId', label: '组织实施机构', message: '机构不存在' });
  else if (!canWriteRegion(actor, agency.regionCode)) errors.push({ field: 'agencyId', label: '组织实施机构', message: '只能为本机构或下级机构制定计划' });
  const scopePrefix = agency ? regionScopePrefix(agency.regionCode) : '';
  for (const code of input.targetRegions) {
    if (agency && !code.startsWith(scopePrefix)) errors.push({ field: 'targetRegions', label: '抽查区域', message: `区域 ${code} 不在组织实施机构的辖区内` });
  }
  for (const s of input.strata) {
    for (const code of s.regionCodes) {
      if (agency && !code.startsWith(scopePrefix)) errors.push({ field: 'strata', label: '抽取层级', message: `层级“${s.name}”的区域 ${code} 不在辖区内` });
    }
  }
  if (input.carrierAgencyIds.length) {
    const rows = await db.select({ id: agencies.id, regionCode: agencies.regionCode }).from(agencies)
      .where(and(inArray(agencies.id, input.carrierAgencyIds), eq(agencies.recordStatus, 'active')));
    if (rows.length !== new Set(input.carrierAgencyIds).size) errors.push({ field: 'carrierAgencyIds', label: '承办机构', message: '承办机构不存在' });
    for (const r of rows) {
      if (agency && !r.regionCode.startsWith(scopePrefix)) errors.push({ field: 'carrierAgencyIds', label: '承办机构', message: '承办机构应为组织实施机构或其下级机构' });
    }
  }
  const found = await db.select({ id: matters.id }).from(matters).where(and(inArray(matters.id, input.matterIds), eq(matters.recordStatus, 'active')));
  if (found.length !== new Set(input.matterIds).size) errors.push({ field: 'matterIds', label: '抽查事项', message: '所选抽查事项不存在或已停用' });
  if (errors.length) throw invalid(errors);
  return agency!;
}

const planValues = (input: PlanInput, weights: unknown) => ({
  agencyId: input.agencyId, level: input.level, year: input.year, name: input.name, matterIds: input.matterIds,
  categories: input.categories, targetRegions: input.targetRegions, carrierAgencyIds: input.carrierAgencyIds,
  windowStart: input.windowStart, windowEnd: input.windowEnd, strata: input.strata, rules: input.rules,
  exclusions: input.exclusions, weights, description: input.description,
});

export async function createPlan(db: Db, actor: Actor, input: PlanInput, extra: { source?: string; issuedBy?: string | null; handedDownIds?: string[] } = {}) {
  const agency = await validateReferences(db, actor, input);
  const weights = input.weights ?? await defaultWeights(db);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(plans).values({
      ...planValues(input, weights), regionCode: agency.regionCode, status: 'draft', createdBy: actor.userId, updatedBy: actor.userId,
      source: extra.source ?? 'local', issuedBy: extra.issuedBy ?? null, handedDownIds: extra.handedDownIds ?? null,
    }).returning();
    await recordAudit(tx, actor, { action: 'create', resource: 'plans', resourceId: row.id, regionCode: row.regionCode, after: row });
    return row;
  });
}

export async function updatePlan(db: Db, actor: Actor, id: string, input: PlanInput, version: number) {
  const existing = await loadPlan(db, actor, id, 'write');
  if (existing.status !== 'draft') throw conflict('计划发布后不能修改（候选名单和承诺值已公开）');
  if (existing.source === 'imported' && input.strata.length !== (existing.strata as unknown[]).length) {
    throw invalid([{ field: 'strata', label: '抽取层级', message: '上级下达的计划不能修改抽取层级' }]);
  }
  const agency = await validateReferences(db, actor, input);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(plans).set({
      ...planValues(input, input.weights ?? existing.weights), regionCode: agency.regionCode,
      version: sql`${plans.version} + 1`, updatedAt: sql`now()`, updatedBy: actor.userId,
    }).where(and(eq(plans.id, id), eq(plans.version, version), eq(plans.status, 'draft'))).returning();
    if (!row) throw stale(version, existing.version);
    await recordAudit(tx, actor, { action: 'update', resource: 'plans', resourceId: id, regionCode: row.regionCode, before: existing, after: row });
    return row;
  });
}

export async function removePlan(db: Db, actor: Actor, id: string, version: number, reason: string) {
  const existing = await loadPlan(db, actor, id, 'write');
  if (existing.status !== 'draft') throw conflict('只有草稿状态的计划可以删除；已发布的计划须保留并公开');
  await db.transaction(async (tx) => {
    const [row] = await tx.update(plans).set({ recordStatus: 'deleted', deletedReason: reason, version: sql`${plans.version} + 1`, updatedAt: sql`now()`, updatedBy: actor.userId })
      .where(and(eq(plans.id, id), eq(plans.version, version))).returning();
    if (!row) throw stale(version, existing.version);
    await recordAudit(tx, actor, { action: 'delete', resource: 'plans', resourceId: id, regionCode: row.regionCode, reason, before: { status: existing.status } });
  });
}

/** Candidate and target counts per stratum, and candidates no inspector could be sent to. */
export async function previewPlan(db: Db, actor: Actor, id: string) {
  const plan = await loadPlan(db, actor, id, 'read');
  const frozen = plan.status === 'draft' ? await freezeInputs(db, plan, { today: todayIso(), entityIds: await importedTargets(db, plan) })
    : JSON.parse(gunzipFrozen(await snapshotOf(db, plan.id, 'frozen')).toString('utf8')) as Frozen;
  return summarise(frozen);
}

/** Name of a candidate of a frozen list by id ('' if absent). */
const candidateName = (frozen: Frozen, id: string) => { const i = indexOfCandidate(frozen.candidates, id); return i < 0 ? '' : frozen.candidates.name[i]; };

function summarise(frozen: Frozen) {
  const perStratum = new Int32Array(frozen.plan.strata.length);
  for (const s of candidateStrata(frozen.candidates, frozen.plan)) if (s >= 0) perStratum[s]++;
  const strata = frozen.plan.strata.map((s, i) => {
    const n = perStratum[i];
    const k = s.mode === 'count' ? Math.min(s.count, n) : Math.min(n, Math.ceil((n * s.ratioBp) / 10_000));
    return { key: s.key, name: s.name, candidates: n, targets: k };
  });
  const problems = staffingProblems(frozen);
  return {
    candidates: candidateCount(frozen.candidates),
    targets: strata.reduce((a, s) => a + s.targets, 0),
    inspectors: frozen.inspectors.length,
    conflicts: frozen.conflicts.length,
    strata,
    staffingProblems: problems.slice(0, 50).map((p) => ({ ...p, entityName: candidateName(frozen, p.entityId) })),
    staffingProblemCount: problems.length,
  };
}

/** For an imported plan, the targets handed down by the higher level; otherwise the whole register. */
async function importedTargets(_db: Db, plan: PlanRow): Promise<string[] | undefined> {
  return plan.source === 'imported' ? plan.handedDownIds ?? [] : undefined;
}

// Snapshots are read as base64 text (smaller than the hexadecimal text of a bytea result, and PGlite moves a
// bytea result of tens of megabytes byte by byte: 6.5 s for a 35 MB snapshot, 0.6 s as base64); PGlite also
// receives them as base64 (a bytea parameter: 23 s, base64: 3 s), node-postgres as a binary parameter.
const b64 = (col: SQL) => sql`encode(${col}, 'base64')`;
const blob = (b: Buffer, pglite: boolean) => (pglite ? sql`decode(${b.toString('base64')}, 'base64')` : sql`${b}`);

async function snapshotOf(db: Db, planId: string, which: 'frozen' | 'bundle'): Promise<Uint8Array> {
  const res = await db.execute(sql`select ${b64(sql`${drawSnapshots.frozenGz}`)} as frozen,
      ${which === 'bundle' ? b64(sql`${drawSnapshots.bundleGz}`) : sql`null`} as head
    from ${drawSnapshots} where ${drawSnapshots.planId} = ${planId}`) as unknown as { rows: { frozen: string; head: string | null }[] };
  const row = res.rows[0];
  if (!row || (which === 'bundle' && !row.head)) throw notFound(which === 'frozen' ? '候选名单' : '抽取数据包');
  const frozen = Buffer.from(row.frozen, 'base64');
  return which === 'frozen' ? frozen : bundleGzip(Buffer.from(row.head!, 'base64'), frozen);
}

/** Insert the frozen snapshot, or set the bundle's head. */
async function storeSnapshot(tx: Db, pglite: boolean, s: { planId: string; frozenGz: Buffer } | { planId: string; bundleGz: Buffer }) {
  if ('frozenGz' in s) await tx.execute(sql`insert into ${drawSnapshots} (plan_id, frozen_gz) values (${s.planId}, ${blob(s.frozenGz, pglite)})`);
  else await tx.execute(sql`update ${drawSnapshots} set bundle_gz = ${blob(s.bundleGz, pglite)} where plan_id = ${s.planId}`);
}

/** The gzip of the frozen input's JSON, as published at publication (the candidate download). */
export const frozenSnapshot = (db: Db, planId: string) => snapshotOf(db, planId, 'frozen');
/** The gzip of the bundle's JSON: its stored head, the frozen input, a closing brace (snapshot.ts). */
export const bundleSnapshot = (db: Db, planId: string) => snapshotOf(db, planId, 'bundle');

/**
 * Milliseconds per phase of the last publication and the last draw in this process, wall clock and this
 * process's CPU time (bench:draw prints them; two clock reads per phase).
 */
export const drawPhases = { publish: {} as Record<string, number>, draw: {} as Record<string, number>, publishCpu: {} as Record<string, number>, drawCpu: {} as Record<string, number> };
function phases(which: 'publish' | 'draw') {
  const wall = drawPhases[which] = {} as Record<string, number>, cpu = drawPhases[`${which}Cpu`] = {} as Record<string, number>;
  const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  let t = performance.now(), c = cpuMs();
  return (name: string) => {
    const now = performance.now(), nc = cpuMs();
    wall[name] = Math.round(now - t); cpu[name] = Math.round(nc - c);
    t = now; c = nc;
  };
}

/**
 * 发布: freeze the candidate list and the inspector pool, store their hashes and a commitment to a fresh
 * secret seed share (GUIDE §4.1). Nothing about the draw can change after this.
 */
export async function publishPlan(db: Db, actor: Actor, id: string, version: number, opts: { acceptUnstaffable?: boolean } = {}) {
  const lap = phases('publish');
  const plan = await loadPlan(db, actor, id, 'write');
  if (plan.version !== version) throw stale(version, plan.version);
  if (!canAdvancePlan(plan.status as PlanStatus, 'published')) throw conflict(`计划当前为“${PLAN_STATUS[plan.status as PlanStatus]}”，不能发布`);
  const frozen = await freezeInputs(db, plan, { today: todayIso(), entityIds: await importedTargets(db, plan), lap });
  const count = candidateCount(frozen.candidates);
  lap('freezePool');
  if (count === 0) throw invalid([{ field: 'strata', label: '抽取层级', message: '按当前条件没有任何候选检查对象，请调整类别、区域或层级' }]);
  if (frozen.inspectors.length < 2) throw invalid([{ field: 'carrierAgencyIds', label: '承办机构', message: '承办机构的执法人员不足 2 名，无法派员' }]);
  // The frozen input's JSON is compressed on the thread pool while the hashes and the staffing check run here.
  const pieces = frozenJson(frozen);
  const compressing = gzipFrozen(pieces, new Set([pieces.indexOf(',"id":') + 1]));
  compressing.catch(() => undefined); // awaited below, unless the staffing check refuses first
  lap('serialize');
  const secret = newSecret();
  const published = publish(frozen, secret);
  lap('hash');
  const problems = staffingProblems(frozen);
  lap('staffingCheck');
  if (problems.length && !opts.acceptUnstaffable) {
    throw conflict(`有 ${problems.length} 个候选对象按派员规则无法派出执法人员，例如“${candidateName(frozen, problems[0].entityId)}”：${problems[0].reason}。请调整规则或补充执法人员；如确认发布，抽中的这些对象将列为“待派员”。`, {
      staffingProblems: problems.slice(0, 20).map((p) => ({ ...p, entityName: candidateName(frozen, p.entityId) })), staffingProblemCount: problems.length,
    });
  }
  const frozenGz = await compressing;
  lap('compress');
  const pglite = isPglite(db);
  const row = await db.transaction(async (tx) => {
    const [row] = await tx.update(plans).set({
      status: 'published', publishedAt: sql`now()`, candidateCount: count,
      planHash: published.planHash, candidatesHash: published.candidatesHash, inspectorsHash: published.inspectorsHash,
      commitment: published.commitment, secretEnc: encryptField(secret),
      version: sql`${plans.version} + 1`, updatedAt: sql`now()`, updatedBy: actor.userId,
    }).where(and(eq(plans.id, id), eq(plans.version, version), eq(plans.status, 'draft'))).returning();
    if (!row) throw stale(version, plan.version);
    await storeSnapshot(tx, pglite, { planId: id, frozenGz });
    await recordAudit(tx, actor, {
      action: 'publish', resource: 'plans', resourceId: id, regionCode: row.regionCode,
      after: { status: 'published', candidates: count, inspectors: frozen.inspectors.length, ...published },
    });
    return row;
  });
  keepPublished(id, published, frozen);
  lap('store');
  return row;
}

/**
 * 抽取: mix the operator's public value into the seed, run the pure draw over the frozen inputs, store
 * the immutable bundle and create one task per drawn target. The bundle is the stored frozen JSON wrapped in
 * the secret, the public value and the result, written without serializing or compressing the list again.
 */
export async function drawPlanTargets(db: Db, actor: Actor, id: string, publicValue: string, version: number, now = new Date()) {
  const lap = phases('draw');
  const plan = await loadPlan(db, actor, id, 'write');
  if (plan.version !== version) throw stale(version, plan.version);
  if (!canAdvancePlan(plan.status as PlanStatus, 'drawn')) throw conflict(`计划当前为“${PLAN_STATUS[plan.status as PlanStatus]}”，不能抽取`);
  const published: Published = {
    planHash: plan.planHash!, candidatesHash: plan.candidatesHash!, inspectorsHash: plan.inspectorsHash!, commitment: plan.commitment!,
  };
  // the frozen input as this process published it, or else as stored (names and credit codes are read only for
  // the drawn units)
  const { frozen, line } = publishedFrozen<Frozen>(id, published) ?? parseFrozenForDraw<Frozen>(gunzipFrozen(await snapshotOf(db, id, 'frozen')));
  lap('loadSnapshot');
  const secret = decryptField(plan.secretEnc!);
  const seed = deriveSeed({ secret, publicValue, ...published });
  // The snapshot was validated (draw()'s input checks) when it was published: the staffing check runs them.
  const result = drawValidated(frozen, seed);
  lap('draw');
  const drawnAt = now.toISOString();
  // the bundle is this head, the frozen input as published and a closing brace (assembled when served)
  const { prefix, suffix } = bundleEnvelope(published, secret, publicValue, drawnAt, result);
  if (suffix !== '}') throw new Error('unexpected bundle envelope');
  const bundleGz = gzipOpen(prefix);
  lap('bundle');

  const list = frozen.candidates;
  const inspectorNames = new Map(frozen.inspectors.map((i) => [i.id, i.name]));
  const carriers = await carrierAgencies(db, plan);
  const agencyByRegion = new Map(carriers.map((a) => [a.regionCode, a.id]));
  const taskRows = result.targets.map((t) => {
    const i = indexOfCandidate(list, t.entityId), [regionCode, , agencyCode] = list.places[list.place[i]];
    return {
      region_code: regionCode, agency_id: agencyByRegion.get(agencyCode)!, entity_id: t.entityId, entity_name: line('name', i), credit_code: line('creditCode', i),
      stratum: t.stratum, seq: t.seq, inspector_ids: t.inspectorIds, inspector_names: t.inspectorIds.map((x) => inspectorNames.get(x) ?? ''),
      unstaffed_reason: t.unstaffed?.reason ?? null, status: t.inspectorIds.length ? 'pending' : 'unstaffed',
    };
  });
  lap('prepareTasks');
  const unstaffed = result.targets.filter((t) => !t.inspectorIds.length).length;
  const pglite = isPglite(db);
  const row = await db.transaction(async (tx) => {
    const [row] = await tx.update(plans).set({
      status: 'drawn', drawnAt: now, publicValue: publicValue.trim(), drawOperator: actor.displayName,
      version: sql`${plans.version} + 1`, updatedAt: sql`now()`, updatedBy: actor.userId,
    }).where(and(eq(plans.id, id), eq(plans.version, version), eq(plans.status, 'published'))).returning();
    if (!row) throw stale(version, plan.version);
    await storeSnapshot(tx, pglite, { planId: id, bundleGz });
    // one statement for all tasks, each with the unit's current address from the register
    for (let i = 0; i < taskRows.length; i += 20_000) {
      await tx.execute(sql`insert into ${tasks} (region_code, plan_id, agency_id, entity_id, entity_name, credit_code, address, stratum, seq,
          inspector_ids, inspector_names, unstaffed_reason, due_date, status, created_by, updated_by)
        select x.region_code, ${id}::uuid, x.agency_id, x.entity_id, x.entity_name, x.credit_code, e.address, x.stratum, x.seq,
          x.inspector_ids, x.inspector_names, x.unstaffed_reason, ${plan.windowEnd}::date, x.status, ${actor.userId}::uuid, ${actor.userId}::uuid
        from jsonb_to_recordset(${JSON.stringify(taskRows.slice(i, i + 20_000))}::jsonb) as x(region_code text, agency_id uuid, entity_id uuid,
          entity_name text, credit_code text, stratum text, seq int, inspector_ids uuid[], inspector_names text[], unstaffed_reason text, status text)
        left join ${entities} e on e.id = x.entity_id`);
    }
    await recordAudit(tx, actor, {
      action: 'draw', resource: 'plans', resourceId: id, regionCode: row.regionCode,
      after: { status: 'drawn', publicValue: publicValue.trim(), drawnAt, targets: result.targets.length, unstaffed },
    });
    return row;
  });
  forgetPublished(id);
  lap('store');
  return { plan: row, targets: result.targets.length, unstaffed };
}

/** 完成: every task has been finished (inspected or recorded as impossible). */
export async function completePlan(db: Db, actor: Actor, id: string, version: number) {
  const plan = await loadPlan(db, actor, id, 'write');
  if (plan.version !== version) throw stale(version, plan.version);
  if (!['drawn', 'in_progress'].includes(plan.status)) throw conflict(`计划当前为“${PLAN_STATUS[plan.status as PlanStatus]}”，不能办结`);
  const [open] = await db.select({ n: sql<number>`count(*)::int` }).from(tasks)
    .where(and(eq(tasks.planId, id), sql`${tasks.status} not in ('done', 'unable')`));
  if (open.n > 0) throw conflict(`还有 ${open.n} 个检查任务未完成，全部完成（或登记无法检查）后才能办结计划`);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(plans).set({
      status: 'completed', completedAt: sql`now()`, version: sql`${plans.version} + 1`, updatedAt: sql`now()`, updatedBy: actor.userId,
    }).where(and(eq(plans.id, id), eq(plans.version, version))).returning();
    if (!row) throw stale(version, plan.version);
    await recordAudit(tx, actor, { action: 'complete', resource: 'plans', resourceId: id, regionCode: row.regionCode, before: { status: plan.status }, after: { status: 'completed' } });
    return row;
  });
}

/** A drawn plan goes 实施中 when its first task is started or recorded. */
export async function markPlanInProgress(tx: Db, actor: Actor, planId: string) {
  const [row] = await tx.update(plans).set({ status: 'in_progress', version: sql`${plans.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(plans.id, planId), eq(plans.status, 'drawn'))).returning({ id: plans.id, regionCode: plans.regionCode });
  if (row) await recordAudit(tx, actor, { action: 'start', resource: 'plans', resourceId: planId, regionCode: row.regionCode, before: { status: 'drawn' }, after: { status: 'in_progress' } });
}

export interface PlanListQuery { q?: string; year?: number; status?: string; level?: string; page: number; pageSize: number }

export async function listPlans(db: Db, actor: Actor, query: PlanListQuery) {
  const conds: (SQL | undefined)[] = [eq(plans.recordStatus, 'active'), scopeWhere(actor, PLAN_READ, 'read')];
  if (query.q) conds.push(like(plans.name, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (query.year) conds.push(eq(plans.year, query.year));
  if (query.status) conds.push(eq(plans.status, query.status));
  if (query.level) conds.push(eq(plans.level, query.level));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(plans).where(where).orderBy(desc(plans.year), desc(plans.updatedAt), asc(plans.id))
      .limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(plans).where(where),
  ]);
  const counts = rows.length ? await db.select({
    planId: tasks.planId, drawn: sql<number>`count(*)::int`,
    finished: sql<number>`count(*) filter (where ${tasks.status} in ('done','unable'))::int`,
  }).from(tasks).where(inArray(tasks.planId, rows.map((r) => r.id))).groupBy(tasks.planId) : [];
  const byPlan = new Map(counts.map((c) => [c.planId, c]));
  const agencyNames = await agencyNameMap(db);
  return {
    items: rows.map((r) => ({ ...presentPlanSummary(r, agencyNames), tasks: byPlan.get(r.id)?.drawn ?? 0, finished: byPlan.get(r.id)?.finished ?? 0 })),
    total, page: query.page, pageSize: query.pageSize,
  };
}

export async function agencyNameMap(db: Db) {
  const rows = await db.select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode }).from(agencies);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function presentPlanSummary(r: PlanRow, agencyNames: Map<string, string>) {
  return {
    id: r.id, name: r.name, year: r.year, level: r.level, status: r.status, statusLabel: PLAN_STATUS[r.status as PlanStatus],
    agencyId: r.agencyId, agencyName: agencyNames.get(r.agencyId) ?? '', regionCode: r.regionCode, source: r.source, issuedBy: r.issuedBy,
    windowStart: r.windowStart, windowEnd: r.windowEnd, publishedAt: r.publishedAt, drawnAt: r.drawnAt, completedAt: r.completedAt,
    candidateCount: r.candidateCount, version: r.version, updatedAt: r.updatedAt,
  };
}

export async function presentPlan(db: Db, r: PlanRow) {
  const agencyNames = await agencyNameMap(db);
  const matterRows = r.matterIds.length ? await db.select({ id: matters.id, code: matters.code, name: matters.name }).from(matters).where(inArray(matters.id, r.matterIds)) : [];
  return {
    ...presentPlanSummary(r, agencyNames),
    matterIds: r.matterIds, matters: matterRows, categories: r.categories, targetRegions: r.targetRegions,
    handedDownCount: r.handedDownIds?.length ?? null,
    carrierAgencyIds: r.carrierAgencyIds, carrierAgencies: (r.carrierAgencyIds.length ? r.carrierAgencyIds : [r.agencyId]).map((id) => ({ id, name: agencyNames.get(id) ?? '' })),
    strata: r.strata, rules: r.rules, exclusions: r.exclusions, weights: r.weights, description: r.description,
    protocol: PROTOCOL,
    published: r.commitment ? { planHash: r.planHash, candidatesHash: r.candidatesHash, inspectorsHash: r.inspectorsHash, commitment: r.commitment } : null,
    publicValue: r.publicValue, drawOperator: r.drawOperator,
  };
}

type TaskRate = { status: TaskStatus; result: TaskResult | null; followUpStatus: string };

/** 完成率 / 完结率 per plan, stratum, agency and inspector. */
export async function planStats(db: Db, actor: Actor, id: string) {
  const plan = await loadPlan(db, actor, id, 'read');
  const rows = await db.select({
    status: tasks.status, result: tasks.result, followUpStatus: tasks.followUpStatus, stratum: tasks.stratum,
    agencyId: tasks.agencyId, inspectorIds: tasks.inspectorIds, inspectorNames: tasks.inspectorNames,
  }).from(tasks).where(and(eq(tasks.planId, id), scopeWhere(actor, { region: tasks.regionCode }, 'read')));
  const group = <K>(keyOf: (r: (typeof rows)[number]) => K[]) => {
    const m = new Map<K, TaskRate[]>();
    for (const r of rows) for (const k of keyOf(r)) { const a = m.get(k) ?? []; a.push(r as TaskRate); m.set(k, a); }
    return m;
  };
  const agencyNames = await agencyNameMap(db);
  const strataNames = new Map((plan.strata as { key: string; name: string }[]).map((s) => [s.key, s.name]));
  const inspectorName = new Map<string, string>();
  for (const r of rows) r.inspectorIds.forEach((x, i) => inspectorName.set(x, r.inspectorNames[i]));
  const byStatus: Record<string, number> = {};
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return {
    overall: rates(rows as TaskRate[]),
    byStatus,
    byStratum: [...group((r) => [r.stratum])].map(([k, v]) => ({ key: k, name: strataNames.get(k) ?? k, ...rates(v) })),
    byAgency: [...group((r) => [r.agencyId])].map(([k, v]) => ({ id: k, name: agencyNames.get(k) ?? '', ...rates(v) })),
    byInspector: [...group((r) => r.inspectorIds)].map(([k, v]) => ({ id: k, name: inspectorName.get(k) ?? '', ...rates(v) }))
      .sort((a, b) => b.drawn - a.drawn),
  };
}

/** The actor's inspector record, if they are one (tasks are assigned to inspectors, not users). */
export async function inspectorIdOf(db: Db, actor: Actor): Promise<string | null> {
  const [row] = await db.select({ id: inspectors.id }).from(inspectors).where(and(eq(inspectors.userId, actor.userId), eq(inspectors.recordStatus, 'active')));
  return row?.id ?? null;
}

/** Public status-change log of a plan's tasks (一公开: every change after the draw is published). */
export async function planTaskEvents(db: Db, planId: string) {
  return db.select({
    taskId: taskEvents.taskId, at: taskEvents.at, action: taskEvents.action, fromStatus: taskEvents.fromStatus, toStatus: taskEvents.toStatus,
    reason: taskEvents.reason, entityName: tasks.entityName, creditCode: tasks.creditCode,
  }).from(taskEvents).innerJoin(tasks, eq(tasks.id, taskEvents.taskId))
    .where(and(eq(taskEvents.planId, planId), eq(taskEvents.public, true))).orderBy(asc(taskEvents.id));
}

