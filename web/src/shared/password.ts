import { z } from 'zod';

/** The server's password rule (server/platform/auth/passwords.ts), with the same messages. */
export const PasswordRule = z.string({ error: '请输入密码' })
  .min(8, '密码至少 8 位')
  .max(128, '密码不能超过 128 位')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), '密码须同时包含字母和数字');

export const passwordHint = '至少 8 位，须同时包含字母和数字';
