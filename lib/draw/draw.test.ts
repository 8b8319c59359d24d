/**
 * The draw (双随机抽取, GUIDE §2.2 and §4.1 item 1): targets drawn by weight without replacement, at least two
 * inspectors per target (行政处罚法 Art. 42), avoidance honoured (回避, Art. 43, plus the plan's rules).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deriveSeed } from './canonical';
import { draw, staffingProblems, targetCount } from './draw';
import { candidateRows } from './candidates';
import { computeWeight, DEFAULT_WEIGHTS, specialtyRoot, stratumOf } from './rules';
import { arbFrozen, arbSeed, candidate, inspector, makeFrozen, makePlan, mediumFrozen, seedOf, stratum } from './test-fixtures';
import type { Candidate, DrawResult, Frozen, PoolInspector } from './types';

describe('strata, weights, counts', () => {
  it('stratumOf: first matching stratum in plan order; categories match by code or dotted prefix; regions by prefix', () => {
    const strata = [stratum('a', { categories: ['medical.clinic'], regionCodes: ['320102'] }), stratum('b', { categories: ['medical'] }), stratum('c')];
    expect(stratumOf({ categories: ['medical.clinic'], regionCode: '320102001' }, strata)).toBe('a');
    expect(stratumOf({ categories: ['medical.clinic'], regionCode: '320104001' }, strata)).toBe('b');
    expect(stratumOf({ categories: ['medical.clinical'], regionCode: '320102001' }, strata)).toBe('b'); // not a sub-code of medical.clinic
    expect(stratumOf({ categories: ['medicalx'], regionCode: '320102001' }, strata)).toBe('c');
    expect(stratumOf({ categories: [], regionCode: '' }, strata.slice(0, 2))).toBeNull();
    expect(specialtyRoot('public_place.lodging')).toBe('public_place');
    expect(specialtyRoot('school')).toBe('school');
  });

  it('computeWeight: additive bonuses, complaints capped, at least 1, unknown grades count 0', () => {
    const c = { riskGrade: 'D', creditClass: 'D', keyList: true, complaints: 9 };
    expect(computeWeight(c, DEFAULT_WEIGHTS)).toBe(100 + 200 + 200 + 200 + 200);
    expect(computeWeight({ riskGrade: 'A', creditClass: 'A', keyList: false, complaints: 1 }, DEFAULT_WEIGHTS)).toBe(150);
    expect(computeWeight({ riskGrade: 'constructor', creditClass: '__proto__', keyList: false, complaints: 0 }, DEFAULT_WEIGHTS)).toBe(100);
    expect(computeWeight({ riskGrade: 'A', creditClass: 'A', keyList: false, complaints: 0 }, { ...DEFAULT_WEIGHTS, base: 0 })).toBe(1);
  });

  it('k: count mode min(count, N); ratio mode ceil(N × ratio), rounding up', () => {
    expect(targetCount(stratum('s', { mode: 'count', count: 5 }), 3)).toBe(3);
    expect(targetCount(stratum('s', { mode: 'count', count: 5 }), 30)).toBe(5);
    expect(targetCount(stratum('s', { mode: 'ratio', ratioBp: 500 }), 101)).toBe(6); // 5.05 → 6
    expect(targetCount(stratum('s', { mode: 'ratio', ratioBp: 500 }), 100)).toBe(5);
    expect(targetCount(stratum('s', { mode: 'ratio', ratioBp: 1 }), 1)).toBe(1);
    expect(targetCount(stratum('s', { mode: 'ratio', ratioBp: 0 }), 1000)).toBe(0);
    expect(targetCount(stratum('s', { mode: 'ratio', ratioBp: 10000 }), 7)).toBe(7);
  });
});

describe('target selection', () => {
  it('same inputs and seed → same result (property)', () => {
    fc.assert(fc.property(arbFrozen, arbSeed, (f, seed) => {
      expect(draw(f, seed)).toEqual(draw(structuredClone(f), Uint8Array.from(seed)));
    }), { numRuns: 150 });
  });

  it('a different public value gives a different draw (almost always)', () => {
    const f = mediumFrozen();
    const hashes = { secret: 'ab'.repeat(32), planHash: '1'.repeat(64), candidatesHash: '2'.repeat(64), inspectorsHash: '3'.repeat(64) };
    const ids = (pv: string) => draw(f, deriveSeed({ ...hashes, publicValue: pv })).targets.map((t) => t.entityId).join();
    const seen = new Set(Array.from({ length: 50 }, (_, i) => ids(`3321.${String(i).padStart(2, '0')}`)));
    expect(seen.size).toBe(50);
  });

  it('k is exact per stratum, no entity is drawn twice, seq counts 1..k, strata in plan order', () => {
    fc.assert(fc.property(arbFrozen, arbSeed, (f, seed) => {
      const r = draw(f, seed);
      const ids = r.targets.map((t) => t.entityId);
      expect(new Set(ids).size).toBe(ids.length);
      let at = 0;
      for (const s of f.plan.strata) {
        const members = candidateRows(f.candidates).filter((c) => stratumOf(c, f.plan.strata) === s.key);
        const k = targetCount(s, members.length);
        const mine = r.targets.slice(at, at + k);
        at += k;
        expect(mine.map((t) => t.stratum)).toEqual(Array(k).fill(s.key));
        expect(mine.map((t) => t.seq)).toEqual(Array.from({ length: k }, (_, i) => i + 1));
        for (const t of mine) expect(members.some((c) => c.id === t.entityId)).toBe(true);
      }
      expect(at).toBe(r.targets.length);
    }), { numRuns: 200 });
  });

  it('selection frequencies follow the weights (3 candidates weighing 100/200/300, k = 1, 3,000 seeds, ±4σ)', () => {
    const f = threeWeighted(1);
    const counts = new Map<string, number>();
    const n = 3000;
    for (let i = 0; i < n; i++) { const id = draw(f, seedOf(i)).targets[0].entityId; counts.set(id, (counts.get(id) ?? 0) + 1); }
    for (const [id, p] of [['w100', 1 / 6], ['w200', 2 / 6], ['w300', 3 / 6]] as const) {
      const sigma = Math.sqrt(n * p * (1 - p));
      expect(Math.abs((counts.get(id) ?? 0) - n * p)).toBeLessThan(4 * sigma);
    }
  });

  it('without replacement: the ordered pairs of a k = 2 draw have the sequential weighted probabilities (±4σ)', () => {
    const f = threeWeighted(2);
    const n = 6000, w: Record<string, number> = { w100: 100, w200: 200, w300: 300 };
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) { const k = draw(f, seedOf(10_000 + i)).targets.map((t) => t.entityId).join('>'); counts.set(k, (counts.get(k) ?? 0) + 1); }
    for (const a of Object.keys(w)) for (const b of Object.keys(w)) {
      if (a === b) { expect(counts.get(`${a}>${b}`)).toBeUndefined(); continue; }
      const p = (w[a] / 600) * (w[b] / (600 - w[a]));
      const sigma = Math.sqrt(n * p * (1 - p));
      expect(Math.abs((counts.get(`${a}>${b}`) ?? 0) - n * p)).toBeLessThan(4 * sigma);
    }
  });
});

/** 3 candidates weighing 100, 200, 300 in one stratum of k targets, and enough inspectors. */
function threeWeighted(k: number): Frozen {
  return makeFrozen({
    plan: makePlan([stratum('s', { count: k })], { maxShareBp: 10000, avoidSameTown: false }),
    weights: { ...DEFAULT_WEIGHTS, riskGrade: { A: 0, B: 100, C: 200 } },
    candidates: [candidate('w100', { riskGrade: 'A' }), candidate('w200', { riskGrade: 'B' }), candidate('w300', { riskGrade: 'C' })],
    inspectors: [inspector('x1'), inspector('x2')],
  });
}

