/**
 * Deterministic random stream: the ChaCha20 block function (RFC 8439 §2.3) used as a keystream, consumed as
 * little-endian uint32 words, plus exact unbiased integer sampling.
 */
import { sha256 } from './sha256';

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));

/** One ChaCha20 block: 16 output words (the little-endian reading of the 64 keystream bytes). */
export function chachaBlock(key: Uint32Array, counter: number, nonce: Uint32Array, out: Uint32Array): void {
  const s = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, ...key, counter >>> 0, ...nonce];
  const x = s.slice();
  const qr = (a: number, b: number, c: number, d: number) => {
    x[a] = (x[a] + x[b]) | 0; x[d] = rotl(x[d] ^ x[a], 16);
    x[c] = (x[c] + x[d]) | 0; x[b] = rotl(x[b] ^ x[c], 12);
    x[a] = (x[a] + x[b]) | 0; x[d] = rotl(x[d] ^ x[a], 8);
    x[c] = (x[c] + x[d]) | 0; x[b] = rotl(x[b] ^ x[c], 7);
  };
  for (let i = 0; i < 10; i++) {
    qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15);
    qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14);
  }
  for (let i = 0; i < 16; i++) out[i] = (x[i] + s[i]) >>> 0;
}

/** Read 32 bytes as 8 little-endian uint32 words. */
export function wordsLE(bytes: Uint8Array): Uint32Array {
  const w = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < w.length; i++) {
    w[i] = (bytes[4 * i] | (bytes[4 * i + 1] << 8) | (bytes[4 * i + 2] << 16) | (bytes[4 * i + 3] << 24)) >>> 0;
  }
  return w;
}

const TWO32 = 2 ** 32;
const TWO53 = 2 ** 53;

/** Uniform integer in [0, n) for 1 <= n <= 2^53, by rejection from 53-bit values (all arithmetic exact). */
export function uniformFrom(word: () => number, n: number): number {
  if (!(Number.isInteger(n) && n >= 1 && n <= TWO53)) throw new Error(`uniform(${n}) 参数无效`);
  const limit = TWO53 - (TWO53 % n);
  for (;;) {
    const hi = word() & 0x1fffff;
    const x = hi * TWO32 + word();
    if (x < limit) return x % n;
  }
}

export interface Stream { word(): number; uniform(n: number): number }

/** stream(seed, label): ChaCha20 keyed with SHA-256(seed ‖ UTF-8(label)), nonce 0, block counter from 0. */
export function stream(seed: Uint8Array, label: string): Stream {
  const lab = new TextEncoder().encode(label);
  const keyInput = new Uint8Array(seed.length + lab.length);
  keyInput.set(seed); keyInput.set(lab, seed.length);
  const key = wordsLE(sha256(keyInput));
  const nonce = new Uint32Array(3);
  const block = new Uint32Array(16);
  let counter = 0;
  let pos = 16;
  const word = (): number => {
    if (pos === 16) {
      if (counter >= TWO32) throw new Error('随机数流已耗尽');
      chachaBlock(key, counter++, nonce, block);
      pos = 0;
    }
    return block[pos++];
  };
  return { word, uniform: (n) => uniformFrom(word, n) };
}
