import { z } from 'zod';
import { dateString, isRealDate, optionalText, REGION_CODE_RE, text } from '../../platform/fields';
import { CATEGORY_CODES } from '../entities/categories';
import { PLAN_LEVELS } from '../matters/schema';

export const PLAN_STATUS = {
  draft: '草稿',
  published: '已发布',
  drawn: '已抽取',
  in_progress: '实施中',
  completed: '已完成',
} as const;
export type PlanStatus = keyof typeof PLAN_STATUS;

export const TASK_STATUS = {
  pending: '待检查',
  in_progress: '检查中',
  done: '已完成',
  unable: '无法检查',
  unstaffed: '待派员',
} as const;
export type TaskStatus = keyof typeof TASK_STATUS;

/** Outcome of a completed inspection (无法检查 is a status of its own, with a reason). */
export const TASK_RESULTS = { qualified: '合格', rectify: '责令整改', case: '移交立案' } as const;
export type TaskResult = keyof typeof TASK_RESULTS;

export const UNABLE_REASONS = { not_found: '查无此户', closed: '已关闭', moved: '已迁出', other: '其他原因' } as const;
export const FOLLOW_UP_RESULTS = { rectified: '整改合格', case: '整改不到位，移交立案', closed: '案件已办结' } as const;

/** The protocol level codes (lib/draw) for the Chinese plan levels of the 一单. */
export const LEVEL_CODES = { 国家: 'national', 省: 'province', 市: 'city', 区县: 'district' } as const;

const regionCodeField = z.string().trim().regex(REGION_CODE_RE, '行政区划代码应为 6、9 或 12 位数字');

export const StratumInput = z.object({
  key: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, '层级编码应为 1–32 位字母、数字、“-”或“_”'),
  name: text('层级名称', 1, 50),
  categories: z.array(z.enum(CATEGORY_CODES, { error: '专业类别无效' })).max(30).default([]),
  regionCodes: z.array(regionCodeField).max(100).default([]),
  mode: z.enum(['count', 'ratio'], { error: '抽取方式应为“按数量”或“按比例”' }),
  count: z.coerce.number().int('抽取数量应为整数').min(0, '抽取数量不能为负').max(1_000_000, '抽取数量过大').default(0),
  /** Ratio in basis points (1/10000): 500 = 5 %. */
  ratioBp: z.coerce.number().int('抽取比例应为整数（万分之一）').min(0, '抽取比例不能为负').max(10_000, '抽取比例不能超过 100%').default(0),
}).refine((s) => (s.mode === 'count' ? s.count > 0 : s.ratioBp > 0), { message: '请填写大于 0 的抽取数量或比例', path: ['count'] });
export type StratumInput = z.infer<typeof StratumInput>;

export const RulesInput = z.object({
  inspectorsPerTarget: z.coerce.number().int().min(2, '每个检查对象至少派 2 名执法人员（行政处罚法第四十二条）').max(5, '每个检查对象最多派 5 名执法人员').default(2),
  /** Max share of an agency's targets one inspector may get, basis points. */
  maxShareBp: z.coerce.number().int().min(1, '工作量上限应大于 0').max(10_000, '工作量上限不能超过 100%').default(3000),
  avoidSameTown: z.boolean().default(true),
  avoidLastPair: z.boolean().default(true),
});
export type RulesInput = z.infer<typeof RulesInput>;

export const ExclusionsInput = z.object({
  /** Entities already drawn in another plan of the same year for one of the same matters. */
  excludeInspectedInPeriod: z.boolean().default(true),
  /** Entities inspected within this many days before publication are not candidates (0 = off). */
  minIntervalDays: z.coerce.number().int().min(0, '最短间隔不能为负').max(3650, '最短间隔不能超过 3650 天').default(0),
});
export type ExclusionsInput = z.infer<typeof ExclusionsInput>;

const nonNegInt = z.coerce.number().int('权重应为整数').min(0, '权重不能为负').max(10_000, '权重过大');
export const WeightsInput = z.object({
  base: z.coerce.number().int('权重应为整数').min(1, '基础权重至少为 1').max(10_000),
  riskGrade: z.record(z.string().max(8), nonNegInt),
  creditClass: z.record(z.string().max(8), nonNegInt),
  keyList: nonNegInt,
  complaintEach: nonNegInt,
  complaintMax: nonNegInt,
});
export type WeightsInput = z.infer<typeof WeightsInput>;

