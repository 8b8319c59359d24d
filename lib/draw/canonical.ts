/** Canonical serializations, the published hashes, the commitment and the seed. */
import { CANDIDATE_FIELDS } from './candidates';
import { FIELDS, pick } from './rules';
import { createSha256, fromHex, sha256, toHex, type Hasher } from './sha256';
import { PROTOCOL, type CandidateList, type Conflict, type DrawPlan, type Frozen, type LastPair, type PoolInspector, type WeightTable } from './types';

/** JSON with object keys sorted by UTF-16 code units, no whitespace. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  if (typeof v === 'object' && v !== null) {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson((v as Record<string, unknown>)[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

/** Exactly the covered fields of the plan and the weight table (other properties are ignored). */
export function planRecord(plan: DrawPlan, w: WeightTable): { plan: DrawPlan; weights: WeightTable } {
  return {
    plan: { ...pick(plan, FIELDS.plan), strata: plan.strata.map((s) => pick(s, FIELDS.stratum)), rules: pick(plan.rules, FIELDS.rules) },
    weights: { base: w.base, riskGrade: w.riskGrade, creditClass: w.creditClass, keyList: w.keyList, complaintEach: w.complaintEach, complaintMax: w.complaintMax },
  };
}

export const hashPlan = (plan: DrawPlan, weights: WeightTable): string =>
  createSha256().update(JSON.stringify([PROTOCOL, 'plan']) + '\n' + canonicalJson(planRecord(plan, weights))).hex();

/**
 * Writes exactly the UTF-8 bytes of JSON.stringify(value) into a reusable buffer that is fed to the hasher, so
 * that a million records hash without building strings (tests compare it with JSON.stringify).
 */
export class JsonWriter {
  private buf = new Uint8Array(1 << 16);
  private pos = 0;
  private first = true;
  constructor(private readonly h: Hasher) {}

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = new Uint8Array(n);
  }
  flush(): void { if (this.pos > 0) { this.h.bytes(this.buf.subarray(0, this.pos)); this.pos = 0; } }

  /** Append one ASCII byte. */
  byte(c: number): this { this.room(1); this.buf[this.pos++] = c; return this; }

  /** Append the UTF-8 of s; with `quote`, as a JSON string literal escaped exactly like JSON.stringify. */
  text(s: string, quote: boolean): this {
    this.room(s.length * 6 + 2);
    const b = this.buf, n = s.length;
    let p = this.pos;
    if (quote) b[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (!quote || (c >= 0x20 && c !== 34 && c !== 92)) { b[p++] = c; continue; }
        const short = SHORT_ESCAPES[c];
        b[p++] = 92;
        if (short) b[p++] = short;
        else p = hex4(b, p, c);
      } else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6); b[p++] = 0x80 | (c & 63);
      } else if (c < 0xd800 || c > 0xdfff) {
        b[p++] = 0xe0 | (c >> 12); b[p++] = 0x80 | ((c >> 6) & 63); b[p++] = 0x80 | (c & 63);
      } else {
        const d = s.charCodeAt(i + 1); // NaN past the end
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          b[p++] = 0xf0 | (cp >> 18); b[p++] = 0x80 | ((cp >> 12) & 63); b[p++] = 0x80 | ((cp >> 6) & 63); b[p++] = 0x80 | (cp & 63);
          i++;
        } else { b[p++] = 92; p = hex4(b, p, c); } // lone surrogate: backslash-u escape, as well-formed JSON.stringify does
      }
    }
    if (quote) b[p++] = 34;
    this.pos = p;
    return this;
  }
  /** Append a non-negative safe integer in decimal. */
  private int(v: number): void {
    this.room(16);
    let digits = 1;
    for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    for (let t = v; ; t = Math.floor(t / 10)) { this.buf[--p] = 48 + (t % 10); if (t < 10) break; }
  }
  /** Start a JSON array. */
  begin(): this { this.first = true; return this.byte(91); }
  /** Append one array element (strings, integers, booleans and string arrays directly; others via JSON.stringify). */
  put(v: unknown): this {
    if (!this.first) this.byte(44);
    this.first = false;
    if (typeof v === 'string') return this.text(v, true);
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) { this.int(v); return this; }
    if (typeof v === 'boolean') return this.text(v ? 'true' : 'false', false);
    if (Array.isArray(v) && allStrings(v)) {
      this.byte(91);
      for (let i = 0; i < v.length; i++) { if (i) this.byte(44); this.text(v[i], true); }
      return this.byte(93);
    }
    return this.text(JSON.stringify(v) ?? 'null', false);
  }
  end(): this { return this.byte(93); }
}
function allStrings(a: unknown[]): a is string[] {
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'string') return false;
  return true;
}
const SHORT_ESCAPES: Record<number, number> = { 8: 98, 9: 116, 10: 110, 12: 102, 13: 114, 34: 34, 92: 92 };
function hex4(b: Uint8Array, p: number, c: number): number {
  b[p++] = 117; // u
  for (let k = 12; k >= 0; k -= 4) { const d = (c >> k) & 15; b[p++] = d < 10 ? 48 + d : 87 + d; }
  return p;
}

/** Feed a header line `[protocol, section, count]` and one line per record, "\n"-separated. */
function section<T>(w: JsonWriter, name: string, xs: T[], line: (w: JsonWriter, x: T) => void, first: boolean): void {
  if (!first) w.byte(10);
  w.text(JSON.stringify([PROTOCOL, name, xs.length]), false);
  for (let i = 0; i < xs.length; i++) { w.byte(10); line(w, xs[i]); }
}

