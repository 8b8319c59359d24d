/**
 * The candidate list's canonical encoding (docs/draw-protocol.md §4.1): building it from records, reading the
 * text columns and a record back, finding a candidate by id. (The stratum and weight derived for each
 * candidate: rules.ts.)
 */
import type { Candidate, CandidateList, Kind, Place, Risk } from './types';

/** The list's fields in the order of the canonical text (§5): dictionaries, index columns, text columns. */
export const CANDIDATE_FIELDS = ['places', 'kinds', 'risks', 'place', 'kind', 'risk', 'id', 'name', 'creditCode'] as const;
export const INDEX_COLUMNS = ['place', 'kind', 'risk'] as const;
export const TEXT_COLUMNS = ['id', 'name', 'creditCode'] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];
/** Separates the values of a text column. */
export const LINE = '\n';

/** An unambiguous map key for a tuple of strings (length-prefixed, so no separator can collide). */
const key = (parts: string[]): string => { let k = ''; for (const p of parts) k += p.length + ':' + p; return k; };

/** Interns tuples: index of the first equal tuple, adding it when new. */
class Dictionary<T> {
  readonly entries: T[] = [];
  private readonly index = new Map<string, number>();
  of(k: string, make: () => T): number {
    let i = this.index.get(k);
    if (i === undefined) { i = this.entries.length; this.entries.push(make()); this.index.set(k, i); }
    return i;
  }
}

/**
 * Positions of `ids` in ascending order of UTF-16 code units (stable). UUID-like ids (8 lowercase hex digits
 * first) are sorted by a numeric key (their first 32 bits with the position below them) with the typed-array
 * sort, then runs with the same 32 bits by comparison; any other ids by an MSD radix sort on code units.
 * A million UUIDs sort several times faster than with a comparison sort.
 */
export function sortedOrder(ids: readonly string[]): Uint32Array {
  const n = ids.length, bits = Math.max(1, Math.ceil(Math.log2(n + 1))), scale = 2 ** bits;
  if (n < 64 || bits > 21) return radixOrder(ids);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = ids[i];
    if (s.length < 8) return radixOrder(ids);
    let v = 0;
    for (let j = 0; j < 8; j++) {
      const c = s.charCodeAt(j), d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
      if (d < 0) return radixOrder(ids);
      v = v * 16 + d;
    }
    keys[i] = v * scale + i; // < 2^53: exact
  }
  keys.sort();
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = keys[i] % scale;
  // ids sharing their first 8 digits: order them by the whole id (rare: ~n²/2^33 pairs)
  for (let i = 0; i < n;) {
    const top = Math.floor(keys[i] / scale);
    let j = i + 1;
    while (j < n && Math.floor(keys[j] / scale) === top) j++;
    if (j - i > 1) {
      const run = Array.from(idx.subarray(i, j)).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b));
      idx.set(run, i);
    }
    i = j;
  }
  return idx;
}

/** Stable MSD radix sort on UTF-16 code units, insertion sort for small groups (any strings). */
function radixOrder(ids: readonly string[]): Uint32Array {
  const n = ids.length, idx = new Uint32Array(n), tmp = new Uint32Array(n), codes = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const stack: number[] = [0, n, 0];
  while (stack.length) {
    const d = stack.pop()!, hi = stack.pop()!, lo = stack.pop()!;
    if (hi - lo <= 32) {
      for (let i = lo + 1; i < hi; i++) {
        const v = idx[i], s = ids[v];
        let j = i - 1;
        while (j >= lo && ids[idx[j]] > s) { idx[j + 1] = idx[j]; j--; }
        idx[j + 1] = v;
      }
      continue;
    }
    let min = 65536, max = -1;
    for (let k = lo; k < hi; k++) {
      const s = ids[idx[k]], c = d < s.length ? s.charCodeAt(d) : -1;
      codes[k] = c;
      if (c < min) min = c;
      if (c > max) max = c;
    }
    if (min === max) { if (min >= 0) stack.push(lo, hi, d + 1); continue; } // one code unit here (or all equal strings)
    const counts = new Int32Array(max - min + 2);
    for (let k = lo; k < hi; k++) counts[codes[k] - min + 1]++;
    for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
    for (let k = lo; k < hi; k++) tmp[lo + counts[codes[k] - min]++] = idx[k];
    idx.set(tmp.subarray(lo, hi), lo);
    // counts[b] is now the end of bucket b; strings that ended at d (code -1, bucket 0) are equal: done
    let start = lo + (min < 0 ? counts[0] : 0);
    for (let b = min < 0 ? 1 : 0; b < counts.length - 1; b++) {
      const end = lo + counts[b];
      if (end - start > 1) stack.push(start, end, d + 1);
      start = end;
    }
  }
  return idx;
}

