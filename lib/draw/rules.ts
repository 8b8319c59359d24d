/** Canonical order, strata, weights and input validation (all messages in zh-CN). */
import { columnValues, hasLines } from './candidates';
import type { CandidateList, Conflict, DrawPlan, Frozen, LastPair, PoolInspector, Stratum, WeightTable } from './types';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const sortInspectors = (i: PoolInspector[]): PoolInspector[] => [...i].sort((a, b) => cmp(a.id, b.id));
export const sortConflicts = (c: Conflict[]): Conflict[] =>
  [...c].sort((a, b) => cmp(a.inspectorId, b.inspectorId) || cmp(a.entityId, b.entityId));
export const sortLastPairs = (p: LastPair[]): LastPair[] =>
  p.map((x) => ({ entityId: x.entityId, inspectorIds: [...x.inspectorIds].sort(cmp) })).sort((a, b) => cmp(a.entityId, b.entityId));
/**
 * The inspector pool, conflicts and last pairs of a Frozen in canonical order (copies; duplicates are kept and
 * rejected by draw()). The candidate list is put in canonical order by encodeCandidates().
 */
export const sortFrozen = (f: Frozen): Frozen => ({
  ...f, inspectors: sortInspectors(f.inspectors), conflicts: sortConflicts(f.conflicts), lastPairs: sortLastPairs(f.lastPairs),
});

/** Part of a specialty / category code before the first '.'. */
export const specialtyRoot = (code: string): string => { const i = code.indexOf('.'); return i < 0 ? code : code.slice(0, i); };

function categoryMatches(cats: string[], wanted: string[]): boolean {
  if (wanted.length === 0) return true;
  for (const c of cats) for (const w of wanted) if (c === w || (c.length > w.length && c.charCodeAt(w.length) === 46 /* . */ && c.startsWith(w))) return true;
  return false;
}
function regionMatches(code: string, wanted: string[]): boolean {
  if (wanted.length === 0) return true;
  for (const r of wanted) if (code.startsWith(r)) return true;
  return false;
}

/** Key of the first stratum (plan order) matching the candidate's categories and region, or null. */
export function stratumOf(c: { categories: string[]; regionCode: string }, strata: Stratum[]): string | null {
  for (const s of strata) if (categoryMatches(c.categories, s.categories) && regionMatches(c.regionCode, s.regionCodes)) return s.key;
  return null;
}

/**
 * Default selection weights (默认抽取权重). Additive: base 基础权重; riskGrade 风险等级加分 (A lowest risk … D
 * highest); creditClass 信用等级加分 (A best … D worst); keyList 重点监管名单加分; complaintEach 每件投诉举报加分,
 * capped at complaintMax 投诉加分上限. An average unit weighs 100; a D-risk, D-credit unit on the key list with
 * 4+ complaints weighs 100+200+200+200+200 = 900, i.e. nine times as likely to be drawn.
 */
export const DEFAULT_WEIGHTS: WeightTable = {
  base: 100, riskGrade: { A: 0, B: 50, C: 100, D: 200 }, creditClass: { A: 0, B: 25, C: 100, D: 200 },
  keyList: 200, complaintEach: 50, complaintMax: 200,
};

const own = (m: Record<string, number>, k: string) => (Object.prototype.hasOwnProperty.call(m, k) ? m[k] : 0);

/** base + risk + credit + key list + min(complaints × each, max); at least 1. */
export function computeWeight(c: { riskGrade: string; creditClass: string; keyList: boolean; complaints: number }, w: WeightTable): number {
  const v = w.base + own(w.riskGrade, c.riskGrade) + own(w.creditClass, c.creditClass) + (c.keyList ? w.keyList : 0)
    + Math.min(c.complaints * w.complaintEach, w.complaintMax);
  return Math.max(1, v);
}

/**
 * The stratum of every candidate (§9) as an index into plan.strata, -1 for none. Computed once per distinct
 * (place, kind) pair, since it depends only on the region code and the categories.
 */
export function candidateStrata(list: CandidateList, plan: DrawPlan): Int32Array {
  const out = new Int32Array(list.place.length);
  const cache = new Map<number, number>();
  const index = new Map(plan.strata.map((s, i) => [s.key, i]));
  const kinds = list.kinds.length;
  for (let i = 0; i < out.length; i++) {
    const p = list.place[i], k = list.kind[i], pair = p * kinds + k;
    let s = cache.get(pair);
    if (s === undefined) {
      const key = stratumOf({ categories: list.kinds[k][0], regionCode: list.places[p][0] }, plan.strata);
      s = key === null ? -1 : index.get(key)!;
      cache.set(pair, s);
    }
    out[i] = s;
  }
  return out;
}

