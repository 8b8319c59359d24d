import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeVerifyCode, verifyCodeFrom, VERIFY_ALPHABET } from './codes';
import { canonicalContent } from './content';
import { canonicalJson } from '../canonical';

describe('验真码 (verification codes)', () => {
  it('are XXXXX-XXXXX from the unambiguous alphabet and read back as themselves', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 9, maxLength: 9 }), (bytes) => {
      const code = verifyCodeFrom(bytes);
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(normalizeVerifyCode(code)).toBe(code);
      expect(normalizeVerifyCode(code.toLowerCase().replace('-', ' '))).toBe(code);
    }));
  });

  it('catch every single wrong symbol (check symbol)', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 9, maxLength: 9 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 31 }), (bytes, pos, shift) => {
      const plain = verifyCodeFrom(bytes).replace('-', '');
      const i = VERIFY_ALPHABET.indexOf(plain[pos]);
      const typo = plain.slice(0, pos) + VERIFY_ALPHABET[(i + shift) % 32] + plain.slice(pos + 1);
      expect(normalizeVerifyCode(typo)).toBeNull();
    }));
  });

  it('fold O, I and L typed by hand, and refuse malformed input', () => {
    const code = verifyCodeFrom(new Uint8Array([0, 1, 1, 0, 1, 0, 0, 1, 1])); // 0 and 1 symbols
    expect(normalizeVerifyCode(code.replace(/0/g, 'O').replace(/1/g, 'l'))).toBe(code);
    expect(normalizeVerifyCode('ABC')).toBeNull();
    expect(normalizeVerifyCode('UUUUU-UUUUU')).toBeNull();
  });
});

describe('content hash input', () => {
  it('is the same canonical JSON as the audit chain uses (sorted keys, undefined dropped)', () => {
    fc.assert(fc.property(fc.string(), fc.jsonValue(), (type, data) => {
      expect(canonicalContent(type, data)).toBe(canonicalJson({ type, data }));
    }));
    expect(canonicalContent('t', { b: 1, a: { d: undefined, c: [2, { z: 1, y: 2 }] } })).toBe('{"data":{"a":{"c":[2,{"y":2,"z":1}]},"b":1},"type":"t"}');
  });
});
