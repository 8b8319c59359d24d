/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence, check char.
 * Check char: ISO 7064 MOD 11-2 — weights 2^(17-i) mod 11, value = (12 − Σ mod 11) mod 11, 10 written 'X'.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('resident ID body must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  const v = (12 - (sum % 11)) % 11;
  return v === 10 ? 'X' : String(v);
}

/** Null when valid, else a Chinese explanation. */
export function residentIdProblem(id: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) return '应为 18 位（前 17 位数字，末位数字或 X）';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return '出生日期部分无效';
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return '校验位错误';
  return null;
}