export const inspectorLine = (w: JsonWriter, i: PoolInspector): void => void w.begin().put(i.id).put(i.name).put(i.agencyCode)
  .put(i.townCode).put(i.specialties).put(i.credentialValidUntil).end();
export const conflictLine = (w: JsonWriter, c: Conflict): void => void w.begin().put(c.inspectorId).put(c.entityId).end();
export const lastPairLine = (w: JsonWriter, p: LastPair): void => void w.begin().put(p.entityId).put(p.inspectorIds).end();

/** Only non-negative safe integers. */
function isIndexArray(xs: readonly unknown[]): xs is number[] {
  for (let i = 0; i < xs.length; i++) { const x = xs[i]; if (!(Number.isSafeInteger(x) && (x as number) >= 0)) return false; }
  return xs.length > 0;
}

/**
 * JSON.stringify(xs) in pieces of at most `size` elements (their concatenation is exactly JSON.stringify(xs)):
 * a column of a million names is serialized and hashed without building one giant string.
 */
export function* jsonPieces(xs: readonly unknown[], size = 1 << 15): Generator<string> {
  if (xs.length <= size || isIndexArray(xs)) { yield JSON.stringify(xs); return; } // numbers: short, and fast in one go
  for (let i = 0; i < xs.length; i += size) {
    const s = JSON.stringify(xs.slice(i, i + size));
    const last = i + size >= xs.length;
    yield (i === 0 ? '' : ',') + s.slice(i === 0 ? 0 : 1, last ? s.length : -1);
  }
}

/**
 * Feed the canonical text of the candidate list (§5) to h: the header, the JSON of the dictionaries and index
 * columns, then the text columns as they are, one line each (so `\n` + the column).
 */
function candidateText(h: Hasher, list: CandidateList): void {
  h.update(JSON.stringify([PROTOCOL, 'candidates', list.place.length]));
  for (const field of CANDIDATE_FIELDS) {
    h.update('\n');
    if (field === 'id' || field === 'name' || field === 'creditCode') h.update(list[field]);
    else for (const s of jsonPieces(list[field])) h.update(s);
  }
}

/** candidatesHash: SHA-256 of the canonical text of the candidate list (§5). */
export function hashCandidates(list: CandidateList): string {
  const h = createSha256();
  candidateText(h, list);
  return h.hex();
}

export function hashInspectors(inspectors: PoolInspector[], conflicts: Conflict[], lastPairs: LastPair[]): string {
  const h = createSha256(), w = new JsonWriter(h);
  section(w, 'inspectors', inspectors, inspectorLine, true);
  section(w, 'conflicts', conflicts, conflictLine, false);
  section(w, 'lastPairs', lastPairs, lastPairLine, false);
  w.flush();
  return h.hex();
}

/** Exactly the protocol's fields of a Frozen (other properties are not part of it). */
export function frozenRecord(f: Frozen): Frozen {
  const { plan, weights } = planRecord(f.plan, f.weights);
  const c = f.candidates;
  return {
    plan, weights,
    candidates: { places: c.places, kinds: c.kinds, risks: c.risks, id: c.id, name: c.name, creditCode: c.creditCode, place: c.place, kind: c.kind, risk: c.risk },
    inspectors: f.inspectors.map((i) => pick(i, FIELDS.inspector)), conflicts: f.conflicts.map((x) => pick(x, FIELDS.conflict)),
    lastPairs: f.lastPairs.map((p) => pick(p, FIELDS.lastPair)),
  };
}

/**
 * The JSON text of a Frozen as it is stored and published (the `frozen` member of the bundle, the candidate
 * download), in pieces: a million candidates are serialized without building one giant string. Each text
 * column is one piece, right after the piece with its key (`,"id":` …).
 */
export function frozenJson(frozen: Frozen): string[] {
  const f = frozenRecord(frozen), c = f.candidates;
  const pieces: string[] = [`{"plan":${JSON.stringify(f.plan)},"weights":${JSON.stringify(f.weights)},"candidates":{`];
  CANDIDATE_FIELDS.forEach((field, i) => {
    pieces.push(`${i ? ',' : ''}${JSON.stringify(field)}:`);
    if (field === 'id' || field === 'name' || field === 'creditCode') pieces.push(JSON.stringify(c[field]));
    else pieces.push(...jsonPieces(c[field]));
  });
  pieces.push(`},"inspectors":${JSON.stringify(f.inspectors)},"conflicts":${JSON.stringify(f.conflicts)},"lastPairs":${JSON.stringify(f.lastPairs)}}`);
  return pieces;
}

/** SHA-256 of the 32 secret bytes (the secret is 64 lowercase hex digits). */
export function commitmentOf(secretHex: string): string {
  const b = fromHex(secretHex);
  if (b.length !== 32) throw new Error('秘密种子应为 64 位十六进制数（32 字节）');
  return toHex(sha256(b));
}

/** 32 random bytes from the platform CSPRNG, as lowercase hex. */
export const newSecret = (): string => toHex(globalThis.crypto.getRandomValues(new Uint8Array(32)));

/** The public value as mixed into the seed: trimmed (ECMAScript String.prototype.trim), then NFC. */
export const normalizePublicValue = (v: string): string => v.trim().normalize('NFC');

export interface SeedInput { secret: string; publicValue: string; planHash: string; candidatesHash: string; inspectorsHash: string }
export function deriveSeed(s: SeedInput): Uint8Array {
  const pv = normalizePublicValue(s.publicValue);
  if (pv === '') throw new Error('公开随机值不能为空');
  return sha256(`${PROTOCOL}|seed|${s.secret}|${pv}|${s.planHash}|${s.candidatesHash}|${s.inspectorsHash}`);
}
