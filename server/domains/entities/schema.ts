import { z } from 'zod';
import { dateString, optionalDate, optionalText, phone, regionCode, text } from '../../platform/fields';
import { CATEGORY_CODES, LICENCE_KINDS, OPERATING_STATUSES } from './categories';
import { checkCreditCode } from './credit-code';

export const LicenceInput = z.object({
  kind: z.enum(Object.keys(LICENCE_KINDS) as [keyof typeof LICENCE_KINDS], { error: '许可证类型无效' }),
  number: text('许可证号', 4, 40),
  scope: z.array(z.string().trim().min(1).max(40)).max(60).default([]),
  issuedAt: optionalDate('发证日期'),
  validUntil: dateString('有效期至'),
  nextCheckAt: optionalDate('下次校验日期'),
}).superRefine((l, ctx) => {
  if (l.kind === 'medical' && l.number.length !== 22) {
    ctx.addIssue({ code: 'custom', path: ['number'], message: `医疗机构执业许可证登记号应为 22 位，实际 ${l.number.length} 位` });
  }
  if (l.issuedAt && l.validUntil < l.issuedAt) {
    ctx.addIssue({ code: 'custom', path: ['validUntil'], message: '有效期至不能早于发证日期' });
  }
});
export type LicenceInput = z.infer<typeof LicenceInput>;

export const EntityInput = z.object({
  creditCode: z.string({ error: '请填写统一社会信用代码' }).trim().toUpperCase().superRefine((v, ctx) => {
    const problem = checkCreditCode(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `统一社会信用代码${problem.message}` });
  }),
  name: text('单位名称', 2, 200),
  address: text('地址', 4, 300),
  regionCode: regionCode(),
  gridCode: z.string().trim().optional().nullable().transform((v) => (v ? v : null)),
  lng: z.coerce.number().min(73, '经度应在 73～136 之间').max(136, '经度应在 73～136 之间').optional().nullable(),
  lat: z.coerce.number().min(3, '纬度应在 3～54 之间').max(54, '纬度应在 3～54 之间').optional().nullable(),
  legalRep: optionalText('法定代表人', 64),
  contactPhone: phone(),
  categories: z.array(z.enum(CATEGORY_CODES, { error: '专业类别无效' }), { error: '请选择专业类别' }).min(1, '请至少选择一个专业类别').max(10),
  licences: z.array(LicenceInput).max(20).default([]),
  beds: z.coerce.number().int('床位数应为整数').min(0, '床位数不能为负').max(20000).optional().nullable(),
  operatingStatus: z.enum(Object.keys(OPERATING_STATUSES) as [keyof typeof OPERATING_STATUSES], { error: '经营状态无效' }).default('operating'),
});
export type EntityInput = z.infer<typeof EntityInput>;

export const entityLabels: Record<string, string> = {
  creditCode: '统一社会信用代码', name: '单位名称', address: '地址', regionCode: '所属区划', gridCode: '所属网格', lng: '经度', lat: '纬度',
  legalRep: '法定代表人', contactPhone: '联系电话', categories: '专业类别', licences: '许可证', beds: '床位数', operatingStatus: '经营状态',
  riskGrade: '风险等级', creditClass: '信用等级',
};

/** 校验 period of a 医疗机构执业许可证: every 3 years for ≥100 beds, otherwise yearly (医疗机构管理条例实施细则 Art. 35). */
export const licenceCheckYears = (beds: number | null | undefined) => ((beds ?? 0) >= 100 ? 3 : 1);
