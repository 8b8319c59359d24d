/**
 * 验真码 (verification codes) printed on every issued document beside its QR code. The house style of the
 * complaint tracking codes (domains/complaints/rules.ts): Crockford base32 (no I, L, O, U), a check symbol
 * that catches every single-symbol typo, O/I/L folded to 0/1 when a code is typed back. 9 random symbols
 * (45 bits) + 1 check symbol, shown as XXXXX-XXXXX. Pure.
 */
export const VERIFY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_SYMBOLS = 9;

/** Σ (2i+1)·v_i mod 32: odd weights are invertible mod 32, so any one wrong symbol changes the sum. */
function checkSymbol(values: number[]): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (2 * i + 1) * values[i];
  return s % 32;
}

const show = (s: string) => `${s.slice(0, 5)}-${s.slice(5, 10)}`;

/** A code from 9 random bytes (crypto.randomBytes(9)). */
export function verifyCodeFrom(random: Uint8Array): string {
  if (random.length < RANDOM_SYMBOLS) throw new Error('verifyCodeFrom needs 9 random bytes');
  const v = Array.from(random.subarray(0, RANDOM_SYMBOLS), (b) => b & 31);
  return show([...v, checkSymbol(v)].map((x) => VERIFY_ALPHABET[x]).join(''));
}

/** The stored form of a code as typed or scanned (any case, spaces, dashes), or null when it is malformed. */
export function normalizeVerifyCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== RANDOM_SYMBOLS + 1) return null;
  const v: number[] = [];
  for (const ch of s) {
    const i = VERIFY_ALPHABET.indexOf(ch);
    if (i < 0) return null;
    v.push(i);
  }
  return checkSymbol(v.slice(0, RANDOM_SYMBOLS)) === v[RANDOM_SYMBOLS] ? show(s) : null;
}
