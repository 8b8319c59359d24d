import { z } from 'zod';
import { optionalDate, optionalText, regionCode, text } from '../../platform/fields';
import { CATEGORY_CODES } from '../entities/categories';

export const PLAN_LEVELS = ['国家', '省', '市', '区县'] as const;

export const MatterInput = z.object({
  code: z.string({ error: '请填写事项编码' }).trim().regex(/^[A-Za-z0-9-]{2,32}$/, '事项编码应为 2–32 位字母、数字或“-”'),
  name: text('抽查事项名称', 4, 200),
  category: z.enum(CATEGORY_CODES, { error: '请选择抽查对象类别' }),
  legalBasis: text('法律依据', 4, 2000),
  subject: text('抽查主体', 2, 100),
  level: z.enum(PLAN_LEVELS, { error: '层级应为：国家、省、市、区县' }),
  ratio: z.coerce.number().min(0, '抽查比例应在 0–100 之间').max(100, '抽查比例应在 0–100 之间').optional().nullable(),
  frequency: text('抽查频次', 2, 32),
  method: text('检查方式', 2, 100),
  staffRequirement: optionalText('执法人员要求', 200),
  regionCode: regionCode('发布区划'),
});
export type MatterInput = z.infer<typeof MatterInput>;
export const matterLabels: Record<string, string> = {
  code: '事项编码', name: '抽查事项', category: '抽查对象类别', legalBasis: '法律依据', subject: '抽查主体', level: '层级', ratio: '抽查比例(%)',
  frequency: '抽查频次', method: '检查方式', staffRequirement: '执法人员要求', regionCode: '发布区划',
};

export const ChecklistItem = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9.-]{1,32}$/, '条目编号应为字母、数字、“.”或“-”'),
  section: text('检查项目', 1, 100),
  content: text('检查内容', 2, 1000),
  legalBasis: text('法律依据', 2, 1000),
  keyItem: z.boolean().default(false),
  points: z.coerce.number().min(0, '分值不能为负').max(100, '分值不能超过 100'),
  method: optionalText('检查方法', 200),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistInput = z.object({
  code: z.string({ error: '请填写细则编号' }).trim().regex(/^[A-Za-z0-9-]{2,32}$/, '细则编号应为 2–32 位字母、数字或“-”'),
  name: text('细则名称', 4, 200),
  category: z.enum(CATEGORY_CODES, { error: '请选择适用类别' }),
  effectiveFrom: optionalDate('施行日期'),
  regionCode: regionCode('发布区划'),
  items: z.array(ChecklistItem).min(1, '请至少添加一个检查条目').max(500)
    .refine((a) => new Set(a.map((i) => i.code)).size === a.length, '条目编号不能重复'),
});
export type ChecklistInput = z.infer<typeof ChecklistInput>;
export const checklistLabels: Record<string, string> = {
  code: '细则编号', name: '细则名称', category: '适用类别', effectiveFrom: '施行日期', regionCode: '发布区划', items: '检查条目',
};
