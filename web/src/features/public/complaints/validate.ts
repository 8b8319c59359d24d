/**
 * The server's own schema of a public complaint, with Chinese messages, loaded when the citizen presses 提交 (zod is
 * not needed to show the form, so a phone on a slow network does not wait for it).
 */
import { z } from 'zod';
import zodZhCN from 'zod/v4/locales/zh-CN.js';
import { PublicComplaintInput } from '../../../../../server/domains/complaints/schema';

z.config(zodZhCN());

export function validateComplaint(body: unknown): { field: string; message: string }[] {
  const parsed = PublicComplaintInput.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message }));
}
