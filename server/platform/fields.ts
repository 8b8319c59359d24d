/** Reusable zod fields with Chinese messages. Shared with the web app: keep it free of server imports. */
import { z } from 'zod';

export const REGION_CODE_RE = /^\d{6}(\d{3}){0,2}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export const text = (label: string, min: number, max: number) =>
  z.string({ error: `请填写${label}` }).trim()
    .min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
    .max(max, `${label}不能超过 ${max} 个字`);

export const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字`).optional().nullable()
    .transform((v) => (v ? v : null));

export const regionCode = (label = '所属区划') =>
  z.string({ error: `请选择${label}` }).trim().regex(REGION_CODE_RE, `${label}代码应为 6、9 或 12 位数字`);

export function isRealDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const dateString = (label: string) =>
  z.string({ error: `请填写${label}` }).trim().refine(isRealDate, `${label}应为有效日期（格式 YYYY-MM-DD）`);

export const optionalDate = (label: string) =>
  z.string().trim().optional().nullable()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isRealDate(v), `${label}应为有效日期（格式 YYYY-MM-DD）`);

/** Mobile (11 digits starting with 1) or landline (区号-号码); a masked value (with *) is accepted and means "unchanged". */
export const phone = (label = '联系电话') =>
  z.string().trim().optional().nullable().transform((v) => (v ? v : null))
    .refine((v) => v === null || /^1\d{10}$/.test(v) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(v) || /^[\d*-]{7,20}$/.test(v) && v.includes('*'),
      `${label}格式不正确（手机 11 位或 区号-号码）`);

export const masked = {
  /** 138****1234 */
  phone: (v: string | null | undefined) => (v ? (v.length >= 7 ? `${v.slice(0, 3)}****${v.slice(-4)}` : '****') : null),
  /** 3201**********1234 */
  idNumber: (v: string) => `${v.slice(0, 4)}${'*'.repeat(Math.max(0, v.length - 8))}${v.slice(-4)}`,
};

export const isMasked = (v: unknown): boolean => typeof v === 'string' && v.includes('*');