// ---- inspector assignment ----------------------------------------------------------------------------------

/** An independent statement of the eligibility rules (GUIDE §2.2), used to check draw()'s output. */
function staticOk(f: Frozen, x: PoolInspector, c: Candidate): boolean {
  const r = f.plan.rules;
  return x.agencyCode === c.agencyCode
    && x.specialties.some((s) => specialtyRoot(s) === specialtyRoot(c.specialty))
    && x.credentialValidUntil >= r.credentialValidOn
    && !f.conflicts.some((k) => k.inspectorId === x.id && k.entityId === c.id) // Art. 43 回避
    && !(r.avoidSameTown && x.townCode !== '' && x.townCode === c.townCode);
}

function checkAssignment(f: Frozen, r: DrawResult): void {
  const per = f.plan.rules.inspectorsPerTarget;
  const byId = new Map(candidateRows(f.candidates).map((c) => [c.id, c]));
  const perAgency = new Map<string, number>();
  for (const t of r.targets) { const a = byId.get(t.entityId)!.agencyCode; perAgency.set(a, (perAgency.get(a) ?? 0) + 1); }
  const cap = (a: string) => Math.max(1, Math.ceil((perAgency.get(a)! * f.plan.rules.maxShareBp) / 10000));
  const load = new Map<string, number>();
  for (const t of r.targets) {
    const c = byId.get(t.entityId)!;
    const last = f.plan.rules.avoidLastPair ? f.lastPairs.find((p) => p.entityId === c.id)?.inspectorIds : undefined;
    // Inspectors that could serve this target at this point: static rules and workload.
    const open = f.inspectors.filter((x) => staticOk(f, x, c) && (load.get(x.id) ?? 0) < cap(c.agencyCode));
    if (t.unstaffed) {
      expect(t.inspectorIds).toEqual([]);
      expect(t.unstaffed.reason).toMatch(new RegExp(`^可派执法人员不足 ${per} 名：`));
      expect(Object.values(t.unstaffed.counts).reduce((a, b) => a + b, 0)).toBe(f.inspectors.length);
      // Truly impossible: fewer than `per` open inspectors, or exactly `per` and they are the whole last pair.
      const forced = !!last && open.length === per && last.every((id) => open.some((x) => x.id === id));
      expect(open.length < per || forced).toBe(true);
      continue;
    }
    expect(t.inspectorIds).toHaveLength(per); // Art. 42: at least two
    expect(new Set(t.inspectorIds).size).toBe(per);
    for (const id of t.inspectorIds) expect(open.some((x) => x.id === id)).toBe(true);
    if (last) expect(last.every((id) => t.inspectorIds.includes(id))).toBe(false); // not the same team as last time
    for (const id of t.inspectorIds) load.set(id, (load.get(id) ?? 0) + 1);
  }
  for (const [id, n] of load) expect(n).toBeLessThanOrEqual(cap(f.inspectors.find((x) => x.id === id)!.agencyCode));
}

