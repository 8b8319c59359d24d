/**
 * Freezing the inputs of a draw from the registers (GUIDE §4.1): the candidate list, the inspector pool,
 * declared conflicts and who inspected each candidate last. The result is what the commitment covers.
 */
import { and, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agencies, entities, inspectorConflicts, inspectors, matters, tasks } from '../../db/schema/index';
import { CATEGORIES } from '../entities/categories';
import { regionScopePrefix } from '../regions/region-code';
import {
  indexOfCandidate, sortInspectors, stratumOf,
  type CandidateList, type Conflict, type DrawPlan, type Frozen, type LastPair, type PoolInspector, type Stratum, type WeightTable,
} from '../../../lib/draw/index';
import { CandidateListBuilder, hasLines, primeColumn, renumberDictionaries } from '../../../lib/draw/candidates';
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
  /** Called at the end of each phase (the publication's timings). */
  lap?: (phase: string) => void;
}

const FNV_START = 0x811c9dc5, FNV_PRIME = 16777619;
/** FNV-1a over the code units of text[from, to), as an int32. */
export function fnv(text: string, from: number, to: number): number {
  let h = FNV_START;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

/** Distinct lines of a text, found by position and hash (fnv) — no substring per lookup — each with a number. */
export class LineTable {
  private size = 1 << 12;
  private hash = new Int32Array(this.size);
  private start = new Int32Array(this.size).fill(-1);
  private length = new Int32Array(this.size);
  private value = new Float64Array(this.size);
  private count = 0;
  constructor(private readonly text: string) {}

  private same(a: number, b: number, n: number): boolean {
    const t = this.text;
    for (let k = 0; k < n; k++) if (t.charCodeAt(a + k) !== t.charCodeAt(b + k)) return false;
    return true;
  }
  private slot(h: number, from: number, n: number): number {
    const mask = this.size - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      if (this.start[s] < 0 || (this.hash[s] === h && this.length[s] === n && this.same(this.start[s], from, n))) return s;
    }
  }
  /** The number of the line text[from, to) whose fnv is h, if seen before. */
  find(h: number, from: number, to: number): number | undefined {
    const s = this.slot(h, from, to - from);
    return this.start[s] < 0 ? undefined : this.value[s];
  }
  add(h: number, from: number, to: number, v: number): void {
    if (2 * (this.count + 1) > this.size) this.grow();
    const s = this.slot(h, from, to - from);
    if (this.start[s] < 0) this.count++;
    this.hash[s] = h; this.start[s] = from; this.length[s] = to - from; this.value[s] = v;
  }
  private grow(): void {
    const old = { hash: this.hash, start: this.start, length: this.length, value: this.value };
    this.size *= 2;
    this.hash = new Int32Array(this.size); this.start = new Int32Array(this.size).fill(-1);
    this.length = new Int32Array(this.size); this.value = new Float64Array(this.size);
    for (let i = 0; i < old.start.length; i++) {
      if (old.start[i] < 0) continue;
      let s = old.hash[i] & (this.size - 1);
      while (this.start[s] >= 0) s = (s + 1) & (this.size - 1);
      this.hash[s] = old.hash[i]; this.start[s] = old.start[i]; this.length[s] = old.length[i]; this.value[s] = old.value[i];
    }
  }
}

/**
 * The code of each of the `total` lines of `profiles` (its "\n"-separated lines), `interpret` being called once
 * per distinct line. Each line is looked up in place (FNV-1a over its code units, an open-addressing table, a
 * comparison with the first line of that hash): a million lines without cutting a million strings out. (A
 * function of its own, so that the engine optimizes the loop.)
 */