/** The weight (§9) of each entry of the risks dictionary: candidate i weighs riskWeights(…)[list.risk[i]]. */
export const riskWeights = (list: CandidateList, w: WeightTable): number[] =>
  list.risks.map(([riskGrade, creditClass, keyList, complaints]) => computeWeight({ riskGrade, creditClass, keyList, complaints }, w));

// ---- validation -------------------------------------------------------------------------------------------

/** Largest value allowed in a weight table (keeps every total below 2^53). */
export const MAX_WEIGHT_VALUE = 1_000_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
type Kind = 'str' | 'int' | 'bool' | 'strs' | 'date';
type Spec = [field: string, kind: Kind][];
const KIND_MSG: Record<Kind, string> = { str: '应为字符串', int: '应为非负整数', bool: '应为 true 或 false', strs: '应为字符串数组', date: '应为 YYYY-MM-DD 格式的日期' };
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function ok(v: unknown, k: Kind): boolean {
  switch (k) {
    case 'str': return typeof v === 'string';
    case 'int': return Number.isSafeInteger(v) && (v as number) >= 0;
    case 'bool': return typeof v === 'boolean';
    case 'date': return typeof v === 'string' && DATE.test(v);
    case 'strs':
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
      return true;
  }
}
function fields(o: unknown, spec: Spec, path: string): string | null {
  if (!isObj(o)) return `数据格式错误：${path} 应为对象`;
  for (let i = 0; i < spec.length; i++) {
    const [f, k] = spec[i];
    if (!ok(o[f], k)) return `数据格式错误：${path}.${f} ${KIND_MSG[k]}`;
  }
  return null;
}
function list(v: unknown, spec: Spec, path: string, fast?: (x: Record<string, unknown>) => boolean): string | null {
  if (!Array.isArray(v)) return `数据格式错误：${path} 应为数组`;
  for (let i = 0; i < v.length; i++) {
    if (fast && isObj(v[i]) && fast(v[i])) continue;
    const e = fields(v[i], spec, path + '[' + i + ']');
    if (e) return e;
  }
  return null;
}
const spec = (o: Record<string, Kind>): Spec => Object.entries(o);
/** The protocol's records: their covered fields, in canonical order, with their kinds. */
export const FIELDS = {
  plan: spec({ id: 'str', name: 'str', year: 'int', level: 'str', agencyCode: 'str', windowStart: 'date', windowEnd: 'date', matters: 'strs' }),
  stratum: spec({ key: 'str', name: 'str', categories: 'strs', regionCodes: 'strs', mode: 'str', count: 'int', ratioBp: 'int' }),
  rules: spec({ inspectorsPerTarget: 'int', maxShareBp: 'int', avoidSameTown: 'bool', avoidLastPair: 'bool', credentialValidOn: 'date' }),
  weights: spec({ base: 'int', keyList: 'int', complaintEach: 'int', complaintMax: 'int' }), // plus the riskGrade and creditClass maps
  inspector: spec({ id: 'str', name: 'str', agencyCode: 'str', townCode: 'str', specialties: 'strs', credentialValidUntil: 'date' }),
  conflict: spec({ inspectorId: 'str', entityId: 'str' }),
  lastPair: spec({ entityId: 'str', inspectorIds: 'strs' }),
};
/** A copy of o with only the given fields (extra properties are not part of the protocol). */
export const pick = <T>(o: T, fields: Spec): T => Object.fromEntries(fields.map(([k]) => [k, (o as Record<string, unknown>)[k]])) as T;

/** Structural check of a Frozen that may come from arbitrary JSON: types of every field. */
export function shapeError(f: unknown): string | null {
  if (!isObj(f)) return '数据格式错误：应为对象';
  const p = f.plan as Record<string, unknown>;
  const e = fields(p, FIELDS.plan, 'plan') ?? list(p.strata, FIELDS.stratum, 'plan.strata') ?? fields(p.rules, FIELDS.rules, 'plan.rules')
    ?? fields(f.weights, FIELDS.weights, 'weights');
  if (e) return e;
  for (const m of ['riskGrade', 'creditClass'] as const) {
    const t = (f.weights as Record<string, unknown>)[m];
    if (!isObj(t) || !Object.values(t).every((v) => ok(v, 'int'))) return `数据格式错误：weights.${m} 应为以等级为键、非负整数为值的对象`;
  }
  return candidateListError(f.candidates) ?? list(f.inspectors, FIELDS.inspector, 'inspectors')
    ?? list(f.conflicts, FIELDS.conflict, 'conflicts') ?? list(f.lastPairs, FIELDS.lastPair, 'lastPairs');
}

