/**
 * 卫生监督意见书 (supervision opinion), 《卫生行政执法文书规范》: the problems found, the legal basis and what
 * the party must correct by when (责令改正 with a deadline, which schedules the 复查).
 */
import { z } from 'zod';
import { dateString, optionalText, text } from '../../fields';
import { cnDate, numbered, type TypeMapping } from '../mapping';
import { PARTY_FIELDS, partySchema, partyView } from './party';

export const supervisionOpinionSchema = z.object({
  party: partySchema,
  problems: z.array(text('发现的问题', 1, 2000)).min(1, '请填写发现的问题').max(300),
  basis: optionalText('法律依据', 1000),
  requirements: z.array(text('整改要求', 1, 2000)).min(1, '请填写整改要求').max(300),
  deadline: dateString('整改期限').optional().nullable(),
  remarks: optionalText('其他意见', 2000),
});

export type SupervisionOpinionData = z.infer<typeof supervisionOpinionSchema>;

export const supervisionOpinion: TypeMapping<SupervisionOpinionData> = {
  schema: supervisionOpinionSchema as unknown as z.ZodType<SupervisionOpinionData>,
  partyName: (d) => d.party.name,
  view: (d) => ({
    ...partyView(d.party),
    problems: numbered(d.problems),
    basis: d.basis ?? '',
    hasBasis: Boolean(d.basis),
    requirements: numbered(d.requirements),
    deadline: d.deadline ? cnDate(d.deadline) : '',
    hasDeadline: Boolean(d.deadline),
    remarks: d.remarks ?? '',
  }),
  fields: [
    ...PARTY_FIELDS,
    { tag: 'problems', label: '发现的问题（循环 {#problems}{no}. {text}{/problems}）' },
    { tag: 'basis', label: '法律依据（条件段落 {#hasBasis}…{/hasBasis}）' },
    { tag: 'requirements', label: '整改要求（循环 {#requirements}{no}. {text}{/requirements}）' },
    { tag: 'deadline', label: '整改期限（条件段落 {#hasDeadline}…{/hasDeadline}）' },
    { tag: 'remarks', label: '其他意见' },
  ],
  sample: {
    party: { name: '澄江市临湖区春晖中医诊所', address: '澄江市临湖区白荡街道文昌路88号', creditCode: '92320200MA1X2Y3Z4A', legalRep: '周明远', phone: '0510-85551234' },
    problems: [
      '使用未取得医师资格的人员从事医师工作。',
      '医疗废物暂存处未设置警示标识，损伤性废物未放入利器盒。',
    ],
    basis: '《医疗机构管理条例》第二十七条、《医疗废物管理条例》第十六条、第十七条',
    requirements: [
      '立即停止使用非卫生技术人员从事医疗卫生技术工作。',
      '按规定设置医疗废物暂存处警示标识，损伤性废物放入利器盒。',
    ],
    deadline: '2026-05-26',
    remarks: '整改完成后请将整改情况书面报告我所，我所将进行复查。',
  },
};