function profileCodes(profiles: string, total: number, interpret: (line: string) => number): Float64Array {
  const codes = new Float64Array(total), lines = new LineTable(profiles), n = profiles.length;
  for (let i = 0, pos = 0; i < total; i++) {
    let h = FNV_START, end = pos;
    for (; end < n; end++) {
      const ch = profiles.charCodeAt(end);
      if (ch === 10) break;
      h = Math.imul(h ^ ch, FNV_PRIME);
    }
    h |= 0;
    let c = lines.find(h, pos, end);
    if (c === undefined) { c = interpret(profiles.slice(pos, end)); lines.add(h, pos, end, c); }
    if (i === total - 1 ? end !== n : end === n) throw new Error('freeze: the aggregated candidate columns do not line up');
    codes[i] = c;
    pos = end + 1;
  }
  return codes;
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
    regionsWanted.length === 1 ? like(entities.regionCode, `${regionsWanted[0]}%`)
      : sql`${entities.regionCode} like any(${`{${regionsWanted.map((p) => `${p}%`).join(',')}}`}::text[])`,
  ];
  // a target list handed down by a higher level is taken as it is: no category or exclusion filters
  if (handedDown) conds.push(opts.entityIds!.length ? inArray(entities.id, opts.entityIds!) : sql`false`);
  else {
    conds.push(eq(entities.operatingStatus, 'operating'));
    // (a plan over the whole catalogue needs no category test in the database: the specialty check below drops
    // a unit of no plan category, and it saves testing each of a million rows)
    const covered = new Set(expanded);
    if (!CATEGORIES.every((c) => covered.has(c.code))) conds.push(sql`${entities.categories} && ${`{${expanded.join(',')}}`}::text[]`);
  }
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
  // One lean query, aggregated in the database: the ids, names and credit codes as three texts with one line per
  // candidate, in canonical order (ascending id: uuid order is the order of its lowercase text), and a "profile"
  // per candidate (region, grades, categories: a few thousand distinct values, interpreted once each). A million
  // rows would otherwise arrive as a million row objects; this way the text columns of the candidate list come
  // straight from the database. A line break inside a name or code (which would add a line) is published as a
  // space: the query is repeated with the replacement in the rare case that a text has more lines than rows.
  type Agg = { rows: { n: number | string; ids: string | null; names: string | null; codes: string | null; profiles: string | null }[] };
  const aggregate = (oneLine: (col: SQL) => SQL) => db.transaction(async (tx) => {
    // Sort in memory, scan and format the rows in parallel workers (PostgreSQL; PGlite has none): the planner
    // would otherwise do it all in one process. JIT compilation does not pay for itself on this query.
    await tx.execute(sql`set local work_mem = '256MB'`);
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local parallel_setup_cost = 0`);
    await tx.execute(sql`set local parallel_tuple_cost = 0`);
    return tx.execute(sql`select count(*)::int as n, string_agg(i, E'\n') as ids, string_agg(nm, E'\n') as names,
        string_agg(cc, E'\n') as codes, string_agg(p, E'\n') as profiles
      from (select ${entities.id}::text as i, ${oneLine(sql`${entities.name}`)} as nm, ${oneLine(sql`${entities.creditCode}`)} as cc,
          concat(${entities.regionCode}, E'\t', coalesce(${entities.riskGrade}, ''), E'\t', coalesce(${entities.creditClass}, ''), E'\t',
            array_to_string(${entities.categories}, E'\x1f')) as p
        from ${entities} where ${and(...conds)} order by ${entities.id}) t`) as unknown as Promise<Agg>;
  });
  let agg = await aggregate((col) => col);
  const [first] = agg.rows, n0 = Number(first.n);
  if (!hasLines(first.names ?? '', n0) || !hasLines(first.codes ?? '', n0)) {
    agg = await aggregate((col) => sql`regexp_replace(${col}, E'\r?\n', ' ', 'g')`);
  }
  const row = agg.rows[0];
  const total = Number(row.n);
  opts.lap?.('freezeQuery');

  const ids = total ? row.ids!.split('\n') : [];
  const profiles = row.profiles ?? '';
  if (ids.length !== total) throw new Error('freeze: the aggregated candidate columns do not line up');
  // profile → packed (place, kind, risk), or -1 when the candidate is not one: no carrying agency, no specialty
  // of the plan, no stratum
  const list = new CandidateListBuilder();
  const placeOf = new Map<string, number>();
  const kindOf = new Map<string, number>();

  const PK = 2 ** 20;
  const interpret = (profile: string): number => {
    const parts = profile.split('\t');
    if (parts.length !== 4) throw new Error(`freeze: unexpected candidate profile ${JSON.stringify(profile.slice(0, 80))}`);
    // the categories are joined by U+001F (array_to_string costs far less than the array's text form)
    const [regionCode, riskGrade, creditClass, joined] = parts;
    let place = placeOf.get(regionCode);
    if (place === undefined) {
      const carrier = carrierFor(regionCode, carriers);
      place = carrier ? list.place(regionCode, regionCode.length >= 9 ? regionCode.slice(0, 9) : '', carrier.regionCode) : -1;
      placeOf.set(regionCode, place);
    }
    const categories = joined === '' ? [] : joined.split('\x1f').sort();
    let kind = kindOf.get(joined);
    if (kind === undefined) {
      const specialty = categories.find((c) => planCategories.some((p) => matchesCategory(c, p))) ?? (handedDown ? categories[0] : undefined);
      kind = specialty === undefined ? -1 : list.kind(categories, specialty);
      kindOf.set(joined, kind);
    }
    if (place < 0 || kind < 0 || stratumOf({ regionCode, categories }, drawPlan.strata) === null) return -1;
    // the key supervision list and substantiated complaints arrive with the credit and complaints issues
    const risk = list.risk(riskGrade, creditClass, false, 0);
    return (place * PK + kind) * PK + risk;
  };
  const codes = profileCodes(profiles, total, interpret);
  let kept = 0, sorted = true;
  for (let i = 0; i < total; i++) {
    if (codes[i] >= 0) kept++;
    if (i > 0 && !(ids[i - 1] < ids[i])) sorted = false;
  }
  opts.lap?.('freezeRows');
  let candidates: CandidateList;
  if (kept === total && sorted) {
    // every row a candidate, in canonical order: the texts from the database are the list's text columns
    const place = new Array<number>(total), kind = new Array<number>(total), risk = new Array<number>(total);
    for (let i = 0; i < total; i++) { const c = codes[i]; place[i] = Math.floor(c / PK / PK); kind[i] = Math.floor(c / PK) % PK; risk[i] = c % PK; }
    candidates = renumberDictionaries({ ...list.dictionaries(), place, kind, risk, id: row.ids ?? '', name: row.names ?? '', creditCode: row.codes ?? '' });
    primeColumn(candidates, 'id', ids);
  } else {
    const names = total ? row.names!.split('\n') : [], creditCodes = total ? row.codes!.split('\n') : [];
    if (names.length !== total || creditCodes.length !== total) throw new Error('freeze: the aggregated candidate columns do not line up');
    for (let i = 0; i < total; i++) {
      const c = codes[i];
      if (c >= 0) list.add(ids[i], names[i], creditCodes[i], Math.floor(c / PK / PK), Math.floor(c / PK) % PK, c % PK);
    }
    candidates = list.build();
  }
  opts.lap?.('freezeEncode');

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

  const isCandidate = (id: string) => indexOfCandidate(candidates, id) >= 0;
  const poolIds = new Set(pool.map((p) => p.id));
  const conflictRows = pool.length ? await db.select({ inspectorId: inspectorConflicts.inspectorId, entityId: inspectorConflicts.entityId })
    .from(inspectorConflicts).where(and(eq(inspectorConflicts.active, true), inArray(inspectorConflicts.inspectorId, [...poolIds]))) : [];
  const seen = new Set<string>();
  const conflicts: Conflict[] = [];
  for (const c of conflictRows) {
    const k = `${c.inspectorId}|${c.entityId}`;
    if (isCandidate(c.entityId) && !seen.has(k)) { seen.add(k); conflicts.push(c); }
  }
  conflicts.sort((a, b) => (a.inspectorId < b.inspectorId ? -1 : a.inspectorId > b.inspectorId ? 1 : a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));

  // who inspected each candidate last (the "not the same pair as last time" rule)
  const lastRows = await db.execute(sql`select distinct on (entity_id) entity_id as "entityId", inspector_ids as "inspectorIds"
    from ${tasks} where status = 'done' and cardinality(inspector_ids) > 0 and record_status = 'active'
    order by entity_id, inspected_on desc nulls last, updated_at desc`) as unknown as { rows: { entityId: string; inspectorIds: string[] | string }[] };
  const lastPairs: LastPair[] = [];
  for (const r of lastRows.rows) {
    if (!isCandidate(r.entityId)) continue;
    const ids = [...new Set(parsePgArray(r.inspectorIds))].sort();
    if (ids.length) lastPairs.push({ entityId: r.entityId, inspectorIds: ids });
  }
  lastPairs.sort((a, b) => (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));

  return { plan: drawPlan, weights, candidates, inspectors: pool, conflicts, lastPairs };
}

/**
 * A one-dimensional text[] from a raw query: node-postgres parses arrays of known types, PGlite may return the
 * text form, and the freeze query asks for the text form ({a,b}, {"a b",NULL}) on purpose.
 */
export function parsePgArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return [...v];
  const out: string[] = [];
  const s = v.trim();
  if (s.length < 2 || s[0] !== '{' || s[s.length - 1] !== '}') throw new Error(`not a PostgreSQL array literal: ${s.slice(0, 40)}`);
  let i = 1;
  while (i < s.length - 1) {
    let item = '';
    if (s[i] === '"') {
      for (i++; s[i] !== '"'; i++) item += s[i] === '\\' ? s[++i] : s[i];
      i++;
      out.push(item);
    } else {
      const end = s.indexOf(',', i);
      item = s.slice(i, end < 0 ? s.length - 1 : end).trim();
      if (item !== 'NULL') out.push(item);
      i = end < 0 ? s.length - 1 : end;
    }
    if (s[i] === ',') i++;
  }
  return out;
}
