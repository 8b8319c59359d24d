/**
 * 投诉举报: code tables and zod inputs. Pure (no server imports) so the web app can share labels.
 */
import { z } from 'zod';
import { isRealDate } from '../../platform/fields';

/** Where a complaint came in. */
export const CHANNELS = {
  public_web: '网上投诉（门户）',
  open311: '平台接入（Open311）',
  hotline_12320: '12320热线',
  phone: '电话',
  letter: '信件',
  visit: '来访',
  wechat: '微信',
  superior: '上级转办',
  department: '部门移送',
} as const;
export type Channel = keyof typeof CHANNELS;
export const CHANNEL_CODES = Object.keys(CHANNELS) as [Channel, ...Channel[]];
/** Channels that staff record in the operator form (the others arrive through the public form or Open311). */
export const STAFF_CHANNELS = ['hotline_12320', 'phone', 'letter', 'visit', 'wechat', 'superior', 'department'] as const satisfies readonly Channel[];

/** Complaint categories (投诉类别). */
export const COMPLAINT_CATEGORIES = {
  illegal_practice: '非法行医',
  medical_beauty: '医疗美容',
  medical_service: '医疗服务（医疗机构执业）',
  public_place: '公共场所卫生',
  drinking_water: '生活饮用水',
  school: '学校卫生',
  occupational: '职业卫生',
  radiation: '放射卫生',
  infectious: '传染病防治',
  disinfection: '消毒产品',
  other: '其他',
} as const;
export type ComplaintCategory = keyof typeof COMPLAINT_CATEGORIES;
export const CATEGORY_CODES = Object.keys(COMPLAINT_CATEGORIES) as [ComplaintCategory, ...ComplaintCategory[]];

export const COMPLAINT_STATUS = {
  registered: '待受理',
  accepted: '已受理',
  rejected: '不予受理',
  assigned: '已分派',
  verifying: '核查中',
  handled: '已处理',
  replied: '已答复',
  closed: '已办结',
  merged: '已并案',
} as const;
export type ComplaintStatus = keyof typeof COMPLAINT_STATUS;
export const STATUS_CODES = Object.keys(COMPLAINT_STATUS) as [ComplaintStatus, ...ComplaintStatus[]];
/** Statuses in which someone still has to act (回访 of a closed complaint is tracked by nextDue). */
export const OPEN_STATUSES: ComplaintStatus[] = ['registered', 'accepted', 'assigned', 'verifying', 'handled', 'replied'];

/** 处理结果. */
export const OUTCOMES = {
  no_violation: '未发现违法行为',
  rectification: '责令整改',
  lead: '转为案源线索',
} as const;
export type Outcome = keyof typeof OUTCOMES;

/** 回访满意度. */
export const SATISFACTION = { 3: '满意', 2: '基本满意', 1: '不满意' } as const;

export const SLA_STEPS = {
  accept: '受理并分派',
  conclude: '办结',
  extend: '延期上限',
  callback: '回访',
} as const;
export type SlaStep = keyof typeof SLA_STEPS;
export const SLA_UNITS = { working: '工作日', natural: '自然日' } as const;

export const complaintLabels: Record<string, string> = {
  category: '投诉类别', content: '投诉内容', address: '发生地点', unitName: '被投诉单位', entityId: '被投诉单位',
  regionCode: '所在区域', occurredOn: '发生时间', anonymous: '匿名', name: '投诉人姓名', phone: '联系电话',
  submissionKey: '提交标识', channel: '来源渠道', externalRef: '来源编号', receivedOn: '收到日期', lng: '经度', lat: '纬度',
  reason: '原因', assigneeIds: '承办人', section: '承办科室', findings: '核查情况', outcome: '处理结果', replyText: '答复内容',
  satisfaction: '满意度', note: '说明', toAgencyId: '转办机构', masterId: '主投诉', extendDays: '延长天数', purpose: '查看事由',
  days: '时限', unit: '计算方式', step: '环节', contactAddress: '联系地址',
};

const optText = (label: string, max: number) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字`).optional().nullable().transform((v) => (v ? v : null));
const reqText = (label: string, min: number, max: number) =>
  z.string({ error: `请填写${label}` }).trim().min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`).max(max, `${label}不能超过 ${max} 个字`);
const PHONE_RE = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;
const optDate = (label: string) => z.string().trim().optional().nullable().transform((v) => (v ? v : null))
  .refine((v) => v === null || isRealDate(v), `${label}应为有效日期（格式 YYYY-MM-DD）`);

/**
 * The intake common to every channel. Either `anonymous: true`, or a name and a phone.
 * `entityId` (from the register search) or `unitName` (free text) names the unit complained about.
 */