/** Each entry of a dictionary must be a tuple of these kinds. */
const DICTIONARIES = {
  places: { kinds: ['str', 'str', 'str'] as Kind[], what: '[区划代码, 乡镇代码, 管辖机构代码]' },
  kinds: { kinds: ['strs', 'str'] as Kind[], what: '[专业类别数组, 专业]' },
  risks: { kinds: ['str', 'str', 'bool', 'int'] as Kind[], what: '[风险等级, 信用等级, 是否列入重点监管名单, 投诉举报件数]' },
};
/** The index columns: one index into a dictionary per candidate. */
const INDEX: ['place' | 'kind' | 'risk', keyof typeof DICTIONARIES][] = [['place', 'places'], ['kind', 'kinds'], ['risk', 'risks']];
const TEXT = ['id', 'name', 'creditCode'] as const;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Well-formed UTF-16 (so that its UTF-8 is defined): String.prototype.isWellFormed where available. */
const wellFormed = (s: string): boolean => {
  const native = (s as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(s) : !LONE_SURROGATE.test(s);
};

/** Structural check of the encoded candidate list (§4.1): dictionaries, indices in range, N lines per text column. */
function candidateListError(v: unknown): string | null {
  if (!isObj(v)) return '数据格式错误：candidates 应为对象';
  for (const [name, d] of Object.entries(DICTIONARIES)) {
    const entries = v[name];
    if (!Array.isArray(entries)) return `数据格式错误：candidates.${name} 应为数组`;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (!Array.isArray(e) || e.length !== d.kinds.length || !d.kinds.every((k, j) => ok(e[j], k))) {
        return `数据格式错误：candidates.${name}[${i}] 应为 ${d.what}`;
      }
    }
  }
  if (!Array.isArray(v.place)) return '数据格式错误：candidates.place 应为数组';
  const n = v.place.length;
  for (const [field, dict] of INDEX) {
    const xs = v[field];
    if (!Array.isArray(xs)) return `数据格式错误：candidates.${field} 应为数组`;
    if (xs.length !== n) return `数据格式错误：candidates.${field} 应有 ${n} 项（与 candidates.place 相同），实有 ${xs.length} 项`;
    const size = (v[dict] as unknown[]).length;
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      if (!(Number.isInteger(x) && x >= 0 && x < size)) return `数据格式错误：candidates.${field}[${i}] 应为 candidates.${dict} 的下标（0 至 ${size - 1} 的整数）`;
    }
  }
  for (const field of TEXT) {
    const text = v[field];
    if (typeof text !== 'string') return `数据格式错误：candidates.${field} 应为字符串（每个候选对象一行）`;
    if (!wellFormed(text)) return `数据格式错误：candidates.${field} 含有无效的 Unicode 字符（孤立的代理项）`;
    if (field === 'id' ? !idsSplit(v as unknown as CandidateList) : !hasLines(text, n)) {
      return `数据格式错误：candidates.${field} 应有 ${n} 行（每个候选对象一行，以换行符分隔），实有 ${n === 0 || text.includes('\n') ? text.split('\n').length : 1} 行`;
    }
  }
  return null;
}

/** Splits (and remembers) the id column; false when it does not have one line per candidate. */
const idsSplit = (list: CandidateList): boolean => { try { columnValues(list, 'id'); return true; } catch { return false; } };


/** Strictly ascending check by `order`; names the first offending item (duplicate or out of order). */
function ascending<T>(xs: T[], order: (a: T, b: T) => number, label: (x: T) => string, what: string): string | null {
  for (let i = 1; i < xs.length; i++) {
    const c = order(xs[i - 1], xs[i]);
    if (c === 0) return `${what}重复：${label(xs[i])}`;
    if (c > 0) return `${what}未按规范顺序（按编号升序）排列：第 ${i + 1} 项 ${label(xs[i])} 应排在第 ${i} 项 ${label(xs[i - 1])} 之前`;
  }
  return null;
}
const byId = (a: { id: string }, b: { id: string }) => cmp(a.id, b.id);

/**
 * The dictionaries are in canonical form (§4.1): entries distinct, each used, numbered in order of first use by
 * the candidates in canonical order — so a candidate list has exactly one encoding, and one hash.
 */
