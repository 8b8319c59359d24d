/** Test support (not part of the protocol): small frozen inputs, seeds, and fast-check generators. */
import fc from 'fast-check';
import { encodeCandidates } from './candidates';
import { deriveSeed } from './canonical';
import { DEFAULT_WEIGHTS, sortFrozen, stratumOf } from './rules';
import { sha256 } from './sha256';
import { draw } from './draw';
import { buildBundle, publish } from './verify';
import type { Bundle, Candidate, DrawPlan, DrawRules, Frozen, PoolInspector, Stratum, WeightTable } from './types';

export type CandidateSeed = Candidate;

export const RULES: DrawRules = { inspectorsPerTarget: 2, maxShareBp: 5000, avoidSameTown: true, avoidLastPair: true, credentialValidOn: '2025-03-01' };

export function makePlan(strata: Stratum[], rules: Partial<DrawRules> = {}): DrawPlan {
  return {
    id: 'plan-2025-001', name: '2025 年公共场所卫生“双随机”抽查', year: 2025, level: 'district', agencyCode: '320102',
    windowStart: '2025-03-01', windowEnd: '2025-11-30', matters: ['public_place.sanitation'], strata, rules: { ...RULES, ...rules },
  };
}

export const stratum = (key: string, over: Partial<Stratum> = {}): Stratum =>
  ({ key, name: `分层 ${key}`, categories: [], regionCodes: [], mode: 'count', count: 1, ratioBp: 0, ...over });

/** Builds a canonical Frozen: candidates without a stratum dropped, the list encoded, all lists sorted. */
export function makeFrozen(parts: {
  plan: DrawPlan; weights?: WeightTable; candidates: CandidateSeed[]; inspectors: PoolInspector[];
  conflicts?: Frozen['conflicts']; lastPairs?: Frozen['lastPairs'];
}): Frozen {
  const weights = parts.weights ?? DEFAULT_WEIGHTS;
  const candidates = encodeCandidates(parts.candidates.filter((c) => stratumOf(c, parts.plan.strata) !== null));
  return sortFrozen({ plan: parts.plan, weights, candidates, inspectors: parts.inspectors, conflicts: parts.conflicts ?? [], lastPairs: parts.lastPairs ?? [] });
}

export const candidate = (id: string, over: Partial<CandidateSeed> = {}): CandidateSeed => ({
  id, name: `单位${id}`, creditCode: `91320102MA${id.padStart(8, '0')}`.slice(0, 18), regionCode: '320102001', townCode: '320102001',
  agencyCode: '320102', categories: ['public_place.lodging'], specialty: 'public_place', riskGrade: 'A', creditClass: 'A', keyList: false,
  complaints: 0, ...over,
});

export const inspector = (id: string, over: Partial<PoolInspector> = {}): PoolInspector => ({
  id, name: `执法员${id}`, agencyCode: '320102', townCode: '320102002', specialties: ['public_place'], credentialValidUntil: '2026-12-31', ...over,
});

/** Deterministic 32-byte seed number i. */
export const seedOf = (i: number): Uint8Array => sha256(`test seed ${i}`);
export const SECRET = '5f3c1e9a7b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e';

/** A valid bundle for the given frozen input. */
export function bundleOf(f: Frozen, publicValue = '2025-03-03 上证指数收盘 3321.43', secret = SECRET): Bundle {
  const published = publish(f, secret);
  const seed = deriveSeed({ secret, publicValue, ...published });
  return buildBundle(f, published, secret, publicValue, '2025-03-03T15:30:00+08:00', draw(f, seed));
}

/** A medium-sized realistic input: 40 candidates in 3 strata, 10 inspectors, conflicts and last pairs. */
export function mediumFrozen(): Frozen {
  const cats = ['public_place.lodging', 'public_place.beauty', 'medical.clinic', 'school'];
  const cands = Array.from({ length: 40 }, (_, i) => candidate(`e${String(i).padStart(3, '0')}`, {
    categories: [cats[i % 4]], specialty: cats[i % 4].split('.')[0], townCode: `32010200${i % 3}`, regionCode: `32010200${i % 3}`,
    riskGrade: 'ABCD'[i % 4], creditClass: 'ABCD'[(i >> 2) % 4], keyList: i % 7 === 0, complaints: i % 5,
  }));
  const insp = Array.from({ length: 10 }, (_, i) => inspector(`i${String(i).padStart(2, '0')}`, {
    specialties: i % 2 ? ['public_place', 'medical.clinic'] : ['school', 'public_place.beauty'], townCode: i % 4 === 0 ? '' : `32010200${i % 3}`,
    credentialValidUntil: i === 9 ? '2025-01-31' : '2027-06-30',
  }));
  return makeFrozen({
    plan: makePlan([
      stratum('pp', { name: '公共场所', categories: ['public_place'], mode: 'ratio', ratioBp: 2500 }),
      stratum('med', { name: '医疗机构', categories: ['medical'], count: 4 }),
      stratum('other', { name: '其他', count: 3 }),
    ], { maxShareBp: 3000 }),
    candidates: cands, inspectors: insp,
    conflicts: [{ inspectorId: 'i01', entityId: 'e001' }, { inspectorId: 'i03', entityId: 'e005' }, { inspectorId: 'i02', entityId: 'e003' }],
    lastPairs: [{ entityId: 'e002', inspectorIds: ['i01', 'i03'] }, { entityId: 'e006', inspectorIds: ['i05', 'i07'] }, { entityId: 'e010', inspectorIds: ['i00'] }],
  });
}

