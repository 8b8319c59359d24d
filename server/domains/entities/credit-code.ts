/**
 * 统一社会信用代码 (GB 32100-2015).
 * 18 characters: 1 登记管理部门码, 1 机构类别码, 6 登记管理机关行政区划码, 9 主体标识码, 1 校验码.
 * The check character is alphabet[(31 − Σ(value_i × weight_i) mod 31) mod 31] over the first 17.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The first two characters and the kind of registrant they denote (those the register deals with most). */
export const CREDIT_CODE_KINDS: Record<string, string> = {
  '11': '机关',
  '12': '事业单位',
  '13': '中央编办直接管理机构编制的群众团体',
  '19': '其他机构编制单位',
  '51': '社会团体',
  '52': '民办非企业单位',
  '53': '基金会',
  '59': '其他民政登记单位',
  '91': '企业',
  '92': '个体工商户',
  '93': '农民专业合作社',
};

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new Error(`invalid character at ${i}`);
    sum += v * CREDIT_CODE_WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

export type CreditCodeProblem =
  | { reason: 'length'; message: string }
  | { reason: 'charset'; message: string }
  | { reason: 'check'; message: string; expected: string };

/** Returns null when valid, otherwise a Chinese explanation of what is wrong. */
export function checkCreditCode(code: string): CreditCodeProblem | null {
  if (code.length !== 18) {
    return { reason: 'length', message: `应为 18 位，实际 ${code.length} 位` };
  }
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_ALPHABET.includes(code[i])) {
      return {
        reason: 'charset',
        message: `第 ${i + 1} 位“${code[i]}”不是有效字符（只能为数字和除 I、O、Z、S、V 外的大写字母）`,
      };
    }
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return { reason: 'check', expected, message: `校验位错误：第 18 位应为“${expected}”，实际为“${code[17]}”` };
  }
  return null;
}

export const isValidCreditCode = (code: string): boolean => checkCreditCode(code) === null;

/** Build a valid code from its 17-character body (used by the demo generator and tests). */
export function withCheckChar(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}
