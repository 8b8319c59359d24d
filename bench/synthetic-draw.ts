/**
 * Synthetic inputs for the draw benchmarks (bench/draw-pure.ts, bench/draw-browser.ts); no database.
 */
import {
  DEFAULT_WEIGHTS, encodeCandidates, sortConflicts, sortInspectors, sortLastPairs, stratumOf,
  type Candidate, type Conflict, type DrawPlan, type Frozen, type LastPair, type PoolInspector,
} from '../lib/draw/index';
import { prng } from './prng';

const DISTRICTS = ['320102', '320104', '320105', '320106', '320111', '320113', '320114', '320115', '320116', '320117'];
const DISTRICT_NAMES = ['玄武区', '秦淮区', '建邺区', '鼓楼区', '浦口区', '栖霞区', '雨花台区', '江宁区', '六合区', '溧水区'];
const towns = (d: string) => Array.from({ length: 10 }, (_, i) => `${d}${String(i + 1).padStart(3, '0')}`);
const CATS: [string, number, string][] = [ // category, relative frequency, name
  ['medical.hospital', 2, '医院'], ['medical.clinic', 20, '诊所'], ['medical.village', 8, '村卫生室'], ['medical.beauty', 3, '医疗美容'],
  ['public_place.lodging', 12, '宾馆'], ['public_place.swimming', 2, '游泳馆'], ['public_place.bathing', 4, '浴室'], ['public_place.beauty', 25, '美发店'],
  ['school', 5, '学校'], ['water.central', 1, '水厂'], ['water.secondary', 6, '二次供水'], ['disinfection_product', 1, '消毒用品厂'],
  ['tableware', 1, '餐具消毒'], ['occupational.employer', 8, '制造厂'], ['radiation', 1, '放射科'], ['infectious', 1, '门诊部'],
];
const catTable = CATS.flatMap(([c, f, n]) => Array.from({ length: f }, () => [c, n] as const));
const STRATA: [string, string, string[]][] = [
  ['s01', '医院', ['medical.hospital']], ['s02', '诊所', ['medical.clinic']], ['s03', '村卫生室', ['medical.village']], ['s04', '医疗美容机构', ['medical.beauty']],
  ['s05', '住宿场所', ['public_place.lodging']], ['s06', '美容美发', ['public_place.beauty']], ['s07', '其他公共场所', ['public_place']],
  ['s08', '学校', ['school']], ['s09', '生活饮用水', ['water']], ['s10', '其他', []],
];
const ROOTS = ['medical', 'medical', 'medical', 'public_place', 'public_place', 'school', 'water', 'disinfection_product', 'tableware', 'occupational', 'radiation', 'infectious'];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂'];

/**
 * Synthetic frozen draw inputs: candidates in 10 districts (agencies) × 10 towns with realistic category
 * frequencies, 10 strata of equal target counts, inspectors spread over the agencies, ~1,000 declared conflicts
 * and up to 10,000 last pairs. Deterministic for a seed; ids, names and weights as the protocol demands.
 */
export function syntheticFrozen(o: { candidates: number; inspectors: number; targets: number; seed?: number }): Frozen {
  const N = o.candidates, I = o.inspectors;
  const rnd = prng(o.seed ?? 20250301);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)];
  const hex8 = () => ((rnd() * 2 ** 32) >>> 0).toString(16).padStart(8, '0');
  const hex = (n: number): string => (n <= 8 ? hex8().slice(0, n) : hex8() + hex(n - 8));
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(4)]}${hex(3)}-${hex(12)}`;
  const perStratum = Math.floor(o.targets / STRATA.length);
  const plan: DrawPlan = {
    id: uuid(), name: '2025 年南京市公共卫生“双随机”抽查', year: 2025, level: 'city', agencyCode: '320100',
    windowStart: '2025-03-01', windowEnd: '2025-11-30', matters: ['public_place.sanitation', 'medical.practice', 'school.health', 'water.safety'],
    strata: STRATA.map(([key, name, categories], i) => ({ key, name, categories, regionCodes: [], mode: 'count', count: perStratum + (i < o.targets % STRATA.length ? 1 : 0), ratioBp: 0 })),
    rules: { inspectorsPerTarget: 2, maxShareBp: 1000, avoidSameTown: true, avoidLastPair: true, credentialValidOn: '2025-03-01' },
  };
  const weights = DEFAULT_WEIGHTS;
  const candidates: Candidate[] = [];
  for (let i = 0; i < N; i++) {
    const d = int(DISTRICTS.length), town = towns(DISTRICTS[d])[int(10)];
    const [cat, kind] = pick(catTable);
    const c: Candidate = {
      id: uuid(), name: `南京市${DISTRICT_NAMES[d]}${pick(SURNAMES)}${pick(GIVEN)}${kind}第${i}号`, creditCode: `91320${int(10)}${hex(12).toUpperCase()}`,
      regionCode: town, townCode: town, agencyCode: DISTRICTS[d], categories: [cat], specialty: cat.split('.')[0],
      riskGrade: pick(['A', 'A', 'B', 'B', 'B', 'C', 'D']), creditClass: pick(['A', 'A', 'A', 'B', 'B', 'C', 'D']), keyList: rnd() < 0.02,
      complaints: rnd() < 0.9 ? 0 : 1 + int(5),
    };
    if (stratumOf(c, plan.strata) === null) throw new Error('synthetic candidate in no stratum');
    candidates.push(c);
  }
  const inspectors: PoolInspector[] = Array.from({ length: I }, (_, i) => {
    const a = DISTRICTS[i % DISTRICTS.length];
    const specialties = [...new Set(Array.from({ length: 1 + int(3) }, () => pick(ROOTS)))];
    return {
      id: uuid(), name: pick(SURNAMES) + pick(GIVEN) + pick(GIVEN), agencyCode: a, townCode: rnd() < 0.1 ? '' : pick(towns(a)), specialties,
      credentialValidUntil: rnd() < 0.05 ? '2024-12-31' : `202${6 + int(4)}-06-30`,
    };
  });
  const byAgency = new Map<string, PoolInspector[]>();
  for (const x of inspectors) byAgency.set(x.agencyCode, [...(byAgency.get(x.agencyCode) ?? []), x]);
  const conflicts = new Map<string, Conflict>();
  while (conflicts.size < Math.min(1000, N)) {
    const c = candidates[int(N)], x = pick(byAgency.get(c.agencyCode)!);
    conflicts.set(x.id + c.id, { inspectorId: x.id, entityId: c.id });
  }
  const lastPairs = new Map<string, LastPair>();
  while (lastPairs.size < Math.min(10000, N)) {
    const c = candidates[int(N)], pool = byAgency.get(c.agencyCode)!;
    const a = pick(pool), b = pick(pool);
    if (a !== b) lastPairs.set(c.id, { entityId: c.id, inspectorIds: [a.id, b.id] });
  }
  const frozen: Frozen = {
    plan, weights, candidates: encodeCandidates(candidates), inspectors: sortInspectors(inspectors),
    conflicts: sortConflicts([...conflicts.values()]), lastPairs: sortLastPairs([...lastPairs.values()]),
  };
  // A JSON round trip leaves flat strings and compact objects, as data read from the database or a file has;
  // the template-literal and sliced strings built above would make every later step look slower than it is.
  return JSON.parse(JSON.stringify(frozen)) as Frozen;
}
