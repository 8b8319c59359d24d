import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCreditCode, CREDIT_CODE_ALPHABET, creditCodeCheckChar, isValidCreditCode, withCheckChar } from './credit-code';

const body17 = fc.array(fc.constantFrom(...CREDIT_CODE_ALPHABET.split('')), { minLength: 17, maxLength: 17 }).map((a) => a.join(''));

describe('统一社会信用代码 (GB 32100-2015 §4 and Annex: check character)', () => {
  it('accepts published codes', () => {
    // codes printed on real business licences
    for (const code of ['91350100M000100Y43', '91110000802100433B', '12100000400000624D', '91440300708461136T']) {
      expect(checkCreditCode(code), code).toBeNull();
    }
  });

  it('computes the check character as alphabet[(31 − Σ vᵢwᵢ mod 31) mod 31]', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('every body gets exactly one valid check character', () => {
    fc.assert(fc.property(body17, (b) => {
      const valid = CREDIT_CODE_ALPHABET.split('').filter((c) => isValidCreditCode(b + c));
      return valid.length === 1 && valid[0] === creditCodeCheckChar(b);
    }));
  });

  it('detects every single-character substitution', () => {
    fc.assert(fc.property(body17, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (b, pos, shift) => {
      const code = withCheckChar(b);
      const i = CREDIT_CODE_ALPHABET.indexOf(code[pos]);
      const altered = code.slice(0, pos) + CREDIT_CODE_ALPHABET[(i + shift) % 31] + code.slice(pos + 1);
      return !isValidCreditCode(altered);
    }));
  });

  it('explains what is wrong in Chinese', () => {
    expect(checkCreditCode('9135')).toEqual({ reason: 'length', message: '应为 18 位，实际 4 位' });
    expect(checkCreditCode('91350100M000100I43')?.message).toBe('第 16 位“I”不是有效字符（只能为数字和除 I、O、Z、S、V 外的大写字母）');
    expect(checkCreditCode('91350100M000100Y4A')).toMatchObject({ reason: 'check', expected: '3', message: '校验位错误：第 18 位应为“3”，实际为“A”' });
  });
});
