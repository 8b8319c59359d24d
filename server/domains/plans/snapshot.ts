/**
 * Stored draw snapshots (draw_snapshots): the frozen input as gzipped JSON (frozen_gz), and the bundle's head
 * (bundle_gz) — the bundle is the head, the frozen input's JSON and a closing brace, assembled when served.
 * The candidate list is thus stored and compressed once, and the draw writes kilobytes, not the whole list again.
 *
 * Both are standard gzip files whose deflate data is "open": compressed with a sync flush (ending byte-aligned,
 * no final block) and followed by an empty final block. Deflate blocks never refer back across independently
 * compressed streams, so the bundle's gzip is the head's deflate data, then the frozen input's deflate data as
 * they are, then the closing brace with the final block, and a trailer whose CRC-32 is combined from the parts'
 * CRCs. Any gzip reader (browsers, curl, Python) reads it.
 */
import { constants, crc32, deflateRaw, deflateRawSync, gunzipSync } from 'node:zlib';

const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]); // deflate, no name, no mtime, unknown OS
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]); // BFINAL=1, fixed Huffman, end of block
const LEVEL = 1; // the candidate list is mostly UUIDs and names: higher levels cost far more time than they save space

function trailer(crc: number, size: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(crc >>> 0, 0);
  b.writeUInt32LE(size % 2 ** 32, 4);
  return b;
}

/** Raw deflate ending with a sync flush (open), as one job on the libuv thread pool (the output fits one chunk). */
const deflateOpen = (data: Buffer, huffmanOnly: boolean) => new Promise<Buffer>((resolve, reject) => {
  deflateRaw(data, {
    level: LEVEL, strategy: huffmanOnly ? constants.Z_HUFFMAN_ONLY : constants.Z_DEFAULT_STRATEGY, finishFlush: constants.Z_SYNC_FLUSH,
    chunkSize: Math.max(64 * 1024, data.length + (data.length >> 6) + 1024),
  }, (err, out) => (err ? reject(err) : resolve(out)));
});

const PART = 12 << 20;

/**
 * The gzip of the frozen input's JSON (given in pieces), in the open form described above. The text is
 * compressed in parts of about 12 MB on the thread pool, in parallel and off the main thread (the caller goes
 * on with the hashes and the staffing check meanwhile); independently compressed parts simply follow one
 * another. Pieces listed in `huffmanOnly` (the column of ids: random hexadecimal, which string matching cannot
 * shorten) are only Huffman-coded: the same size, a third of the time.
 */
export async function gzipFrozen(pieces: readonly string[], huffmanOnly: ReadonlySet<number> = new Set()): Promise<Buffer> {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit: write into room for that instead of measuring first
  let room = 0;
  for (const p of pieces) room += p.length * 3;
  const buffer = Buffer.allocUnsafe(room);
  // parts: runs of pieces with the same strategy, cut every PART bytes
  const parts: { start: number; end: number; huffman: boolean }[] = [];
  let at = 0;
  for (let i = 0; i < pieces.length; i++) {
    const n = buffer.write(pieces[i], at, 'utf8');
    const huffman = huffmanOnly.has(i), last = parts[parts.length - 1];
    if (last && last.huffman === huffman && last.end === at) last.end = at + n;
    else parts.push({ start: at, end: at + n, huffman });
    at += n;
  }
  const text = buffer.subarray(0, at);
  const jobs = parts.flatMap((p) => {
    const n = Math.max(1, Math.round((p.end - p.start) / PART)), step = Math.ceil((p.end - p.start) / n);
    return Array.from({ length: n }, (_, k) => ({ data: text.subarray(p.start + k * step, Math.min(p.end, p.start + (k + 1) * step)), huffman: p.huffman }));
  }).filter((j) => j.data.length > 0);
  const crc = crc32(text);
  const data = await Promise.all(jobs.map((j) => deflateOpen(j.data, j.huffman)));
  return Buffer.concat([HEADER, ...data, FINAL_EMPTY_BLOCK, trailer(crc, text.length)]);
}

/** The frozen input's JSON text from its stored gzip. */
export const gunzipFrozen = (gz: Uint8Array): Buffer => gunzipSync(gz);