export const PlanInput = z.object({
  name: text('计划名称', 4, 200),
  level: z.enum(PLAN_LEVELS, { error: '计划层级应为：国家、省、市、区县' }),
  year: z.coerce.number().int().min(2000, '年度无效').max(2100, '年度无效'),
  agencyId: z.uuid('请选择组织实施机构'),
  matterIds: z.array(z.uuid('抽查事项无效')).min(1, '请至少选择一项抽查事项').max(100),
  categories: z.array(z.enum(CATEGORY_CODES, { error: '专业类别无效' })).min(1, '请至少选择一个检查对象类别').max(30),
  targetRegions: z.array(regionCodeField).max(200).default([]),
  carrierAgencyIds: z.array(z.uuid('承办机构无效')).max(50).default([]),
  windowStart: dateString('实施开始日期'),
  windowEnd: dateString('实施结束日期'),
  strata: z.array(StratumInput).min(1, '请至少设置一个抽取层级').max(50, '抽取层级最多 50 个')
    .refine((a) => new Set(a.map((s) => s.key)).size === a.length, '层级编码不能重复'),
  rules: RulesInput.default(RulesInput.parse({})),
  exclusions: ExclusionsInput.default(ExclusionsInput.parse({})),
  weights: WeightsInput.optional(),
  description: optionalText('计划说明', 2000),
}).refine((p) => !isRealDate(p.windowStart) || !isRealDate(p.windowEnd) || p.windowStart <= p.windowEnd, {
  message: '实施结束日期不能早于开始日期', path: ['windowEnd'],
});
export type PlanInput = z.infer<typeof PlanInput>;

export const planLabels: Record<string, string> = {
  name: '计划名称', level: '计划层级', year: '年度', agencyId: '组织实施机构', matterIds: '抽查事项', categories: '检查对象类别',
  targetRegions: '抽查区域', carrierAgencyIds: '承办机构', windowStart: '实施开始日期', windowEnd: '实施结束日期',
  strata: '抽取层级', rules: '派员规则', exclusions: '排除规则', weights: '抽取权重', description: '计划说明',
  inspectorsPerTarget: '每户执法人员数', maxShareBp: '工作量上限', minIntervalDays: '最短检查间隔（天）', publicValue: '公开随机值',
  ratioBp: '抽取比例', count: '抽取数量', key: '层级编码',
};

export const DrawInput = z.object({
  publicValue: z.string({ error: '请填写公开随机值' }).trim().min(4, '公开随机值至少 4 个字符，请填写抽取当日的公开开奖号码等').max(200, '公开随机值过长'),
  version: z.coerce.number().int(),
});

export const OutcomeInput = z.object({
  result: z.enum(['qualified', 'rectify', 'case'], { error: '检查结果应为：合格、责令整改、移交立案' }),
  summary: text('检查情况', 2, 2000),
  inspectedOn: dateString('检查日期'),
  attachmentIds: z.array(z.uuid()).max(20, '附件最多 20 个').default([]),
  followUpDue: dateString('复查日期').optional(),
  version: z.coerce.number().int(),
});
export const UnableInput = z.object({
  reason: z.enum(['not_found', 'closed', 'moved', 'other'], { error: '请选择无法检查的原因' }),
  note: text('情况说明', 2, 500),
  inspectedOn: dateString('核查日期'),
  version: z.coerce.number().int(),
});
export const FollowUpInput = z.object({ followUpDue: dateString('复查日期'), version: z.coerce.number().int() });
export const CloseFollowUpInput = z.object({
  result: z.enum(['rectified', 'case', 'closed'], { error: '请选择复查/处理结果' }),
  followUpOn: dateString('完成日期'),
  note: text('情况说明', 2, 1000),
  version: z.coerce.number().int(),
});
export const AssignInput = z.object({
  inspectorIds: z.array(z.uuid()).min(2, '至少指派 2 名执法人员（行政处罚法第四十二条）').max(5),
  reason: text('指派理由', 4, 500),
  version: z.coerce.number().int(),
});
export const ConflictInput = z.object({
  inspectorId: z.uuid('请选择执法人员'),
  entityId: z.uuid('请选择检查对象'),
  reason: text('回避事由', 2, 200),
});

export const taskLabels: Record<string, string> = {
  result: '检查结果', summary: '检查情况', inspectedOn: '检查日期', attachmentIds: '附件', followUpDue: '复查日期',
  reason: '原因', note: '情况说明', followUpOn: '完成日期', inspectorIds: '执法人员', inspectorId: '执法人员', entityId: '检查对象',
};
