import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { agencies } from '../../db/schema/index';
import { requireRole } from '../../platform/access';
import { recordAudit } from '../../platform/audit';
import { registerFieldLabels } from '../../platform/errors';
import { XLSX_MIME } from '../../platform/excel';
import { STAFF_ROLES, type Role } from '../../platform/roles';
import {
  DISPOSITIONS, DisposeInput, AssignInput, ExtensionDecisionInput, ExtensionRequestInput, LEAD_SOURCES, LEAD_STATUS, LeadInput, leadLabels, LeadQuery,
  ORIGIN_REF_LABELS, TRANSFER_AUTHORITIES, VerifyInput,
} from './schema';
import {
  assignLead, decideExtension, disposeLead, leadDetail, leadFromTask, leadOfTask, leadOptions, ledgerRows, listLeads, overdueCount, registerLead,
  requestExtension, verifyLead, verifyWorkingDays,
} from './service';
import {
  DEFAULT_VERIFY_WORKING_DAYS, FILING_DECISION_WORKING_DAYS, FILING_EXTENSION_WORKING_DAYS, LEAD_APPROVERS, LEAD_REGISTRARS, LEAD_SUPERVISORS,
} from './rules';
import { ledgerWorkbook } from './excel';

registerFieldLabels(leadLabels);