/** The gzip (open form) of a short text: the bundle's head. */
export function gzipOpen(text: string): Buffer {
  const b = Buffer.from(text, 'utf8');
  return Buffer.concat([HEADER, deflateRawSync(b, { level: LEVEL, finishFlush: constants.Z_SYNC_FLUSH }), FINAL_EMPTY_BLOCK, trailer(crc32(b), b.length)]);
}

/** The deflate data, CRC-32 and length of a gzip in the open form. */
function openParts(gz: Uint8Array): { body: Buffer; crc: number; size: number } {
  const b = Buffer.from(gz.buffer, gz.byteOffset, gz.byteLength);
  if (b.length < 20 || !b.subarray(0, 10).equals(HEADER) || !b.subarray(b.length - 10, b.length - 8).equals(FINAL_EMPTY_BLOCK)) {
    throw new Error('draw snapshot is not in the expected gzip form');
  }
  return { body: b.subarray(10, b.length - 10), crc: b.readUInt32LE(b.length - 8), size: b.readUInt32LE(b.length - 4) };
}

/** The gzip of the concatenated texts of open-form gzips followed by a short text. (Texts below 4 GB.) */
export function joinGzip(parts: Uint8Array[], tail: string): Buffer {
  const open = parts.map(openParts);
  const end = Buffer.from(tail, 'utf8');
  let crc = 0, size = 0;
  for (const p of [...open, { crc: crc32(end), size: end.length }]) { crc = crc32Combine(crc, p.crc, p.size); size += p.size; }
  return Buffer.concat([HEADER, ...open.map((p) => p.body), deflateRawSync(end, { level: LEVEL }), trailer(crc, size)]);
}

/** The bundle's gzip from the stored head and frozen input (see the top of this file). */
export const bundleGzip = (head: Uint8Array, frozen: Uint8Array): Buffer => joinGzip([head, frozen], '}');

// ---- CRC-32 of a concatenation from the parts' CRCs (zlib's crc32_combine: powers of a GF(2) matrix) ----

function gf2Times(mat: Uint32Array, vec: number): number {
  let sum = 0;
  for (let i = 0; vec !== 0; i++, vec >>>= 1) if (vec & 1) sum ^= mat[i];
  return sum >>> 0;
}
function gf2Square(square: Uint32Array, mat: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = gf2Times(mat, mat[n]);
}
/** CRC-32 of A‖B from crc(A), crc(B) and the length of B. */
export function crc32Combine(crc1: number, crc2: number, len2: number): number {
  if (len2 <= 0) return crc1 >>> 0;
  const even = new Uint32Array(32), odd = new Uint32Array(32);
  odd[0] = 0xedb88320; // the polynomial: the operator for one zero bit
  for (let n = 1, row = 1; n < 32; n++, row *= 2) odd[n] = row;
  gf2Square(even, odd); // two zero bits
  gf2Square(odd, even); // four zero bits
  let c = crc1 >>> 0;
  for (let len = len2; ;) {
    gf2Square(even, odd); // the first square gives one zero byte, then two, four …
    if (len % 2) c = gf2Times(even, c);
    len = Math.floor(len / 2);
    if (len === 0) break;
    gf2Square(odd, even);
    if (len % 2) c = gf2Times(odd, c);
    len = Math.floor(len / 2);
    if (len === 0) break;
  }
  return (c ^ crc2) >>> 0;
}

// ---- the frozen input for the draw, without decoding every name and credit code ----

/** Byte offsets of the lines of a JSON string literal's content whose lines are separated by the escape `\n`. */
function lineStarts(text: Buffer, start: number, end: number): Int32Array {
  const starts: number[] = [start];
  for (let i = text.indexOf(0x5c, start); i >= 0 && i < end; i = text.indexOf(0x5c, i)) {
    const next = text[i + 1];
    if (next === 0x6e /* n */) starts.push(i + 2);
    i += next === 0x75 /* u */ ? 6 : 2; // any other escape: skip it (a \\ is not the start of a separator)
  }
  return Int32Array.from(starts);
}