describe('inspector assignment (行政处罚法 Art. 42 two inspectors, Art. 43 avoidance)', () => {
  it('every staffed target has exactly inspectorsPerTarget distinct eligible inspectors; every unstaffed one is truly impossible (property)', () => {
    fc.assert(fc.property(arbFrozen, arbSeed, (f, seed) => { checkAssignment(f, draw(f, seed)); }), { numRuns: 400 });
  });

  it('the medium fixture staffs its targets under all rules', () => {
    const f = mediumFrozen();
    for (let i = 0; i < 30; i++) checkAssignment(f, draw(f, seedOf(i)));
  });

  it('explains an unstaffed target in Chinese with per-rule counts', () => {
    const f = makeFrozen({
      plan: makePlan([stratum('s', { count: 1 })]),
      candidates: [candidate('e1', { townCode: 't1' })],
      inspectors: [
        inspector('a', { townCode: 't1' }), inspector('b', { specialties: ['medical'] }), inspector('c', { credentialValidUntil: '2025-02-28' }),
        inspector('d'), inspector('e', { agencyCode: 'other' }), inspector('f', { townCode: 't1' }),
      ],
      conflicts: [{ inspectorId: 'd', entityId: 'e1' }],
    });
    const t = draw(f, seedOf(1)).targets[0];
    expect(t.inspectorIds).toEqual([]);
    expect(t.unstaffed).toEqual({
      reason: '可派执法人员不足 2 名：专业不符 1 人，执法证过期 1 人，利害关系回避 1 人，同乡镇回避 2 人',
      counts: { agency: 1, specialty: 1, credential: 1, conflict: 1, town: 2, lastPair: 0, workload: 0, chosen: 0 },
    });
    expect(staffingProblems(f)).toEqual([{ entityId: 'e1', reason: t.unstaffed!.reason }]);
  });

  it('never sends the complete last pair again; unstaffed when only they remain', () => {
    const base = { plan: makePlan([stratum('s', { count: 1 })]), candidates: [candidate('e1')] };
    const two = makeFrozen({ ...base, inspectors: [inspector('a'), inspector('b')], lastPairs: [{ entityId: 'e1', inspectorIds: ['a', 'b'] }] });
    const t = draw(two, seedOf(2)).targets[0];
    expect(t.unstaffed?.reason).toBe('可派执法人员不足 2 名：上次检查人员回避 1 人，已选派本对象 1 人');
    expect(staffingProblems(two)).toHaveLength(1);
    const three = makeFrozen({ ...base, inspectors: [inspector('a'), inspector('b'), inspector('c')], lastPairs: [{ entityId: 'e1', inspectorIds: ['a', 'b'] }] });
    for (let i = 0; i < 40; i++) expect(draw(three, seedOf(i)).targets[0].inspectorIds.sort()).not.toEqual(['a', 'b']);
    expect(staffingProblems(three)).toEqual([]);
  });

  it('workload cap: max(1, ceil(agency targets × maxShareBp / 10000)) per inspector', () => {
    const f = makeFrozen({
      plan: makePlan([stratum('s', { count: 4 })], { maxShareBp: 2500, avoidSameTown: false }), // cap = ceil(4 × 25%) = 1
      candidates: ['e1', 'e2', 'e3', 'e4'].map((id) => candidate(id)),
      inspectors: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => inspector(id)),
    });
    const r = draw(f, seedOf(3));
    expect(r.targets.filter((t) => !t.unstaffed)).toHaveLength(3);
    expect(r.targets[3].unstaffed?.counts.workload).toBe(6);
    expect(new Set(r.targets.flatMap((t) => t.inspectorIds)).size).toBe(6);
  });
});

