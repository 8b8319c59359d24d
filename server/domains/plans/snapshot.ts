/**
 * Stored draw snapshots (draw_snapshots): the frozen input as gzipped JSON, and the bundle written around it
 * without compressing the candidate list a second time.
 *
 * The frozen snapshot is a standard gzip file whose deflate data is "open": the JSON is compressed with a sync
 * flush (ending byte-aligned, no final block) and followed by an empty final block. Deflate blocks never refer
 * back across independently compressed streams, so the bundle's gzip is the envelope's prefix compressed the
 * same way, then the snapshot's deflate data as it is, then the suffix with the final block, and a trailer
 * whose CRC-32 runs over the whole text. Any gzip reader (browsers, curl, Python) reads both.
 */
import { constants, crc32, createDeflateRaw, deflateRawSync, gunzipSync } from 'node:zlib';

const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]); // deflate, no name, no mtime, unknown OS
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]); // BFINAL=1, fixed Huffman, end of block
const LEVEL = 1; // the candidate list is mostly UUIDs and names: higher levels cost far more time than they save space

function trailer(crc: number, size: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(crc >>> 0, 0);
  b.writeUInt32LE(size % 2 ** 32, 4);
  return b;
}

/** Raw deflate of `pieces` ending with a sync flush (open), compressed on the libuv thread pool. */
function deflateOpen(pieces: readonly string[]): Promise<{ data: Buffer; crc: number; size: number }> {
  return new Promise((resolve, reject) => {
    const z = createDeflateRaw({ level: LEVEL, memLevel: 9 });
    const out: Buffer[] = [];
    let crc = 0, size = 0;
    z.on('data', (b: Buffer) => out.push(b));
    z.on('error', reject);
    for (const p of pieces) {
      const b = Buffer.from(p, 'utf8');
      crc = crc32(b, crc);
      size += b.length;
      z.write(b);
    }
    z.flush(constants.Z_SYNC_FLUSH, () => {
      z.removeAllListeners('data');
      z.close();
      resolve({ data: Buffer.concat(out), crc, size });
    });
  });
}

/** The gzip of the frozen input's JSON (given in pieces), in the open form described above. */
export async function gzipFrozen(pieces: readonly string[]): Promise<Buffer> {
  const { data, crc, size } = await deflateOpen(pieces);
  return Buffer.concat([HEADER, data, FINAL_EMPTY_BLOCK, trailer(crc, size)]);
}

/** The frozen input's JSON text from its stored gzip. */
export const gunzipFrozen = (gz: Uint8Array): Buffer => gunzipSync(gz);

/**
 * The bundle's gzip: `prefix + frozen JSON + suffix`, reusing the snapshot's compressed data. `frozenText` is
 * the snapshot's uncompressed text (already at hand: the draw parses it), for the CRC.
 */
export function gzipAround(prefix: string, frozenGz: Uint8Array, frozenText: Uint8Array, suffix: string): Buffer {
  const gz = Buffer.from(frozenGz.buffer, frozenGz.byteOffset, frozenGz.byteLength);
  if (gz.length < 20 || !gz.subarray(0, 10).equals(HEADER) || !gz.subarray(gz.length - 10, gz.length - 8).equals(FINAL_EMPTY_BLOCK)) {
    throw new Error('draw snapshot is not in the expected gzip form');
  }
  const body = gz.subarray(10, gz.length - 10);
  const pre = Buffer.from(prefix, 'utf8'), post = Buffer.from(suffix, 'utf8');
  const crc = crc32(post, crc32(frozenText, crc32(pre)));
  return Buffer.concat([
    HEADER, deflateRawSync(pre, { level: LEVEL, finishFlush: constants.Z_SYNC_FLUSH }), body, deflateRawSync(post, { level: LEVEL }),
    trailer(crc, pre.length + frozenText.length + post.length),
  ]);
}
