import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chachaBlock, stream, uniformFrom, wordsLE } from './chacha';
import { createSha256, forceNoble, fromHex, sha256, toHex } from './sha256';

const TWO53 = 2 ** 53;
/** A word source that replays the given uint32 words. */
const words = (...w: number[]) => { let i = 0; return () => { if (i >= w.length) throw new Error('out of words'); return w[i++]; }; };

describe('ChaCha20 block function (RFC 8439 §2.3.2 test vector)', () => {
  it('produces the serialized block of the RFC', () => {
    const key = wordsLE(Uint8Array.from({ length: 32 }, (_, i) => i));
    const nonce = wordsLE(fromHex('000000090000004a00000000'));
    const out = new Uint32Array(16);
    chachaBlock(key, 1, nonce, out);
    const bytes = new Uint8Array(out.length * 4);
    out.forEach((w, i) => { for (let b = 0; b < 4; b++) bytes[4 * i + b] = (w >>> (8 * b)) & 0xff; });
    expect(toHex(bytes)).toBe(
      '10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e'
      + 'd2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e');
  });

  it('stream(seed, label) is keyed by SHA-256(seed ‖ label), nonce 0, counter from 0', () => {
    const seed = sha256('seed');
    const key = new Uint8Array([...seed, ...new TextEncoder().encode('targets:s1')]);
    const block = new Uint32Array(16);
    chachaBlock(wordsLE(sha256(key)), 0, new Uint32Array(3), block);
    const s = stream(seed, 'targets:s1');
    expect(Array.from({ length: 16 }, () => s.word())).toEqual([...block]);
    chachaBlock(wordsLE(sha256(key)), 1, new Uint32Array(3), block);
    expect(s.word()).toBe(block[0]);
    expect(stream(seed, 'targets:s2').word()).not.toBe(stream(seed, 'targets:s1').word());
  });
});

describe('uniform(n): exact, unbiased integer sampling', () => {
  it('n = 1 always gives 0 and still consumes two words', () => {
    const w = words(0xffffffff, 0xffffffff, 7, 7);
    expect(uniformFrom(w, 1)).toBe(0);
    expect(uniformFrom(w, 2)).toBe(1); // x = 7·2^32 + 7 → odd
  });

  it('n = 2^53 uses the 53-bit value as is (no rejection)', () => {
    expect(uniformFrom(words(0xffffffff, 0xffffffff), TWO53)).toBe(TWO53 - 1); // hi masked to 21 bits
    expect(uniformFrom(words(0x00200001, 5), TWO53)).toBe(2 ** 32 + 5);
  });

  it('n = 2^32 + 1 rejects the top partial range: 2^53 mod n = 2^32 + 1 - 2^21', () => {
    const n = 2 ** 32 + 1;
    expect(TWO53 % n).toBe(n - 2 ** 21);
    const limit = TWO53 - (TWO53 % n);
    // x = limit exactly (rejected), then x = 2^32 (accepted: 2^32 mod n = 2^32)
    const hi = Math.floor(limit / 2 ** 32), lo = limit % 2 ** 32;
    expect(uniformFrom(words(hi, lo, 1, 0), n)).toBe(2 ** 32);
    expect(uniformFrom(words(hi, lo - 1), n)).toBe((limit - 1) % n);
  });

  it('n = 3 rejects exactly the last two 53-bit values', () => {
    expect(uniformFrom(words(0x1fffff, 0xfffffffe, 0x1fffff, 0xfffffffd), 3)).toBe((TWO53 - 3) % 3);
    expect(uniformFrom(words(0x1fffff, 0xffffffff, 0, 4), 3)).toBe(1);
  });

  it('rejects invalid n', () => {
    for (const n of [0, -1, 1.5, TWO53 + 2, NaN]) expect(() => uniformFrom(words(0, 0), n)).toThrow();
  });

  it('stays in range for any n (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (seed, n) => {
      const s = stream(seed, 'x');
      for (let i = 0; i < 20; i++) { const v = s.uniform(n); if (!(Number.isInteger(v) && v >= 0 && v < n)) return false; }
      return true;
    }));
  });

  it('is uniform on small n (chi-square, 60,000 draws)', () => {
    const s = stream(sha256('chi'), 'u');
    for (const n of [3, 7, 10]) {
      const counts = new Array(n).fill(0);
      const draws = 60_000;
      for (let i = 0; i < draws; i++) counts[s.uniform(n)]++;
      const e = draws / n;
      const chi2 = counts.reduce((a, c) => a + (c - e) ** 2 / e, 0);
      expect(chi2).toBeLessThan(n === 3 ? 13.8 : n === 7 ? 22.5 : 27.9); // p = 0.001 critical values (df = n − 1)
    }
  });
});

describe('SHA-256 backends', () => {
  it('node:crypto and @noble/hashes give identical digests for strings and bytes', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.uint8Array(), (s, b) => {
      const a = [createSha256().update(s).bytes(b).hex()];
      forceNoble(true);
      try { a.push(createSha256().update(s).bytes(b).hex()); } finally { forceNoble(false); }
      return a[0] === a[1];
    }));
    expect(toHex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