export const IntakeBase = z.object({
  category: z.enum(CATEGORY_CODES, { error: '请选择投诉类别' }),
  content: reqText('投诉内容', 5, 2000),
  address: reqText('发生地点', 2, 300),
  unitName: optText('被投诉单位', 200),
  entityId: z.uuid('被投诉单位无效').optional().nullable().transform((v) => v ?? null),
  /** District or town of the place (GB/T 2260), when no registered unit is named. */
  regionCode: z.string().trim().regex(/^\d{6}(\d{3}){0,2}$/, '所在区域代码应为 6、9 或 12 位数字').optional().nullable().transform((v) => v ?? null),
  lng: z.coerce.number().min(-180, '经度无效').max(180, '经度无效').optional().nullable().transform((v) => v ?? null),
  lat: z.coerce.number().min(-90, '纬度无效').max(90, '纬度无效').optional().nullable().transform((v) => v ?? null),
  occurredOn: optDate('发生时间'),
  anonymous: z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).optional().transform((v) => v === true || v === 'true' || v === '1'),
  name: optText('投诉人姓名', 32),
  phone: z.string().trim().optional().nullable().transform((v) => (v ? v.replace(/\s/g, '') : null))
    .refine((v) => v === null || PHONE_RE.test(v), '联系电话格式不正确（手机 11 位或 区号-号码）'),
  submissionKey: z.string().trim().regex(/^[A-Za-z0-9_.:-]{8,64}$/, '提交标识应为 8–64 位字母、数字或 _ . : -').optional().nullable().transform((v) => v ?? null),
});

const identityRule = (v: { anonymous: boolean; name: string | null; phone: string | null }, ctx: z.RefinementCtx) => {
  if (v.anonymous) return;
  if (!v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: '请填写投诉人姓名，或选择匿名投诉' });
  if (!v.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: '请填写联系电话，或选择匿名投诉' });
};

export const PublicComplaintInput = IntakeBase.superRefine(identityRule);
export type PublicComplaintInput = z.infer<typeof PublicComplaintInput>;

/** The operator's fast form: the channel and its reference, and optionally when it was received (letters). */
export const StaffComplaintInput = IntakeBase.extend({
  channel: z.enum(STAFF_CHANNELS, { error: '请选择来源渠道' }),
  externalRef: optText('来源编号', 64),
  receivedOn: optDate('收到日期'),
  contactAddress: optText('联系地址', 300),
  /** The agency that handles it; defaults to the agency of the place (or the operator's own). */
  agencyId: z.uuid('承办机构无效').optional().nullable().transform((v) => v ?? null),
}).superRefine(identityRule);
export type StaffComplaintInput = z.infer<typeof StaffComplaintInput>;

const version = z.coerce.number({ error: '缺少版本号' }).int();
export const VersionInput = z.object({ version });
export const RejectInput = z.object({ version, reason: reqText('不予受理理由', 4, 500) });
export const AssignInput = z.object({
  version,
  section: optText('承办科室', 64),
  assigneeIds: z.array(z.uuid('承办人无效')).min(1, '请至少选择 1 名承办人').max(5, '承办人不超过 5 名'),
  note: optText('说明', 500),
});
export const TransferInput = z.object({ version, toAgencyId: z.uuid('请选择转办机构'), reason: reqText('转办理由', 4, 500) });
export const VerifyInput = z.object({ version, findings: reqText('核查情况', 4, 4000), attachmentIds: z.array(z.uuid()).max(20).default([]) });
export const HandleInput = z.object({
  version, outcome: z.enum(['no_violation', 'rectification', 'lead'], { error: '请选择处理结果' }), note: optText('处理说明', 2000),
});
export const ReplyInput = z.object({ version, replyText: reqText('答复内容', 10, 4000) });
export const CallbackInput = z.object({
  version,
  satisfaction: z.union([z.literal(1), z.literal(2), z.literal(3), z.null()]).optional().transform((v) => v ?? null),
  note: optText('回访情况', 1000),
});
export const ExtendInput = z.object({ version, days: z.coerce.number().int('延长天数应为整数').min(1, '延长天数至少 1 天'), reason: reqText('延期理由', 4, 500) });
export const MergeInput = z.object({ version, masterId: z.uuid('请选择主投诉'), note: optText('说明', 500) });
export const RevealInput = z.object({ purpose: reqText('查看事由', 2, 64) });

export const SlaRowInput = z.object({
  channel: z.union([z.literal('*'), z.enum(CHANNEL_CODES)], { error: '来源渠道无效' }),
  category: z.union([z.literal('*'), z.enum(CATEGORY_CODES)], { error: '投诉类别无效' }),
  step: z.enum(Object.keys(SLA_STEPS) as [SlaStep, ...SlaStep[]], { error: '环节无效' }),
  days: z.coerce.number().int('时限应为整数').min(1, '时限至少 1 天').max(365, '时限不超过 365 天'),
  unit: z.enum(['working', 'natural'], { error: '计算方式应为工作日或自然日' }),
  basis: optText('依据', 500),
});
export type SlaRowInput = z.infer<typeof SlaRowInput>;
export const SlaInput = z.object({ rows: z.array(SlaRowInput).min(1).max(500) });
