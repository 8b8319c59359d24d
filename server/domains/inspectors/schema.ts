import { z } from 'zod';
import { dateString, optionalText, phone, text } from '../../platform/fields';
import { CATEGORY_CODES } from '../entities/categories';

export const TrainingHours = z.object({
  year: z.coerce.number().int().min(2000, '年度无效').max(2100, '年度无效'),
  hours: z.coerce.number().min(0, '学时不能为负').max(2000, '学时过大'),
});

export const InspectorInput = z.object({
  name: text('姓名', 2, 64),
  agencyId: z.uuid('请选择所属机构'),
  credentialNo: text('执法证号', 4, 32),
  credentialExpiry: dateString('执法证有效期至'),
  specialties: z.array(z.enum(CATEGORY_CODES, { error: '专业领域无效' })).min(1, '请至少选择一个专业领域').max(12),
  homeTownCode: z.string().trim().regex(/^\d{9}$/, '居住乡镇应为 9 位乡镇（街道）代码').nullish().or(z.literal('').transform(() => null)),
  legalQualification: z.boolean().default(false),
  position: optionalText('职务', 32),
  phone: phone('联系电话'),
  trainingHours: z.array(TrainingHours).max(30).default([])
    .refine((a) => new Set(a.map((t) => t.year)).size === a.length, '同一年度的培训学时只能填写一次'),
});
export type InspectorInput = z.infer<typeof InspectorInput>;

export const inspectorLabels: Record<string, string> = {
  name: '姓名', agencyId: '所属机构', credentialNo: '执法证号', credentialExpiry: '执法证有效期至', specialties: '专业领域', homeTownCode: '居住乡镇（街道）',
  legalQualification: '法律职业资格', position: '职务', phone: '联系电话', trainingHours: '年度培训学时',
};

/** Yearly training target per inspector (hours). */
export const TRAINING_TARGET_HOURS = 30;
