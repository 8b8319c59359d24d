/**
 * SHA-256 with an incremental, string-fed interface. The reference implementation is @noble/hashes (pure JS,
 * runs in browsers); under Node the built-in node:crypto computes the same function several times faster,
 * which matters when hashing a million candidates. Both give identical digests (tested).
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

export interface Hasher { update(s: string): Hasher; bytes(b: Uint8Array): Hasher; hex(): string; digest(): Uint8Array }

interface NodeCrypto { createHash(alg: 'sha256'): { update(d: string | Uint8Array, enc?: 'utf8'): unknown; digest(): Uint8Array } }
// process.getBuiltinModule (Node >= 20.16) is synchronous and invisible to bundlers; absent in browsers.
const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
const nodeCrypto = proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
let useNode = !!nodeCrypto;

/** Tests only: force the pure-JS implementation (true) or restore the default (false). */
export function forceNoble(on: boolean): void { useNode = !on && !!nodeCrypto; }

const encoder = new TextEncoder();

export function createSha256(): Hasher {
  if (useNode) {
    const h = nodeCrypto!.createHash('sha256');
    const self: Hasher = {
      update: (s) => { h.update(s, 'utf8'); return self; },
      bytes: (b) => { h.update(b); return self; },
      digest: () => new Uint8Array(h.digest()),
      hex: () => toHex(self.digest()),
    };
    return self;
  }
  const h = nobleSha256.create();
  let buf = new Uint8Array(1 << 16);
  const chunk = (s: string) => {
    if (buf.length < s.length * 3) buf = new Uint8Array(s.length * 3);
    const { written } = encoder.encodeInto(s, buf);
    h.update(buf.subarray(0, written));
  };
  const self: Hasher = {
    update: (s) => {
      // long strings (a column of a million names) in pieces, never between the two halves of a surrogate pair
      const step = 1 << 20;
      for (let i = 0; i < s.length;) {
        let end = Math.min(s.length, i + step);
        if (end < s.length && (s.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
        chunk(i === 0 && end === s.length ? s : s.slice(i, end));
        i = end;
      }
      return self;
    },
    bytes: (b) => { h.update(b); return self; },
    digest: () => h.digest(),
    hex: () => toHex(self.digest()),
  };
  return self;
}

export const sha256 = (data: string | Uint8Array): Uint8Array =>
  typeof data === 'string' ? createSha256().update(data).digest() : createSha256().bytes(data).digest();

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export const toHex = (b: Uint8Array): string => { let s = ''; for (const x of b) s += HEX[x]; return s; };
export const isHex64 = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);
export function fromHex(s: string): Uint8Array {
  if (s.length % 2 !== 0 || !/^[0-9a-f]*$/.test(s)) throw new Error('十六进制字符串格式错误');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}