// ---- fast-check generators -----------------------------------------------------------------------------------

const AGENCIES = ['A1', 'A2'];
const TOWNS = ['t1', 't2', 't3'];
const CATS = ['medical.clinic', 'medical.hospital', 'medical.clinic', 'school', 'school', 'water.central'];
const SPECIALTIES = ['medical', 'medical.clinic', 'school', 'water'];
const IDX = Array.from({ length: 20 }, (_, i) => i);
const DATES = ['2024-12-31', '2025-03-01', '2025-06-30', '2026-01-01', '2026-01-01', '2027-01-01'];

/** Random small frozen inputs exercising every rule (agency, specialty, credential, conflict, town, last pair, workload). */
export const arbFrozen: fc.Arbitrary<Frozen> = fc.record({
  nc: fc.integer({ min: 1, max: 30 }),
  cands: fc.array(fc.record({ agency: fc.constantFrom(...AGENCIES), town: fc.constantFrom(...TOWNS), cat: fc.constantFrom(...CATS),
    risk: fc.constantFrom('A', 'B', 'C', 'D', 'X'), credit: fc.constantFrom('A', 'B', 'C', 'D'), key: fc.boolean(), complaints: fc.nat(6) }), { minLength: 30, maxLength: 30 }),
  insp: fc.array(fc.record({ agency: fc.constantFrom(...AGENCIES), town: fc.constantFrom('', ...TOWNS),
    specs: fc.subarray(SPECIALTIES, { minLength: 1 }), until: fc.constantFrom(...DATES) }), { minLength: 6, maxLength: 20, size: 'max' }),
  strata: fc.array(fc.record({ cats: fc.subarray(['medical', 'school', 'water'], { maxLength: 2 }), mode: fc.constantFrom('count' as const, 'ratio' as const),
    count: fc.nat(8), ratioBp: fc.integer({ min: 0, max: 10000 }) }), { minLength: 1, maxLength: 3 }),
  per: fc.integer({ min: 2, max: 3 }), share: fc.integer({ min: 1, max: 10000 }), town: fc.boolean(), last: fc.boolean(),
  conflicts: fc.array(fc.tuple(fc.nat(19), fc.nat(29)), { maxLength: 40, size: 'max' }),
  lastPairs: fc.array(fc.tuple(fc.nat(29), fc.subarray(IDX, { minLength: 1, maxLength: 3 })), { maxLength: 25, size: 'max' }),
}).map((g) => {
  const cands = g.cands.slice(0, g.nc).map((c, i) => candidate(`c${String(i).padStart(2, '0')}`, {
    agencyCode: c.agency, townCode: c.town, regionCode: c.town, categories: [c.cat], specialty: c.cat, riskGrade: c.risk,
    creditClass: c.credit, keyList: c.key, complaints: c.complaints,
  }));
  const insp = g.insp.map((x, i) => inspector(`p${String(i).padStart(2, '0')}`, { agencyCode: x.agency, townCode: x.town, specialties: x.specs, credentialValidUntil: x.until }));
  const strata = g.strata.map((s, i) => stratum(`s${i}`, { categories: s.cats, mode: s.mode, count: s.count, ratioBp: s.ratioBp }));
  const conflicts = new Map(g.conflicts.map(([x, e]) => [`${x}:${e}`, { inspectorId: `p${String(x).padStart(2, '0')}`, entityId: `c${String(e).padStart(2, '0')}` }]));
  const lastPairs = new Map(g.lastPairs.map(([e, xs]) => [e, { entityId: `c${String(e).padStart(2, '0')}`, inspectorIds: xs.map((x) => `p${String(x).padStart(2, '0')}`) }]));
  return makeFrozen({
    plan: makePlan(strata, { inspectorsPerTarget: g.per, maxShareBp: g.share, avoidSameTown: g.town, avoidLastPair: g.last }),
    candidates: cands, inspectors: insp, conflicts: [...conflicts.values()], lastPairs: [...lastPairs.values()],
  });
});

export const arbSeed = fc.uint8Array({ minLength: 32, maxLength: 32 });
