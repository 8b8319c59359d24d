/** zod inputs of the document endpoints, reusable by the domains that carry signatures in their own requests. */
import { z } from 'zod';
import type { SignatureInput } from './service';

/** A signature as JSON: the PNG in base64 (with or without a data: URL prefix). */
export const SignatureJson = z.object({
  role: z.enum(['party', 'inspector', 'recorder', 'witness']),
  name: z.string().trim().min(1, '请填写签名人姓名').max(64),
  signedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), '签名时间无效'),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, '内容哈希应为 64 位十六进制'),
  image: z.string().max(700_000, '签名图片过大').optional().nullable(),
  refused: z.boolean().optional(),
  note: z.string().max(500).optional().nullable(),
});
export type SignatureJson = z.infer<typeof SignatureJson>;

export const signatureFromJson = (s: SignatureJson): SignatureInput => ({
  ...s,
  image: s.image ? Buffer.from(s.image.replace(/^data:image\/png;base64,/, ''), 'base64') : null,
});

export const PreviewInput = z.object({
  type: z.string(),
  agencyId: z.uuid('签发机关无效'),
  data: z.unknown(),
  signatures: z.array(SignatureJson).max(20).optional(),
});

export const DocumentQuery = z.object({
  inspectionId: z.uuid().optional(),
  caseId: z.uuid().optional(),
  entityId: z.uuid().optional(),
  type: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

export const ActivateInput = z.object({
  templateId: z.union([z.uuid(), z.literal('default')]),
  reason: z.string().trim().max(500).optional().nullable(),
});
