/** The draw itself: weighted target selection per stratum, then inspector assignment under the avoidance rules. */
import { stream } from './chacha';
import { columnValues, indexOfCandidate } from './candidates';
import { candidateStrata, inputError, riskWeights, ruleError, shapeError, specialtyRoot } from './rules';
import type { CandidateList, DrawResult, DrawnTarget, Frozen, Stratum } from './types';

/** What the inspector rules look at in a candidate (plus what the pool looked up for it, kept for its slots). */
export interface Target {
  id: string; agencyCode: string; townCode: string; specialty: string;
  root?: string; conflicts?: Set<number> | null; last?: { set: Set<number>; need: number } | null;
}
/** Candidate i of the list, as the inspector rules see it. */
export function targetOf(list: CandidateList, i: number): Target {
  const place = list.places[list.place[i]];
  return { id: columnValues(list, 'id')[i], agencyCode: place[2], townCode: place[1], specialty: list.kinds[list.kind[i]][1] };
}

/** Number of targets of a stratum with n members: count mode min(count, n); ratio mode ceil(n × ratioBp / 10000). */
export const targetCount = (s: Stratum, n: number): number =>
  s.mode === 'count' ? Math.min(s.count, n) : Math.min(n, Math.floor((n * s.ratioBp + 9999) / 10000));

/** Rules an inspector can fail, in the order they are evaluated (each inspector is counted under the first). */
export const RULES = ['agency', 'specialty', 'credential', 'conflict', 'town', 'lastPair', 'workload', 'chosen'] as const;
export type Rule = (typeof RULES)[number];
const LABELS: Record<Rule, string> = {
  agency: '非本机构', specialty: '专业不符', credential: '执法证过期', conflict: '利害关系回避', town: '同乡镇回避',
  lastPair: '上次检查人员回避', workload: '已达工作量上限', chosen: '已选派本对象',
};

/** The Chinese reason of an unstaffed target: a pure function of the slot count and the rule counts. */
export function unstaffedReason(perTarget: number, counts: Record<string, number>): string {
  const parts = RULES.filter((r) => r !== 'agency' && counts[r] > 0).map((r) => `${LABELS[r]} ${counts[r]} 人`);
  return `可派执法人员不足 ${perTarget} 名：${parts.length ? parts.join('，') : '本机构无执法人员'}`;
}

/** Everything that decides eligibility; shared by draw(), staffingProblems() and the tests. */
export class Pool {
  readonly roots: Set<string>[];
  readonly index = new Map<string, number>();
  readonly conflicts = new Map<string, Set<number>>();
  readonly last = new Map<string, { set: Set<number>; need: number }>();
  private readonly buckets = new Map<string, number[]>();
  /** Targets assigned so far, per inspector index. */
  readonly assigned: Int32Array;

  constructor(readonly f: Frozen) {
    const ins = f.inspectors, rules = f.plan.rules;
    this.roots = ins.map((i) => new Set(i.specialties.map(specialtyRoot)));
    this.assigned = new Int32Array(ins.length);
    ins.forEach((x, i) => {
      this.index.set(x.id, i);
      if (x.credentialValidUntil >= rules.credentialValidOn) for (const r of this.roots[i]) push(this.buckets, x.agencyCode + '\n' + r, i);
    });
    for (const c of f.conflicts) {
      const i = this.index.get(c.inspectorId);
      if (i === undefined) continue; // not in the pool: nothing to avoid
      const set = this.conflicts.get(c.entityId);
      if (set) set.add(i); else this.conflicts.set(c.entityId, new Set([i]));
    }
    if (rules.avoidLastPair) {
      for (const p of f.lastPairs) {
        // Ids outside the pool stay in `need`, so such a pair can never be completed and never excludes anyone.
        const set = new Set<number>();
        for (const id of p.inspectorIds) { const i = this.index.get(id); if (i !== undefined) set.add(i); }
        this.last.set(p.entityId, { set, need: p.inspectorIds.length });
      }
    }
  }

  /** Inspectors of the candidate's agency with a qualifying specialty and a valid credential (canonical order). */
  bucket(c: Target): number[] { return this.buckets.get(c.agencyCode + '\n' + specialtyRoot(c.specialty)) ?? []; }