/**
 * Parse the frozen input's JSON for the draw, leaving out the two long columns the draw reads only for the
 * drawn units (names and credit codes: half the text). In the JSON a raw `"` only ever delimits a string, so
 * `,"name":"` after `"candidates":{` can only be the start of the name column, `","creditCode":"` its end and
 * `"},"inspectors":` the end of the credit codes. The two columns are left empty in the result (the caller uses
 * `line()` for them); if the text is not laid out like that, the whole text is parsed.
 */
export function parseFrozenForDraw<T extends { candidates: { name: string; creditCode: string } }>(text: Buffer): { frozen: T; line: (column: 'name' | 'creditCode', i: number) => string } {
  const at = text.indexOf('"candidates":{');
  const n0 = at < 0 ? -1 : text.indexOf(',"name":"', at);
  const n1 = n0 < 0 ? -1 : text.indexOf('","creditCode":"', n0 + 9);
  const c1 = n1 < 0 ? -1 : text.indexOf('"},"inspectors":', n1 + 16);
  if (c1 < 0) {
    const frozen = JSON.parse(text.toString('utf8')) as T;
    const split = { name: frozen.candidates.name.split('\n'), creditCode: frozen.candidates.creditCode.split('\n') };
    return { frozen, line: (column, i) => split[column][i] };
  }
  const frozen = JSON.parse(text.toString('utf8', 0, n0 + 9) + '","creditCode":"' + text.toString('utf8', c1)) as T;
  const ranges = { name: [n0 + 9, n1], creditCode: [n1 + 16, c1] } as const;
  const starts: Partial<Record<'name' | 'creditCode', Int32Array>> = {};
  return {
    frozen,
    line(column, i) {
      const [from, to] = ranges[column];
      const s = (starts[column] ??= lineStarts(text, from, to));
      const end = i + 1 < s.length ? s[i + 1] - 2 : to;
      const raw = text.toString('utf8', s[i], end);
      return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
    },
  };
}

/** Line i of a text column held in memory (lines found once, on the first read). */
function textLines(text: string): (i: number) => string {
  let starts: number[] | undefined;
  return (i) => {
    if (!starts) {
      starts = [0];
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    }
    return text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] - 1 : text.length);
  };
}

type Hashes = { planHash: string; candidatesHash: string; inspectorsHash: string };
type DrawInput<T> = { frozen: T; line: (column: 'name' | 'creditCode', i: number) => string };

/**
 * The frozen input this process published last, handed to the draw of the same plan so that the draw need not
 * load and parse the stored snapshot again (a million candidates: about 1.5 s). It is the very object whose
 * hashes were published and is used only while the plan's published hashes are these; otherwise (another
 * process, a restart, after an hour, another plan published since) the draw reads the stored snapshot. One plan
 * at a time: a million candidates hold about 200 MB.
 */
let handoff: { planId: string; hashes: Hashes; frozen: unknown; at: number } | null = null;
const HANDOFF_MS = 60 * 60_000;

export function keepPublished(planId: string, hashes: Hashes, frozen: unknown): void {
  handoff = { planId, hashes: { planHash: hashes.planHash, candidatesHash: hashes.candidatesHash, inspectorsHash: hashes.inspectorsHash }, frozen, at: Date.now() };
}

/** The kept frozen input of this plan if its published hashes are the kept ones, else null. */
export function publishedFrozen<T extends { candidates: { name: string; creditCode: string } }>(planId: string, hashes: Hashes): DrawInput<T> | null {
  const h = handoff;
  if (!h || h.planId !== planId || Date.now() - h.at > HANDOFF_MS) return null;
  if (h.hashes.planHash !== hashes.planHash || h.hashes.candidatesHash !== hashes.candidatesHash || h.hashes.inspectorsHash !== hashes.inspectorsHash) return null;
  const frozen = h.frozen as T;
  const lines = { name: textLines(frozen.candidates.name), creditCode: textLines(frozen.candidates.creditCode) };
  return { frozen, line: (column, i) => lines[column](i) };
}

/** Drop the kept frozen input (after its draw, or of any plan when `planId` is omitted). */
export function forgetPublished(planId?: string): void {
  if (!planId || handoff?.planId === planId) handoff = null;
}