/**
 * Builds a candidate list in its canonical encoding without intermediate records: the caller interns places,
 * kinds and risks (place(), kind(), risk() return dictionary indices) and adds candidates in any order; build()
 * sorts them by id and renumbers each dictionary in order of first use, dropping unused entries (§4.1).
 */
export class CandidateListBuilder {
  private readonly places = new Dictionary<Place>();
  private readonly kinds = new Dictionary<Kind>();
  private readonly risks = new Dictionary<Risk>();
  private readonly cols = { id: [] as string[], name: [] as string[], creditCode: [] as string[], place: [] as number[], kind: [] as number[], risk: [] as number[] };

  place(regionCode: string, townCode: string, agencyCode: string): number {
    return this.places.of(key([regionCode, townCode, agencyCode]), () => [regionCode, townCode, agencyCode]);
  }
  /** categories as they are to be published (the caller sorts them if it wants them sorted). */
  kind(categories: readonly string[], specialty: string): number {
    return this.kinds.of(key([specialty, ...categories]), () => [[...categories], specialty]);
  }
  risk(riskGrade: string, creditClass: string, keyList: boolean, complaints: number): number {
    return this.risks.of(key([riskGrade, creditClass, keyList ? '1' : '0', String(complaints)]), () => [riskGrade, creditClass, keyList, complaints]);
  }
  /** Values of the text columns must not contain a line feed (the caller replaces or refuses them). */
  add(id: string, name: string, creditCode: string, place: number, kind: number, risk: number): void {
    const c = this.cols;
    c.id.push(id); c.name.push(name); c.creditCode.push(creditCode); c.place.push(place); c.kind.push(kind); c.risk.push(risk);
  }
  get size(): number { return this.cols.id.length; }

  /** The dictionaries as interned so far (in order of interning, possibly with entries no candidate uses). */
  dictionaries(): Pick<CandidateList, 'places' | 'kinds' | 'risks'> {
    return { places: this.places.entries, kinds: this.kinds.entries, risks: this.risks.entries };
  }

  build(): CandidateList {
    const c = this.cols, n = c.id.length;
    let ascending = true;
    for (let i = 1; i < n && ascending; i++) ascending = c.id[i - 1] < c.id[i];
    const order = ascending ? null : sortedOrder(c.id);
    const pick = <T>(xs: T[]): T[] => (order ? Array.from(order, (j) => xs[j]) : xs);
    const text = { id: pick(c.id), name: pick(c.name), creditCode: pick(c.creditCode) };
    const out: CandidateList = {
      ...this.dictionaries(), place: pick(c.place), kind: pick(c.kind), risk: pick(c.risk),
      id: text.id.join(LINE), name: text.name.join(LINE), creditCode: text.creditCode.join(LINE),
    };
    for (const k of TEXT_COLUMNS) {
      if (!hasLines(out[k], n)) {
        const bad = text[k].find((v) => v.includes(LINE));
        throw new Error(`候选对象的${COLUMN_LABELS[k]}含有换行符：${JSON.stringify(bad)}`);
      }
    }
    const list = renumberDictionaries(out);
    for (const k of TEXT_COLUMNS) remember(list, k, text[k]);
    return list;
  }
}

/**
 * The list with each dictionary in canonical form (§4.1): entries numbered in order of first use by the
 * candidates in list order, unused entries dropped. (Distinct entries are the encoder's business: interning.)
 */
