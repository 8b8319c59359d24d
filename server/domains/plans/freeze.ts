/**
 * Freezing the inputs of a draw from the registers (GUIDE §4.1): the candidate list, the inspector pool,
 * declared conflicts and who inspected each candidate last. The result is what the commitment covers.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agencies, entities, inspectorConflicts, inspectors, matters, tasks } from '../../db/schema/index';
import { CATEGORIES } from '../entities/categories';
import { regionScopePrefix } from '../regions/region-code';
import {
  computeWeight, sortCandidates, sortInspectors, stratumOf,
  type Candidate, type Conflict, type DrawPlan, type Frozen, type LastPair, type PoolInspector, type Stratum, type WeightTable,
} from '../../../lib/draw/index';
import { LEVEL_CODES } from './schema';

export type PlanRow = typeof import('../../db/schema/index').plans.$inferSelect;

/** A plan category and all its sub-categories (a plan for 公共场所 covers 住宿, 游泳场所 …). */
export function expandCategories(codes: string[]): string[] {
  const out = new Set<string>();
  for (const code of codes) {
    out.add(code);
    for (const c of CATEGORIES) if (c.code.startsWith(`${code}.`)) out.add(c.code);
  }
  return [...out];
}

const matchesCategory = (entityCategory: string, planCategory: string) =>
  entityCategory === planCategory || entityCategory.startsWith(`${planCategory}.`);

/** The agency carrying out a target: the carrier whose jurisdiction most closely contains the region. */
export function carrierFor(regionCode: string, carriers: { regionCode: string }[]): { regionCode: string } | undefined {
  let best: { regionCode: string } | undefined;
  for (const c of carriers) {
    const prefix = regionScopePrefix(c.regionCode);
    if (regionCode.startsWith(prefix) && (!best || prefix.length > regionScopePrefix(best.regionCode).length)) best = c;
  }
  return best;
}

export async function carrierAgencies(db: Db, plan: PlanRow) {
  const ids = plan.carrierAgencyIds.length ? plan.carrierAgencyIds : [plan.agencyId];
  return db.select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode })
    .from(agencies).where(and(inArray(agencies.id, ids), eq(agencies.recordStatus, 'active')));
}

export async function drawPlanOf(db: Db, plan: PlanRow): Promise<DrawPlan> {
  const [owner] = await db.select({ regionCode: agencies.regionCode }).from(agencies).where(eq(agencies.id, plan.agencyId));
  const matterRows = plan.matterIds.length
    ? await db.select({ code: matters.code }).from(matters).where(inArray(matters.id, plan.matterIds)) : [];
  const rules = plan.rules as Omit<DrawPlan['rules'], 'credentialValidOn'>;
  return {
    id: plan.id,
    name: plan.name,
    year: plan.year,
    level: LEVEL_CODES[plan.level as keyof typeof LEVEL_CODES],
    agencyCode: owner?.regionCode ?? plan.regionCode,
    windowStart: plan.windowStart,
    windowEnd: plan.windowEnd,
    matters: matterRows.map((m) => m.code).sort(),
    strata: plan.strata as Stratum[],
    // an inspector's credential must be valid until the end of the plan's window
    rules: { ...rules, credentialValidOn: plan.windowEnd },
  };
}

export interface FreezeOptions {
  /** Restrict to these entity ids (imported plans: the target list handed down by a higher level). */
  entityIds?: string[];
  /** ISO date of publication, for the minimum-interval exclusion. */
  today: string;
}