describe('input validation (Chinese messages)', () => {
  const f = mediumFrozen();
  const cases: [string, (g: Frozen) => void, RegExp][] = [
    ['fewer than two inspectors per target (Art. 42)', (g) => { g.plan.rules.inspectorsPerTarget = 1; }, /不得少于 2 名（行政处罚法第四十二条）/],
    ['duplicate candidate id', (g) => { const ids = g.candidates.id.split('\n'); ids[1] = ids[0]; g.candidates.id = ids.join('\n'); }, /候选对象编号重复/],
    ['candidates out of order', (g) => { g.candidates.id = g.candidates.id.split('\n').reverse().join('\n'); }, /未按规范顺序/],
    ['duplicate inspector id', (g) => { g.inspectors[1].id = g.inspectors[0].id; }, /执法人员编号重复/],
    ['a candidate in no stratum', (g) => { g.plan.strata.pop(); }, /不属于抽查计划的任何分层/],
    ['a missing name column', (g) => { delete (g.candidates as Partial<Frozen['candidates']>).name; }, /candidates\.name 应为字符串/],
    ['a line too many', (g) => { g.candidates.creditCode += '\n91320102MA00000000'; }, /candidates\.creditCode 应有 40 行（每个候选对象一行，以换行符分隔），实有 41 行/],
    ['an index column of the wrong length', (g) => { g.candidates.risk.pop(); }, /candidates\.risk 应有 40 项（与 candidates\.place 相同），实有 39 项/],
    ['an index outside its dictionary', (g) => { g.candidates.place[5] = g.candidates.places.length; }, /candidates\.place\[5\] 应为 candidates\.places 的下标/],
    ['a malformed dictionary entry', (g) => { (g.candidates.risks[0] as unknown[])[2] = 'yes'; }, /candidates\.risks\[0\] 应为 \[风险等级/],
    ['a duplicate dictionary entry', (g) => { const c = g.candidates; c.risks.push([...c.risks[0]]); c.risk[c.risk.lastIndexOf(0)] = c.risks.length - 1; }, /candidates\.risks 有重复项/],
    ['an unused dictionary entry', (g) => { g.candidates.kinds.push([['x'], 'x']); }, /candidates\.kinds 有未使用的项/],
    ['a dictionary not numbered by first use', (g) => { const c = g.candidates; [c.places[0], c.places[1]] = [c.places[1], c.places[0]]; c.place = c.place.map((p) => (p < 2 ? 1 - p : p)); }, /candidates\.places 未按首次使用的顺序编号/],
    ['a lone surrogate in a name', (g) => { g.candidates.name = '\ud800' + g.candidates.name; }, /candidates\.name 含有无效的 Unicode 字符/],
    ['bad date', (g) => { g.plan.rules.credentialValidOn = '2025-3-1'; }, /credentialValidOn 应为 YYYY-MM-DD/],
    ['empty last pair', (g) => { g.lastPairs[0].inspectorIds = []; }, /上次检查人员为空/],
  ];
  for (const [name, mutate, msg] of cases) {
    it(`rejects ${name}`, () => {
      const g = structuredClone(f);
      mutate(g);
      expect(() => draw(g, seedOf(0))).toThrow(msg);
    });
  }
  it('draw is pure: no clock, no hidden randomness, inputs untouched', () => {
    const g = structuredClone(f);
    draw(g, seedOf(5));
    expect(g).toEqual(f);
  });
});
