import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { residentIdCheckChar, residentIdProblem } from './resident-id';

describe('公民身份号码 (GB 11643-1999 §5, ISO 7064 MOD 11-2)', () => {
  it('validates the standard\'s example', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdProblem('11010519491231002X')).toBeNull();
  });

  it('rejects a wrong check char, a bad date and a wrong length with Chinese reasons', () => {
    expect(residentIdProblem('110105194912310021')).toBe('校验位错误');
    expect(residentIdProblem('11010519490231002X')).toBe('出生日期部分无效');
    expect(residentIdProblem('1101051949123100')).toBe('应为 18 位（前 17 位数字，末位数字或 X）');
  });

  it('the check char catches every single-digit error', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{17}$/), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (body, pos, shift) => {
      const altered = body.slice(0, pos) + String((Number(body[pos]) + shift) % 10) + body.slice(pos + 1);
      return residentIdCheckChar(altered) !== residentIdCheckChar(body);
    }));
  });
});
