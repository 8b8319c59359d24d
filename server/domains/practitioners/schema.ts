import { z } from 'zod';
import { optionalText, phone, text } from '../../platform/fields';
import { residentIdProblem } from './resident-id';

export const PRACTITIONER_CATEGORIES = ['执业医师', '执业助理医师', '注册护士', '乡村医生', '药师', '医技人员', '其他'] as const;

export const PractitionerInput = z.object({
  name: text('姓名', 2, 64),
  gender: z.enum(['男', '女'], { error: '性别应为“男”或“女”' }).optional().nullable(),
  /** A masked value (with *) means "unchanged". */
  idNumber: z.string().trim().toUpperCase().optional().nullable().transform((v) => (v ? v : null))
    .superRefine((v, ctx) => {
      if (v === null || v.includes('*')) return;
      const p = residentIdProblem(v);
      if (p) ctx.addIssue({ code: 'custom', message: `身份证号${p}` });
    }),
  certificateNo: z.string({ error: '请填写执业证书编码' }).trim().regex(/^[0-9A-Za-z]{15}$/, '执业证书编码应为 15 位'),
  category: z.enum(PRACTITIONER_CATEGORIES, { error: `执业类别应为：${PRACTITIONER_CATEGORIES.join('、')}` }),
  practiceScope: optionalText('执业范围', 100),
  entityCreditCode: z.string({ error: '请填写执业机构的统一社会信用代码' }).trim().toUpperCase().length(18, '执业机构统一社会信用代码应为 18 位'),
  phone: phone('联系电话'),
});
export type PractitionerInput = z.infer<typeof PractitionerInput>;

export const practitionerLabels: Record<string, string> = {
  name: '姓名', gender: '性别', idNumber: '身份证号', certificateNo: '执业证书编码', category: '执业类别', practiceScope: '执业范围',
  entityCreditCode: '执业机构', phone: '联系电话',
};