function dictionaryError(c: CandidateList): string | null {
  for (const [dict, field, label] of [['places', 'place', '地点'], ['kinds', 'kind', '类别'], ['risks', 'risk', '风险']] as const) {
    const entries = c[dict] as unknown[], xs = c[field];
    const seen = new Set<string>();
    for (let i = 0; i < entries.length; i++) {
      const k = JSON.stringify(entries[i]);
      if (seen.has(k)) return `候选名单的${label}字典 candidates.${dict} 有重复项：第 ${i + 1} 项 ${k}`;
      seen.add(k);
    }
    let next = 0;
    for (let i = 0; i < xs.length && next < entries.length; i++) {
      if (xs[i] > next) return `候选名单的${label}字典 candidates.${dict} 未按首次使用的顺序编号：第 ${i + 1} 个候选对象 ${columnValues(c, 'id')[i]} 使用第 ${xs[i]} 项（从 0 起），此前尚未使用第 ${next} 项`;
      if (xs[i] === next) next++;
    }
    if (next < entries.length) return `候选名单的${label}字典 candidates.${dict} 有未使用的项：第 ${next} 项（从 0 起）${JSON.stringify(entries[next])}`;
  }
  return null;
}

/** Semantic check of a structurally valid Frozen (the rules draw() relies on); `strata` as candidateStrata(). */
export function ruleError(f: Frozen, strata?: Int32Array): string | null {
  const { plan, weights: w } = f;
  const rules = plan.rules;
  if (rules.inspectorsPerTarget < 2) return `每个检查对象的执法人员不得少于 2 名（行政处罚法第四十二条），计划规则为 ${rules.inspectorsPerTarget} 名`;
  if (rules.inspectorsPerTarget > 20) return `每个检查对象的执法人员不得多于 20 名，计划规则为 ${rules.inspectorsPerTarget} 名`;
  if (rules.maxShareBp < 1 || rules.maxShareBp > 10000) return `单人工作量上限比例应在 1 至 10000（万分比）之间，计划规则为 ${rules.maxShareBp}`;
  if (!['national', 'province', 'city', 'district'].includes(plan.level)) return `计划层级无效：${plan.level}`;
  if (plan.strata.length === 0) return '抽查计划没有分层';
  const keys = new Set<string>();
  for (const s of plan.strata) {
    if (s.key === '') return '分层编码不能为空';
    if (keys.has(s.key)) return `分层编码重复：${s.key}`;
    keys.add(s.key);
    if (s.mode !== 'count' && s.mode !== 'ratio') return `分层 ${s.key} 的抽取方式无效：${s.mode}（应为 count 或 ratio）`;
    if (s.ratioBp > 10000) return `分层 ${s.key} 的抽取比例超过 100%：${s.ratioBp}`;
  }
  const wv = [w.base, w.keyList, w.complaintEach, w.complaintMax, ...Object.values(w.riskGrade), ...Object.values(w.creditClass)];
  if (wv.some((v) => v > MAX_WEIGHT_VALUE)) return `权重表中的数值不得超过 ${MAX_WEIGHT_VALUE}`;
  const ids = columnValues(f.candidates, 'id');
  for (let i = 1; i < ids.length; i++) {
    const a = ids[i - 1], b = ids[i];
    if (a < b) continue;
    if (a === b) return `候选对象编号重复：${b}`;
    return `候选对象编号未按规范顺序（按编号升序）排列：第 ${i + 1} 项 ${b} 应排在第 ${i} 项 ${a} 之前`;
  }
  const e = ascending(f.inspectors, byId, (i) => i.id, '执法人员编号')
    ?? ascending(f.conflicts, (a, b) => cmp(a.inspectorId, b.inspectorId) || cmp(a.entityId, b.entityId), (c) => `${c.inspectorId} ${c.entityId}`, '利害关系回避记录')
    ?? ascending(f.lastPairs, (a, b) => cmp(a.entityId, b.entityId), (p) => p.entityId, '上次检查记录的对象编号');
  if (e) return e;
  const d = dictionaryError(f.candidates);
  if (d) return d;
  const none = (strata ?? candidateStrata(f.candidates, plan)).indexOf(-1);
  if (none >= 0) return `候选对象 ${ids[none]} ${columnValues(f.candidates, 'name')[none]} 不属于抽查计划的任何分层`;
  for (const p of f.lastPairs) {
    if (p.inspectorIds.length === 0) return `对象 ${p.entityId} 的上次检查人员为空`;
    const e2 = ascending(p.inspectorIds, cmp, (x) => x, `对象 ${p.entityId} 的上次检查人员编号`);
    if (e2) return e2;
  }
  return null;
}

export const inputError = (f: unknown): string | null => shapeError(f) ?? ruleError(f as Frozen);