/** Build the frozen inputs of a plan's draw from the current registers. */
export async function freezeInputs(db: Db, plan: PlanRow, opts: FreezeOptions): Promise<Frozen> {
  const drawPlan = await drawPlanOf(db, plan);
  const carriers = await carrierAgencies(db, plan);
  const weights = plan.weights as WeightTable;
  const exclusions = plan.exclusions as { excludeInspectedInPeriod: boolean; minIntervalDays: number };
  const planCategories = plan.categories;
  const expanded = expandCategories(planCategories);
  const regionsWanted = (plan.targetRegions.length ? plan.targetRegions : [drawPlan.agencyCode]).map(regionScopePrefix);

  const handedDown = opts.entityIds !== undefined;
  const conds = [
    eq(entities.recordStatus, 'active'),
    sql`${entities.regionCode} like any(${`{${regionsWanted.map((p) => `${p}%`).join(',')}}`}::text[])`,
  ];
  // a target list handed down by a higher level is taken as it is: no category or exclusion filters
  if (handedDown) conds.push(opts.entityIds!.length ? inArray(entities.id, opts.entityIds!) : sql`false`);
  else conds.push(eq(entities.operatingStatus, 'operating'), sql`${entities.categories} && ${`{${expanded.join(',')}}`}::text[]`);
  if (exclusions.excludeInspectedInPeriod && !handedDown) {
    // already drawn in another plan of the same year for one of the same matters
    conds.push(sql`not exists (select 1 from ${tasks} t join plans p on p.id = t.plan_id
      where t.entity_id = ${entities.id} and t.plan_id <> ${plan.id} and p.year = ${plan.year}
        and p.matter_ids && ${`{${plan.matterIds.join(',')}}`}::uuid[] and t.status <> 'unable' and p.record_status = 'active')`);
  }
  if (exclusions.minIntervalDays > 0 && !handedDown) {
    conds.push(sql`not exists (select 1 from ${tasks} t where t.entity_id = ${entities.id} and t.status = 'done'
      and t.inspected_on > (${opts.today}::date - ${exclusions.minIntervalDays}::int))`);
  }
  const rows = await db.select({
    id: entities.id, name: entities.name, creditCode: entities.creditCode, regionCode: entities.regionCode,
    categories: entities.categories, riskGrade: entities.riskGrade, creditClass: entities.creditClass,
  }).from(entities).where(and(...conds));

  const unsorted: Candidate[] = [];
  for (const r of rows) {
    const carrier = carrierFor(r.regionCode, carriers);
    if (!carrier) continue;
    const specialty = r.categories.find((c) => planCategories.some((p) => matchesCategory(c, p))) ?? (handedDown ? r.categories[0] : undefined);
    if (!specialty) continue;
    const c: Candidate = {
      id: r.id, name: r.name, creditCode: r.creditCode, regionCode: r.regionCode,
      townCode: r.regionCode.length >= 9 ? r.regionCode.slice(0, 9) : '',
      agencyCode: carrier.regionCode, categories: [...r.categories].sort(), specialty,
      riskGrade: r.riskGrade ?? '', creditClass: r.creditClass ?? '',
      // the key supervision list and substantiated complaints arrive with the credit and complaints issues
      keyList: false, complaints: 0,
      stratum: '', weight: 0,
    };
    const stratum = stratumOf(c, drawPlan.strata);
    if (!stratum) continue;
    c.stratum = stratum;
    c.weight = computeWeight(c, weights);
    unsorted.push(c);
  }
  const candidates = sortCandidates(unsorted);

  const carrierIds = carriers.map((a) => a.id);
  const carrierRegion = new Map(carriers.map((a) => [a.id, a.regionCode]));
  const staff = carrierIds.length ? await db.select({
    id: inspectors.id, name: inspectors.name, agencyId: inspectors.agencyId, homeTownCode: inspectors.homeTownCode,
    specialties: inspectors.specialties, credentialExpiry: inspectors.credentialExpiry,
  }).from(inspectors).where(and(inArray(inspectors.agencyId, carrierIds), eq(inspectors.recordStatus, 'active'))) : [];
  const pool: PoolInspector[] = sortInspectors(staff.map((s) => ({
    id: s.id, name: s.name, agencyCode: carrierRegion.get(s.agencyId)!, townCode: s.homeTownCode ?? '',
    specialties: [...s.specialties].sort(), credentialValidUntil: s.credentialExpiry,
  })));

  const candidateIds = new Set(candidates.map((c) => c.id));
  const poolIds = new Set(pool.map((p) => p.id));
  const conflictRows = pool.length ? await db.select({ inspectorId: inspectorConflicts.inspectorId, entityId: inspectorConflicts.entityId })
    .from(inspectorConflicts).where(and(eq(inspectorConflicts.active, true), inArray(inspectorConflicts.inspectorId, [...poolIds]))) : [];
  const seen = new Set<string>();
  const conflicts: Conflict[] = [];
  for (const c of conflictRows) {
    const k = `${c.inspectorId}|${c.entityId}`;
    if (candidateIds.has(c.entityId) && !seen.has(k)) { seen.add(k); conflicts.push(c); }
  }
  conflicts.sort((a, b) => (a.inspectorId < b.inspectorId ? -1 : a.inspectorId > b.inspectorId ? 1 : a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));

  // who inspected each candidate last (the "not the same pair as last time" rule)
  const lastRows = await db.execute(sql`select distinct on (entity_id) entity_id as "entityId", inspector_ids as "inspectorIds"
    from ${tasks} where status = 'done' and cardinality(inspector_ids) > 0 and record_status = 'active'
    order by entity_id, inspected_on desc nulls last, updated_at desc`) as unknown as { rows: { entityId: string; inspectorIds: string[] | string }[] };
  const lastPairs: LastPair[] = [];
  for (const r of lastRows.rows) {
    if (!candidateIds.has(r.entityId)) continue;
    const ids = [...new Set(parsePgArray(r.inspectorIds))].sort();
    if (ids.length) lastPairs.push({ entityId: r.entityId, inspectorIds: ids });
  }
  lastPairs.sort((a, b) => (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));

  return { plan: drawPlan, weights, candidates, inspectors: pool, conflicts, lastPairs };
}

/** uuid[] from a raw query: node-postgres parses arrays of known types, PGlite may return the text form. */
function parsePgArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return [...v];
  return v.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

/**
 * JSON of a large object, gzipped without building one giant string: arrays listed in `chunked` are
 * serialised 5,000 items at a time.
 */
export function gzipJson(value: Record<string, unknown>, chunked: string[]): Buffer {
  const parts: Buffer[] = [];
  const keys = Object.keys(value);
  parts.push(Buffer.from('{'));
  keys.forEach((k, i) => {
    if (i) parts.push(Buffer.from(','));
    parts.push(Buffer.from(`${JSON.stringify(k)}:`));
    const v = value[k];
    if (chunked.includes(k) && Array.isArray(v)) {
      parts.push(Buffer.from('['));
      for (let j = 0; j < v.length; j += 5000) {
        const slice = JSON.stringify(v.slice(j, j + 5000));
        parts.push(Buffer.from(j === 0 ? slice.slice(1, -1) : `,${slice.slice(1, -1)}`));
      }
      parts.push(Buffer.from(']'));
    } else {
      parts.push(Buffer.from(JSON.stringify(v)));
    }
  });
  parts.push(Buffer.from('}'));
  return gzipSync(Buffer.concat(parts), { level: 1 });
}

export const gunzipJson = <T>(gz: Uint8Array): T => JSON.parse(gunzipSync(gz).toString('utf8')) as T;