  /** First rule inspector x fails for candidate c, given the inspectors already chosen for it, or null. */
  failure(x: number, c: Target, chosen: number[], cap: number): Rule | null {
    const i = this.f.inspectors[x], rules = this.f.plan.rules;
    if (c.root === undefined) { c.root = specialtyRoot(c.specialty); c.conflicts = this.conflicts.get(c.id) ?? null; c.last = this.last.get(c.id) ?? null; }
    if (i.agencyCode !== c.agencyCode) return 'agency';
    if (!this.roots[x].has(c.root)) return 'specialty';
    if (!(i.credentialValidUntil >= rules.credentialValidOn)) return 'credential';
    if (c.conflicts?.has(x)) return 'conflict';
    if (rules.avoidSameTown && i.townCode !== '' && i.townCode === c.townCode) return 'town';
    const lp = c.last;
    if (lp && lp.set.has(x) && !chosen.includes(x) && chosen.filter((y) => lp.set.has(y)).length + 1 === lp.need) return 'lastPair';
    if (this.assigned[x] >= cap) return 'workload';
    if (chosen.includes(x)) return 'chosen';
    return null;
  }

  /** Per-rule counts over the whole pool (first failing rule per inspector; eligible ones are not counted). */
  counts(c: Target, chosen: number[], cap: number): Record<string, number> {
    const out: Record<string, number> = Object.fromEntries(RULES.map((r) => [r, 0]));
    for (let x = 0; x < this.f.inspectors.length; x++) { const r = this.failure(x, c, chosen, cap); if (r) out[r]++; }
    return out;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) { const a = m.get(k); if (a) a.push(v); else m.set(k, [v]); }

/** Selected candidate indices in draw order, with their stratum and seq. */
function selectTargets(f: Frozen, seed: Uint8Array, strataOf: Int32Array): { ci: number; stratum: string; seq: number }[] {
  const list = f.candidates, strata = f.plan.strata;
  const weightOf = riskWeights(list, f.weights), risk = list.risk;
  const sizes = new Int32Array(strata.length);
  for (let i = 0; i < strataOf.length; i++) sizes[strataOf[i]]++;
  const members = strata.map((_, si) => new Int32Array(sizes[si]));
  const fill = new Int32Array(strata.length);
  for (let i = 0; i < strataOf.length; i++) { const si = strataOf[i]; members[si][fill[si]++] = i; }
  const out: { ci: number; stratum: string; seq: number }[] = [];
  strata.forEach((s, si) => {
    const m = members[si], n = m.length, k = targetCount(s, n);
    if (k === 0) return;
    const rnd = stream(seed, 'targets:' + s.key);
    // Fenwick tree over the members' weights: tree[j] = sum of weights (j - lowbit(j), j], 1-based.
    const w = new Float64Array(n), tree = new Float64Array(n + 1);
    let total = 0;
    for (let j = 1; j <= n; j++) {
      w[j - 1] = weightOf[risk[m[j - 1]]]; total += w[j - 1]; tree[j] += w[j - 1];
      const p = j + (j & -j); if (p <= n) tree[p] += tree[j];
    }
    if (total > 2 ** 53) throw new Error(`分层 ${s.key} 的权重总和过大`);
    let top = 1; while (top * 2 <= n) top *= 2;
    for (let seq = 1; seq <= k; seq++) {
      let rem = rnd.uniform(total), pos = 0;
      // Largest pos with prefix(pos) <= r; member pos (0-based) is the one whose interval contains r.
      for (let step = top; step > 0; step >>= 1) {
        const nx = pos + step;
        if (nx <= n && tree[nx] <= rem) { pos = nx; rem -= tree[nx]; }
      }
      const wt = w[pos];
      total -= wt; w[pos] = 0;
      for (let j = pos + 1; j <= n; j += j & -j) tree[j] -= wt;
      out.push({ ci: m[pos], stratum: s.key, seq });
    }
  });
  return out;
}

/** Workload cap per agency: max(1, ceil(targets of the agency × maxShareBp / 10000)). */
function caps(f: Frozen, agencies: string[]): Map<string, number> {
  const t = new Map<string, number>();
  for (const a of agencies) t.set(a, (t.get(a) ?? 0) + 1);
  const bp = f.plan.rules.maxShareBp;
  return new Map([...t].map(([a, n]) => [a, Math.max(1, Math.floor((n * bp + 9999) / 10000))]));
}

/** Run the draw (pure and deterministic). Throws an Error with a Chinese message on invalid input. */
export function draw(frozen: Frozen, seed: Uint8Array): DrawResult {
  const shape = shapeError(frozen);
  if (shape) throw new Error(shape);
  const strata = candidateStrata(frozen.candidates, frozen.plan);
  const e = ruleError(frozen, strata);
  if (e) throw new Error(e);
  return drawValidated(frozen, seed, strata);
}

/** draw() without input validation (the caller has validated). */
export function drawValidated(f: Frozen, seed: Uint8Array, strata = candidateStrata(f.candidates, f.plan)): DrawResult {
  const list = f.candidates;
  const picks = selectTargets(f, seed, strata);
  const pool = new Pool(f);
  const per = f.plan.rules.inspectorsPerTarget;
  const views = picks.map((p) => targetOf(list, p.ci));
  const capOf = caps(f, views.map((c) => c.agencyCode));
  const rnd = stream(seed, 'inspectors');
  const eligible: number[] = [];
  const targets: DrawnTarget[] = picks.map(({ stratum, seq }, t) => {
    const c = views[t], cap = capOf.get(c.agencyCode)!, bucket = pool.bucket(c);
    const chosen: number[] = [];
    while (chosen.length < per) {
      eligible.length = 0;
      for (const x of bucket) if (pool.failure(x, c, chosen, cap) === null) eligible.push(x);
      if (eligible.length === 0) {
        const counts = pool.counts(c, chosen, cap);
        return { stratum, seq, entityId: c.id, inspectorIds: [], unstaffed: { reason: unstaffedReason(per, counts), counts } };
      }
      chosen.push(eligible[rnd.uniform(eligible.length)]);
    }
    for (const x of chosen) pool.assigned[x]++;
    return { stratum, seq, entityId: c.id, inspectorIds: chosen.map((x) => f.inspectors[x].id) };
  });
  return { targets };
}

/**
 * Candidates that could not be staffed even with unlimited workload (a warning at publication). Exact: with
 * workload ignored, a target is unstaffed iff fewer than `per` inspectors pass the static rules, or exactly
 * `per` do and they include the whole last pair.
 */
export function staffingProblems(frozen: Frozen): { entityId: string; reason: string }[] {
  const e = inputError(frozen);
  if (e) throw new Error(e);
  const pool = new Pool(frozen), per = frozen.plan.rules.inspectorsPerTarget, list = frozen.candidates;
  const hasConflict = new Uint8Array(list.place.length);
  for (const id of pool.conflicts.keys()) { const i = indexOfCandidate(list, id); if (i >= 0) hasConflict[i] = 1; }
  // Inspectors passing agency, specialty, credential and town: a function of the candidate's (place, kind).
  const staticOk = new Map<number, number[]>();
  const kinds = list.kinds.length;
  const out: { entityId: string; reason: string }[] = [];
  for (let i = 0; i < list.place.length; i++) {
    const pair = list.place[i] * kinds + list.kind[i];
    let base = staticOk.get(pair);
    if (!base) {
      const t = targetOf(list, i), town = frozen.plan.rules.avoidSameTown ? t.townCode : '';
      base = pool.bucket(t).filter((x) => { const xt = frozen.inspectors[x].townCode; return xt === '' || xt !== town; });
      staticOk.set(pair, base);
    }
    if (base.length > per && !hasConflict[i]) continue;
    const c = targetOf(list, i);
    const cf = pool.conflicts.get(c.id);
    const ok = cf ? base.filter((x) => !cf.has(x)) : base;
    if (ok.length > per) continue;
    const lp = pool.last.get(c.id);
    if (ok.length < per) out.push({ entityId: c.id, reason: unstaffedReason(per, pool.counts(c, [], Infinity)) });
    else if (lp && lp.set.size === lp.need && ok.filter((x) => lp.set.has(x)).length === lp.need) {
      out.push({ entityId: c.id, reason: `可派执法人员仅 ${per} 名且恰为上次检查该对象的人员，按“避免与上次检查人员相同”规则无法派员` });
    }
  }
  return out;
}