export function renumberDictionaries(list: CandidateList): CandidateList {
  const renumber = <T>(entries: T[], xs: number[]): [T[], number[]] => {
    const map = new Int32Array(entries.length).fill(-1), to: T[] = [], out: number[] = [];
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      if (map[x] < 0) { map[x] = to.length; to.push(entries[x]); }
      out.push(map[x]); // a packed array of small integers: fast to check and to serialize
    }
    return [to, out];
  };
  const [places, place] = renumber(list.places, list.place);
  const [kinds, kind] = renumber(list.kinds, list.kind);
  const [risks, risk] = renumber(list.risks, list.risk);
  return { places, kinds, risks, place, kind, risk, id: list.id, name: list.name, creditCode: list.creditCode };
}

/**
 * Encode candidate records into the canonical encoding (§4.1): sorted by id (UTF-16 code units), dictionaries in
 * order of first use. Duplicate ids are kept (and refused by draw()), as with any other invalid input.
 */
export function encodeCandidates(rows: readonly Candidate[]): CandidateList {
  const b = new CandidateListBuilder();
  for (const c of rows) {
    b.add(c.id, c.name, c.creditCode, b.place(c.regionCode, c.townCode, c.agencyCode), b.kind(c.categories, c.specialty),
      b.risk(c.riskGrade, c.creditClass, c.keyList, c.complaints));
  }
  return b.build();
}

const COLUMN_LABELS: Record<TextColumn, string> = { id: '编号', name: '名称', creditCode: '统一社会信用代码' };

/**
 * Whether a text column holds exactly n values: n − 1 line feeds (for n = 0, the empty text). An empty text is
 * one empty value when n = 1.
 */
export function hasLines(text: string, n: number): boolean {
  if (n === 0) return text === '';
  let feeds = 0;
  for (let i = text.indexOf(LINE); i >= 0; i = text.indexOf(LINE, i + 1)) if (++feeds >= n) return false;
  return feeds === n - 1;
}

/** Number of candidates. */
export const candidateCount = (list: CandidateList): number => list.place.length;

/**
 * The values of a text column for n candidates, or null when it does not hold exactly n lines (for n = 0 it
 * must be empty).
 */
export function splitColumn(text: string, n: number): string[] | null {
  if (n === 0) return text === '' ? [] : null;
  const values = text.split(LINE);
  return values.length === n ? values : null;
}

/** Split text columns, remembered per list while the column is the same string (lists are large, splits cost). */
const split = new WeakMap<CandidateList, Partial<Record<TextColumn, { text: string; values: string[] }>>>();
/** Tell the list the values of one of its text columns (exactly list[k] split at line feeds), sparing a split. */
export function primeColumn(list: CandidateList, k: TextColumn, values: string[]): void { remember(list, k, values); }
function remember(list: CandidateList, k: TextColumn, values: string[]): void {
  const m = split.get(list) ?? {};
  m[k] = { text: list[k], values };
  split.set(list, m);
}

/** The values of a text column (ids, names or credit codes), one per candidate. Throws if malformed. */
export function columnValues(list: CandidateList, k: TextColumn): string[] {
  const hit = split.get(list)?.[k];
  if (hit && hit.text === list[k]) return hit.values;
  const values = splitColumn(list[k], candidateCount(list));
  if (!values) throw new Error(`候选名单格式错误：candidates.${k} 的行数与候选对象数不符`);
  remember(list, k, values);
  return values;
}

/** Candidate i as a record. */
export function candidateAt(list: CandidateList, i: number): Candidate {
  const [regionCode, townCode, agencyCode] = list.places[list.place[i]];
  const [categories, specialty] = list.kinds[list.kind[i]];
  const [riskGrade, creditClass, keyList, complaints] = list.risks[list.risk[i]];
  return {
    id: columnValues(list, 'id')[i], name: columnValues(list, 'name')[i], creditCode: columnValues(list, 'creditCode')[i],
    regionCode, townCode, agencyCode, categories: [...categories], specialty, riskGrade, creditClass, keyList, complaints,
  };
}

/** All candidates as records (small lists: tests, displays). */
export const candidateRows = (list: CandidateList): Candidate[] => list.place.map((_, i) => candidateAt(list, i));

/** Position of a candidate by id in a list in canonical order (binary search), or -1. */
export function indexOfCandidate(list: CandidateList, id: string): number {
  const ids = columnValues(list, 'id');
  let lo = 0, hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1, v = ids[mid];
    if (v === id) return mid;
    if (v < id) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}
