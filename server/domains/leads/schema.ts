/**
 * Codes, labels and zod inputs of the lead ledger (线索台账, GUIDE §2.4). Pure: the web app imports this
 * file for identical validation and labels.
 */
import { z } from 'zod';
import { dateString, optionalText, text } from '../../platform/fields';

/** Where a lead came from (GUIDE §2.4; 卫生行政执法文书规范 案件受理记录: 检查发现、群众检举或者控告、上级交办、下级报请、有关部门移送). */
export const LEAD_SOURCES = {
  complaint: '群众检举控告',
  inspection: '检查发现',
  superior: '上级交办',
  subordinate: '下级报请',
  department: '有关部门移送',
  media: '媒体曝光',
  monitoring: '监测预警',
  self_report: '自查报告',
} as const;
export type LeadSource = keyof typeof LEAD_SOURCES;
export const LEAD_SOURCE_CODES = Object.keys(LEAD_SOURCES) as [LeadSource, ...LeadSource[]];

/** 已登记 → 核查中 → 已核查（待作出立案决定） → 已处置. */
export const LEAD_STATUS = {
  registered: '已登记',
  verifying: '核查中',
  verified: '已核查待决定',
  disposed: '已处置',
} as const;
export type LeadStatus = keyof typeof LEAD_STATUS;

/** How a lead ends (件件有着落). */
export const DISPOSITIONS = {
  file: '立案',
  no_file: '不予立案',
  transfer: '移送',
  merge: '并案',
} as const;
export type Disposition = keyof typeof DISPOSITIONS;
export const DISPOSITION_CODES = Object.keys(DISPOSITIONS) as [Disposition, ...Disposition[]];

/** Authorities a lead is commonly transferred to (free text is accepted too). */
export const TRANSFER_AUTHORITIES = [
  '公安机关', '人民检察院', '市场监督管理部门', '医疗保障部门', '药品监督管理部门', '生态环境部门', '教育行政部门',
  '住房城乡建设部门', '其他卫生健康行政机关', '纪检监察机关',
] as const;

/** Names of the origin of a lead from each source, for forms and the ledger. */
export const ORIGIN_REF_LABELS: Record<LeadSource, string> = {
  complaint: '投诉举报查询码',
  inspection: '检查任务',
  superior: '交办文号',
  subordinate: '报请文号',
  department: '移送函文号',
  media: '媒体及报道',
  monitoring: '监测预警编号',
  self_report: '自查报告编号',
};

export const leadLabels: Record<string, string> = {
  source: '线索来源', originRef: '来源编号', originType: '来源类型', originId: '来源记录', entityId: '当事人（名录库）', unitName: '当事人',
  facts: '线索内容', category: '专业类别', receivedOn: '收到日期', agencyId: '承办机构', regionCode: '所属区划', handlerIds: '承办人',
  verification: '核查情况', verifiedOn: '核查完成日期', extensionReason: '延期理由', disposition: '处置方式', dispositionOn: '处置日期',
  dispositionReason: '理由', approverId: '批准人（负责人）', transferTo: '移送机关', transferDocNo: '移送文书文号', mergedInto: '并入线索',
  note: '说明', version: '版本',
};

const handlerIds = z.array(z.uuid({ error: '承办人无效' })).max(10, '承办人最多 10 名').default([]);

/** 登记线索. The region follows the unit (if any) or the agency. */
export const LeadInput = z.object({
  source: z.enum(LEAD_SOURCE_CODES, { error: '请选择线索来源' }),
  originRef: optionalText('来源编号', 200),
  entityId: z.uuid({ error: '当事人无效' }).optional().nullable().transform((v) => v ?? null),
  unitName: text('当事人', 2, 200),
  facts: text('线索内容', 5, 4000),
  category: optionalText('专业类别', 24),
  receivedOn: dateString('收到日期'),
  agencyId: z.uuid({ error: '请选择承办机构' }),
  handlerIds,
});
export type LeadInput = z.infer<typeof LeadInput>;

export const Versioned = z.object({ version: z.coerce.number({ error: '缺少版本号' }).int() });

export const AssignInput = Versioned.extend({ handlerIds: z.array(z.uuid({ error: '承办人无效' })).min(1, '请至少指定 1 名承办人').max(10, '承办人最多 10 名') });
export const VerifyInput = Versioned.extend({ verification: text('核查情况', 5, 4000), verifiedOn: dateString('核查完成日期') });
export const ExtensionRequestInput = Versioned.extend({ reason: text('延期理由', 5, 500) });
export const ExtensionDecisionInput = Versioned.extend({ approve: z.boolean({ error: '请选择是否批准' }), note: optionalText('说明', 500) });

/** One input for the four dispositions; `dispositionProblems` (rules.ts) checks the fields each one needs. */
export const DisposeInput = Versioned.extend({
  disposition: z.enum(DISPOSITION_CODES, { error: '请选择处置方式' }),
  dispositionOn: dateString('处置日期'),
  dispositionReason: optionalText('理由', 2000),
  approverId: z.uuid({ error: '批准人无效' }).optional().nullable().transform((v) => v ?? null),
  transferTo: optionalText('移送机关', 100),
  transferDocNo: optionalText('移送文书文号', 100),
  mergedInto: z.uuid({ error: '并入线索无效' }).optional().nullable().transform((v) => v ?? null),
});
export type DisposeInput = z.infer<typeof DisposeInput>;

/** Filters of the ledger (list and export). */
export const LeadQuery = z.object({
  q: z.string().trim().max(100).optional(),
  source: z.enum(LEAD_SOURCE_CODES).optional(),
  status: z.enum(['registered', 'verifying', 'verified', 'disposed', 'open']).optional(),
  disposition: z.enum(DISPOSITION_CODES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  handlerId: z.uuid().optional(),
  mine: z.enum(['true', 'false']).optional(),
  from: z.string().trim().optional(),
  to: z.string().trim().optional(),
  agencyId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type LeadQuery = z.infer<typeof LeadQuery>;
