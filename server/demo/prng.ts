/**
 * Small seeded PRNG for the demo generator: sfc32 (Chris Doty-Humphrey's "small fast chaotic" generator,
 * 128-bit state) seeded through cyrb128, a fast 128-bit string hash. Pure and deterministic: the same seed
 * yields the same sequence on every platform (only 32-bit integer arithmetic is used).
 */

/** 128-bit string hash (cyrb128), returned as four unsigned 32-bit words. */
export function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** 32-bit finaliser (murmur3 fmix32): spreads a counter over all bits. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seed from a string (hashed with cyrb128) or from four 32-bit words. */
  constructor(seed: string | readonly [number, number, number, number]) {
    const s = typeof seed === 'string' ? cyrb128(seed) : seed;
    this.a = s[0] | 0;
    this.b = s[1] | 0;
    this.c = s[2] | 0;
    this.d = s[3] | 0;
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
    for (let i = 0; i < 15; i++) this.u32(); // warm-up, as recommended for sfc32
  }

  /**
   * An independent stream for item `index` under a hashed base seed. Used so that record i of a large
   * batch can be generated without generating records 0..i-1 (random access, flat memory).
   */
  static derive(base: readonly [number, number, number, number], index: number): Rng {
    const lo = index >>> 0;
    const hi = Math.floor(index / 4294967296) >>> 0;
    return new Rng([
      (base[0] ^ fmix32(lo ^ 0x9e3779b9)) >>> 0,
      (base[1] ^ fmix32(hi + 0x7f4a7c15)) >>> 0,
      (base[2] + lo) >>> 0,
      (base[3] ^ fmix32(lo + 0x632be5ab)) >>> 0,
    ]);
  }

  /** A child stream for a named purpose; does not disturb this stream's sequence beyond one draw. */
  fork(label: string): Rng {
    const h = cyrb128(label);
    const x = this.u32();
    return new Rng([(h[0] ^ x) >>> 0, h[1], (h[2] ^ fmix32(x)) >>> 0, h[3]]);
  }

  /** Next unsigned 32-bit integer (sfc32). */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(arr: readonly T[]): T {
    if (arr.length === 0) throw new Error('pick from empty array');
    return arr[Math.floor(this.next() * arr.length)];
  }

  /** Weighted pick from [item, weight] pairs (weights need not sum to 1). */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [item, w] of entries) {
      r -= w;
      if (r < 0) return item;
    }
    return entries[entries.length - 1][0];
  }

  /** `k` distinct elements of `arr`, in random order. */
  sample<T>(arr: readonly T[], k: number): T[] {
    const copy = arr.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i];
      copy[i] = copy[j];
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }

  shuffle<T>(arr: T[]): T[] {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = arr[i];
      arr[i] = arr[j];
      arr[j] = tmp;
    }
    return arr;
  }

  /** A string of `n` random decimal digits. */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(48 + Math.floor(this.next() * 10));
    return s;
  }

  /** A random (version 4, RFC 4122 variant) UUID drawn from this stream. */
  uuid(): string {
    const w0 = this.u32();
    const w1 = this.u32();
    const w2 = this.u32();
    const w3 = this.u32();
    const b = [
      w0 >>> 24, (w0 >>> 16) & 255, (w0 >>> 8) & 255, w0 & 255,
      w1 >>> 24, (w1 >>> 16) & 255, (((w1 >>> 8) & 255) & 0x0f) | 0x40, w1 & 255,
      (((w2 >>> 24) & 255) & 0x3f) | 0x80, (w2 >>> 16) & 255, (w2 >>> 8) & 255, w2 & 255,
      w3 >>> 24, (w3 >>> 16) & 255, (w3 >>> 8) & 255, w3 & 255,
    ];
    let s = '';
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
      s += HEX[b[i]];
    }
    return s;
  }
}

/** Precomputed weighted picker for hot loops (binary search over cumulative weights). */
export function weightedPicker<T>(entries: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const items = entries.map((e) => e[0]);
  const cum: number[] = [];
  let total = 0;
  for (const [, w] of entries) {
    total += w;
    cum.push(total);
  }
  return (rng: Rng) => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}