const tags = ['线索台账'];
const IdParams = z.object({ id: z.string() });
/** Who may call the change routes at all; each command then checks the action (handler, supervisor, head). */
const LEAD_WORKERS: Role[] = ['head', 'chief', 'inspector'];
const TASK_WORKERS: Role[] = ['admin', 'head', 'chief', 'inspector'];
const disposition = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 线索台账: the ledger, registration, verification, extension and the four dispositions; tasks turned into leads. */
export async function leadRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { roles: STAFF_ROLES } };
  const work = { access: { roles: LEAD_WORKERS } };

  r.get('/api/leads/meta', { config: read, schema: { tags, summary: '线索台账代码表与期限口径' } }, async () => ({
    sources: LEAD_SOURCES, statuses: LEAD_STATUS, dispositions: DISPOSITIONS, transferAuthorities: TRANSFER_AUTHORITIES, originRefLabels: ORIGIN_REF_LABELS,
    roles: { register: LEAD_REGISTRARS, supervise: LEAD_SUPERVISORS, approve: LEAD_APPROVERS },
    deadlines: {
      filingDecisionWorkingDays: FILING_DECISION_WORKING_DAYS, extensionWorkingDays: FILING_EXTENSION_WORKING_DAYS,
      verifyWorkingDays: await verifyWorkingDays(app.db), verifyWorkingDaysDefault: DEFAULT_VERIFY_WORKING_DAYS,
      basis: '《卫生健康行政处罚程序规定》第三十二条：线索核查后 7 日内作出是否立案的决定，经机构负责人批准可延长 7 日；'
        + '《行政处罚法》第八十五条：“七日”指工作日，不含法定节假日。核查期限为本机构内部时限。',
    },
  }));

  r.get('/api/leads', { config: read, schema: { tags, summary: '线索台账（筛选：来源、状态、处置方式、超期、承办人、收到日期）', querystring: LeadQuery } },
    async (req) => listLeads(app.db, requireRole(req.actor, STAFF_ROLES), req.query));

  r.get('/api/leads/overdue-count', { config: read, schema: { tags, summary: '超期线索数（首页提醒）' } }, async (req) =>
    overdueCount(app.db, requireRole(req.actor, STAFF_ROLES)));

  r.get('/api/leads/options', {
    config: read, schema: { tags, summary: '可登记的承办机构、承办人和批准人（负责人）', querystring: z.object({ agencyId: z.uuid().optional() }) },
  }, async (req) => leadOptions(app.db, requireRole(req.actor, STAFF_ROLES), req.query.agencyId));

  r.get('/api/leads/export.xlsx', { config: read, schema: { tags, summary: '导出线索台账（.xlsx）', querystring: LeadQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const actor = requireRole(req.actor, STAFF_ROLES);
    const { rows, clock } = await ledgerRows(app.db, actor, req.query);
    const [agency] = actor.agencyId ? await app.db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, actor.agencyId)) : [];
    const buffer = await ledgerWorkbook(rows, {
      title: `${agency?.name ?? ''}线索台账`,
      exportedBy: actor.displayName,
      exportedAt: new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short', hour12: false }).format(new Date()),
      filters: describeFilters(req.query),
    });
    await recordAudit(app.db, actor, { action: 'export', resource: 'leads', resourceId: 'ledger', regionCode: actor.regionCode, after: { filters: req.query, rows: rows.length } });
    reply.header('content-type', XLSX_MIME).header('content-disposition', disposition(`线索台账_${clock.today}.xlsx`));
    return buffer;
  });

  r.post('/api/leads', { config: { access: { roles: LEAD_REGISTRARS } }, schema: { tags, summary: '登记线索', body: LeadInput } }, async (req, reply) =>
    reply.status(201).send(await registerLead(app.db, requireRole(req.actor, LEAD_REGISTRARS), req.body)));

  r.get('/api/leads/:id', { config: read, schema: { tags, summary: '线索详情（含办理经过）', params: IdParams } }, async (req) =>
    leadDetail(app.db, requireRole(req.actor, STAFF_ROLES), req.params.id));

  r.post('/api/leads/:id/assign', { config: { access: { roles: LEAD_SUPERVISORS } }, schema: { tags, summary: '指定承办人', params: IdParams, body: AssignInput } }, async (req) =>
    assignLead(app.db, requireRole(req.actor, LEAD_SUPERVISORS), req.params.id, req.body));

  r.post('/api/leads/:id/verify', { config: work, schema: { tags, summary: '登记核查情况（立案决定期限开始计算）', params: IdParams, body: VerifyInput } }, async (req) =>
    verifyLead(app.db, requireRole(req.actor, LEAD_WORKERS), req.params.id, req.body));

  r.post('/api/leads/:id/extension', { config: work, schema: { tags, summary: '申请延长立案决定期限', params: IdParams, body: ExtensionRequestInput } }, async (req) =>
    requestExtension(app.db, requireRole(req.actor, LEAD_WORKERS), req.params.id, req.body));

  r.post('/api/leads/:id/extension/decision', {
    config: { access: { roles: LEAD_APPROVERS } }, schema: { tags, summary: '负责人审批延期申请', params: IdParams, body: ExtensionDecisionInput },
  }, async (req) => decideExtension(app.db, requireRole(req.actor, LEAD_APPROVERS), req.params.id, req.body));

  r.post('/api/leads/:id/dispose', {
    config: { access: { roles: LEAD_SUPERVISORS } }, schema: { tags, summary: '处置线索：立案、不予立案、移送、并案', params: IdParams, body: DisposeInput },
  }, async (req) => disposeLead(app.db, requireRole(req.actor, LEAD_SUPERVISORS), req.params.id, req.body));

  // ---- inspections → leads ----
  r.get('/api/tasks/:id/lead', { config: read, schema: { tags, summary: '检查任务转成的线索', params: IdParams } }, async (req) =>
    ({ lead: await leadOfTask(app.db, requireRole(req.actor, STAFF_ROLES), req.params.id) }));

  r.post('/api/tasks/:id/lead', {
    config: { access: { roles: TASK_WORKERS } },
    schema: { tags, summary: '将检查任务的发现转为线索（来源：检查发现）', params: IdParams, body: z.object({ facts: z.string().trim().max(4000, '线索内容不能超过 4000 个字').optional().nullable() }) },
  }, async (req, reply) => reply.status(201).send(await leadFromTask(app.db, requireRole(req.actor, TASK_WORKERS), req.params.id, req.body)));
}

function describeFilters(q: Record<string, unknown>): string {
  const parts: string[] = [];
  if (q.q) parts.push(`关键词“${q.q}”`);
  if (q.source) parts.push(`来源：${LEAD_SOURCES[q.source as keyof typeof LEAD_SOURCES]}`);
  if (q.status) parts.push(`状态：${q.status === 'open' ? '未处置' : LEAD_STATUS[q.status as keyof typeof LEAD_STATUS]}`);
  if (q.disposition) parts.push(`处置：${DISPOSITIONS[q.disposition as keyof typeof DISPOSITIONS]}`);
  if (q.overdue === 'true') parts.push('仅超期');
  if (q.mine === 'true') parts.push('我承办的');
  if (q.handlerId) parts.push('指定承办人');
  if (q.from || q.to) parts.push(`收到日期 ${q.from ?? '…'} 至 ${q.to ?? '…'}`);
  return parts.length ? parts.join('；') : '全部';
}
