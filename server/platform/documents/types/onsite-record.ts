/**
 * 现场笔录 (on-site record), 《卫生行政执法文书规范》: who inspected where and when, with which credentials
 * (行政处罚法 Art. 42: at least two officers, credentials shown), the question on 回避 (Art. 43), what was
 * found, and the party's signature on every page — or, when the party refuses, the refusal noted and two
 * officers' signatures (卫生健康行政处罚程序规定 Art. 26–27).
 */
import { z } from 'zod';
import { optionalText, text } from '../../fields';
import { cnTimeSpan, numbered, type TypeMapping } from '../mapping';
import { inspectorSchema, PARTY_FIELDS, partySchema, partyView } from './party';

const instant = (label: string) =>
  z.string({ error: `请填写${label}` }).refine((s) => !Number.isNaN(Date.parse(s)) && /T\d{2}:\d{2}/.test(s), `${label}应为日期时间（ISO 8601）`);

export const onsiteRecordSchema = z.object({
  party: partySchema,
  place: text('检查地点', 1, 300),
  startedAt: instant('检查开始时间'),
  endedAt: instant('检查结束时间'),
  inspectors: z.array(inspectorSchema).min(2, '现场检查的执法人员不得少于两人（《行政处罚法》第四十二条）').max(10),
  recorder: text('记录人', 1, 64),
  present: z.object({ name: text('在场人姓名', 1, 64), position: optionalText('在场人职务', 64) }).optional().nullable(),
  avoidance: text('回避申请情况', 1, 200).default('不申请回避'),
  findings: z.array(text('现场检查情况', 1, 4000)).min(1, '请填写现场检查情况').max(500),
  partyOpinion: optionalText('被检查人意见', 500),
}).refine((d) => Date.parse(d.endedAt) >= Date.parse(d.startedAt), { path: ['endedAt'], message: '检查结束时间不能早于开始时间' });

export type OnsiteRecordData = z.infer<typeof onsiteRecordSchema>;

export const onsiteRecord: TypeMapping<OnsiteRecordData> = {
  schema: onsiteRecordSchema as unknown as z.ZodType<OnsiteRecordData>,
  partyName: (d) => d.party.name,
  view: (d) => ({
    ...partyView(d.party),
    place: d.place,
    timeSpan: cnTimeSpan(d.startedAt, d.endedAt),
    inspectors: d.inspectors.map((i) => ({ name: i.name, credentialNo: i.credentialNo })),
    inspectorsLine: d.inspectors.map((i) => `${i.name}（执法证号：${i.credentialNo}）`).join('、'),
    recorder: d.recorder,
    presentLine: d.present ? `${d.present.name}${d.present.position ? `（${d.present.position}）` : ''}` : '',
    avoidance: d.avoidance,
    findings: numbered(d.findings),
    partyOpinion: d.partyOpinion ?? '以上笔录经我核对，与事实相符。',
  }),
  fields: [
    ...PARTY_FIELDS,
    { tag: 'place', label: '检查地点' },
    { tag: 'timeSpan', label: '检查时间（2026年5月12日9时30分至11时05分）' },
    { tag: 'inspectorsLine', label: '执法人员及执法证号' },
    { tag: 'inspectors', label: '执法人员（循环 {#inspectors}{name}{credentialNo}{/inspectors}）' },
    { tag: 'recorder', label: '记录人' },
    { tag: 'presentLine', label: '在场人及职务' },
    { tag: 'avoidance', label: '回避申请情况' },
    { tag: 'findings', label: '现场检查情况（循环 {#findings}{no}. {text}{/findings}）' },
    { tag: 'partyOpinion', label: '被检查人意见' },
  ],
  sample: {
    party: { name: '澄江市临湖区春晖中医诊所', address: '澄江市临湖区白荡街道文昌路88号', creditCode: '92320200MA1X2Y3Z4A', legalRep: '周明远', phone: '0510-85551234' },
    place: '澄江市临湖区白荡街道文昌路88号 诊所一楼诊疗区、治疗室、医疗废物暂存处',
    startedAt: '2026-05-12T09:30:00+08:00',
    endedAt: '2026-05-12T11:05:00+08:00',
    inspectors: [{ name: '王建国', credentialNo: '32020021001' }, { name: '李晓燕', credentialNo: '32020021017' }],
    recorder: '李晓燕',
    present: { name: '周明远', position: '负责人' },
    avoidance: '不申请回避',
    findings: [
      '该诊所持有《医疗机构执业许可证》（登记号 PDY12345232020211D2112），有效期至2028年3月31日，诊疗科目为中医科。',
      '现场检查时，诊疗区有一名自称“张医生”的人员正在为患者针灸，未能出示医师资格证书和医师执业证书。',
      '医疗废物暂存处未设置警示标识，部分损伤性废物未放入利器盒。',
    ],
    partyOpinion: null,
  },
};
