/**
 * 投诉举报: staff routes (work list, operator form, detail, workflow actions, identity view, duplicates,
 * KPIs, SLA settings, export), plus the public intake/tracking and Open311 plugins.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { complaints, files } from '../../db/schema/index';
import { requireRole } from '../../platform/access';
import { invalid, notFound, registerFieldLabels } from '../../platform/errors';
import { todayIso } from '../../platform/dates';
import { buildExport, XLSX_MIME } from '../../platform/excel';
import { STAFF_ROLES } from '../../platform/roles';
import { complaintKpis } from './kpi';
import { open311Routes } from './open311';
import { publicComplaintRoutes } from './public';
import { COMPLAINT_ACTIONS, DUE_SOON_DAYS, KPI_DEFINITIONS } from './rules';
import {
  AssignInput, CallbackInput, CHANNELS, COMPLAINT_CATEGORIES, COMPLAINT_STATUS, complaintLabels, ExtendInput, HandleInput, MergeInput,
  OUTCOMES, RejectInput, ReplyInput, RevealInput, SATISFACTION, SLA_STEPS, SLA_UNITS, SlaInput, StaffComplaintInput, STAFF_CHANNELS,
  TransferInput, VerifyInput, VersionInput,
} from './schema';
import {
  acceptComplaint, agencyList, assignableUsers, assignComplaint, callbackComplaint, closeComplaint, COMPLAINT_APPROVERS, COMPLAINT_MANAGERS,
  COMPLAINT_REGISTRARS, COMPLAINT_WORKERS, complaintDetail, complaintSummary, duplicateCandidates, exportComplaints, extendComplaint,
  handleComplaint, listComplaints, loadComplaint, mergeComplaint, presentComplaint, registerComplaint, rejectComplaint, replyComplaint,
  revealIdentity, searchUnits, transferComplaint, verifyComplaint,
} from './service';
import { listSla, replaceSla } from './sla';

registerFieldLabels(complaintLabels);

const tags = ['投诉举报'];
const IdParams = z.object({ id: z.string() });
const ListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.string().max(200).optional(),
  channel: z.string().max(200).optional(),
  category: z.string().max(300).optional(),
  due: z.enum(['overdue', 'soon']).optional(),
  mine: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  agencyId: z.string().max(36).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
const disposition = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export async function complaintRoutes(app: FastifyInstance) {
  await app.register(publicComplaintRoutes);
  await app.register(open311Routes);

  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { roles: STAFF_ROLES } };
  const manage = { access: { roles: COMPLAINT_MANAGERS } };
  const work = { access: { roles: COMPLAINT_WORKERS } };
  const registrars = { access: { roles: COMPLAINT_REGISTRARS } };

  r.get('/api/complaints/meta', { config: read, schema: { tags, summary: '投诉举报代码表、口径说明' } }, async () => ({
    channels: CHANNELS, staffChannels: STAFF_CHANNELS, categories: COMPLAINT_CATEGORIES, status: COMPLAINT_STATUS, outcomes: OUTCOMES,
    satisfaction: SATISFACTION, actions: Object.fromEntries(Object.entries(COMPLAINT_ACTIONS).map(([k, v]) => [k, v.label])),
    slaSteps: SLA_STEPS, slaUnits: SLA_UNITS, kpiDefinitions: KPI_DEFINITIONS, dueSoonDays: DUE_SOON_DAYS,
  }));

  r.get('/api/complaints', {
    config: read,
    schema: { tags, summary: '投诉列表（办理工作台）', querystring: ListQuery.extend({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }) },
  }, async (req) => listComplaints(app.db, requireRole(req.actor, STAFF_ROLES), req.query));

  r.get('/api/complaints/summary', { config: read, schema: { tags, summary: '待办、逾期、临期件数（首页）' } }, async (req) =>
    complaintSummary(app.db, requireRole(req.actor, STAFF_ROLES)));

  r.get('/api/complaints/export.xlsx', { config: read, schema: { tags, summary: '导出投诉台账（不含投诉人身份信息）', querystring: ListQuery } }, async (req, reply) => {
    const actor = requireRole(req.actor, STAFF_ROLES);
    const buf = await buildExport('投诉台账', [
      { key: 'trackingCode', header: '查询码', width: 18 }, { key: 'receivedAt', header: '收到时间', width: 20, format: (x) => new Date(x.receivedAt as string).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) },
      { key: 'channelLabel', header: '来源渠道' }, { key: 'categoryLabel', header: '投诉类别' }, { key: 'unitName', header: '被投诉单位', width: 30 },
      { key: 'address', header: '发生地点', width: 30 }, { key: 'content', header: '投诉内容', width: 60 }, { key: 'agencyName', header: '承办机构', width: 28 },
      { key: 'assigneeNames', header: '承办人' }, { key: 'statusLabel', header: '状态' }, { key: 'nextActor', header: '下一步办理人', width: 24 },
      { key: 'nextDue', header: '办理期限' }, { key: 'outcomeLabel', header: '处理结果' }, { key: 'satisfactionLabel', header: '满意度' },
    ], exportComplaints(app.db, actor, req.query));
    reply.header('content-type', XLSX_MIME).header('content-disposition', disposition('投诉台账.xlsx'));
    return buf;
  });

  r.get('/api/complaints/stats', {
    config: read,
    schema: { tags, summary: '投诉举报统计：及时接处率、规范处置率等（按机构、渠道、类别、月份）', querystring: z.object({
      from: z.iso.date().optional(), to: z.iso.date().optional(), agencyId: z.string().max(36).optional(),
      channel: z.string().max(16).optional(), category: z.string().max(24).optional(),
    }) },
  }, async (req) => complaintKpis(app.db, requireRole(req.actor, STAFF_ROLES), req.query));

  r.get('/api/complaints/sla', { config: read, schema: { tags, summary: '办理时限规则（按渠道、类别、环节）' } }, async () => ({ rows: await listSla(app.db) }));
  r.put('/api/complaints/sla', { config: { access: { roles: ['admin'] } }, schema: { tags, summary: '修改办理时限规则（整表替换）', body: SlaInput } }, async (req) =>
    ({ rows: await replaceSla(app.db, requireRole(req.actor, ['admin']), req.body.rows) }));

  r.get('/api/complaints/units', {
    config: registrars, schema: { tags, summary: '搜索被投诉单位（全市名录库，名称或地址）', querystring: z.object({ q: z.string().trim().min(2, '请至少输入 2 个字').max(50) }) },
  }, async (req) => ({ items: await searchUnits(app.db, req.query.q) }));

  r.get('/api/complaints/agencies', { config: read, schema: { tags, summary: '可转办的监督机构' } }, async () =>
    (await agencyList(app.db)).filter((a) => a.level !== '镇街').map((a) => ({ id: a.id, name: a.name, regionCode: a.regionCode, level: a.level })));

  r.post('/api/complaints', { config: registrars, schema: { tags, summary: '登记投诉（电话、12320、信件、来访、微信、上级转办、部门移送）', body: StaffComplaintInput } }, async (req, reply) => {
    const actor = requireRole(req.actor, COMPLAINT_REGISTRARS);
    const { channel, externalRef, receivedOn, contactAddress, agencyId, ...input } = req.body;
    const now = new Date();
    if (receivedOn && receivedOn > todayIso(now)) throw invalid([{ field: 'receivedOn', label: '收到日期', message: '收到日期不能晚于今天' }]);
    const receivedAt = receivedOn && receivedOn < todayIso(now) ? new Date(`${receivedOn}T09:00:00+08:00`) : now;
    const res = await registerComplaint(app.db, { ...input, channel } as never, { channel, actor, externalRef, contactAddress, agencyId, receivedAt });
    const [row] = await app.db.select().from(complaints).where(eq(complaints.id, res.id));
    const agencies = await agencyList(app.db);
    return reply.status(res.replay ? 200 : 201).send({ ...presentComplaint(row, agencies.find((a) => a.id === row.agencyId)?.name), replay: res.replay });
  });

  r.get('/api/complaints/:id', { config: read, schema: { tags, summary: '投诉详情（投诉人信息已脱敏）', params: IdParams } }, async (req) =>
    complaintDetail(app.db, requireRole(req.actor, STAFF_ROLES), req.params.id));

  r.post('/api/complaints/:id/identity', {
    config: { access: { roles: ['admin', 'head', 'chief', 'inspector'] } },
    schema: { tags, summary: '查看投诉人身份信息（仅承办人员，留痕）', params: IdParams, body: RevealInput },
  }, async (req) => revealIdentity(app.db, requireRole(req.actor, ['admin', 'head', 'chief', 'inspector']), req.params.id, req.body.purpose));

  r.get('/api/complaints/:id/duplicates', { config: read, schema: { tags, summary: '疑似重复投诉', params: IdParams } }, async (req) =>
    ({ items: await duplicateCandidates(app.db, requireRole(req.actor, STAFF_ROLES), req.params.id) }));

  r.get('/api/complaints/:id/assignees', { config: manage, schema: { tags, summary: '可分派的承办人', params: IdParams } }, async (req) =>
    ({ items: await assignableUsers(app.db, requireRole(req.actor, COMPLAINT_MANAGERS), req.params.id) }));

  r.get('/api/complaints/:id/attachments/:fileId', {
    config: read, schema: { tags, summary: '下载照片或证据材料', params: z.object({ id: z.string(), fileId: z.uuid() }) },
  }, async (req, reply) => {
    const row = await loadComplaint(app.db, requireRole(req.actor, STAFF_ROLES), req.params.id, 'read');
    if (!(row.attachments as { id: string }[]).some((a) => a.id === req.params.fileId)) throw notFound('附件');
    const [f] = await app.db.select().from(files).where(eq(files.id, req.params.fileId));
    if (!f) throw notFound('附件');
    reply.header('content-type', f.mime).header('content-disposition', disposition(f.name)).header('x-content-type-options', 'nosniff');
    return Buffer.from(f.content);
  });

  // ---- workflow ----
  const p = (summary: string) => ({ tags, summary, params: IdParams });
  const present = async (row: Parameters<typeof presentComplaint>[0]) =>
    presentComplaint(row, (await agencyList(app.db)).find((a) => a.id === row.agencyId)?.name);
  r.post('/api/complaints/:id/accept', { config: manage, schema: { ...p('受理'), body: VersionInput } }, async (req) =>
    present(await acceptComplaint(app.db, requireRole(req.actor, COMPLAINT_MANAGERS), req.params.id, req.body.version)));
  r.post('/api/complaints/:id/reject', { config: manage, schema: { ...p('不予受理（理由告知投诉人）'), body: RejectInput } }, async (req) =>
    present(await rejectComplaint(app.db, requireRole(req.actor, COMPLAINT_MANAGERS), req.params.id, req.body.version, req.body.reason)));
  r.post('/api/complaints/:id/assign', { config: manage, schema: { ...p('分派承办科室和承办人'), body: AssignInput } }, async (req) =>
    present(await assignComplaint(app.db, requireRole(req.actor, COMPLAINT_MANAGERS), req.params.id, req.body)));
  r.post('/api/complaints/:id/transfer', { config: manage, schema: { ...p('转办至有管辖权的机构'), body: TransferInput } }, async (req) =>
    present(await transferComplaint(app.db, requireRole(req.actor, COMPLAINT_MANAGERS), req.params.id, req.body)));
  r.post('/api/complaints/:id/verify', { config: work, schema: { ...p('登记核查情况和证据'), body: VerifyInput } }, async (req) =>
    present(await verifyComplaint(app.db, requireRole(req.actor, COMPLAINT_WORKERS), req.params.id, req.body)));
  r.post('/api/complaints/:id/handle', { config: work, schema: { ...p('处理（未发现违法 / 责令整改 / 转为线索）'), body: HandleInput } }, async (req) =>
    present(await handleComplaint(app.db, requireRole(req.actor, COMPLAINT_WORKERS), req.params.id, req.body)));
  r.post('/api/complaints/:id/reply', { config: work, schema: { ...p('答复投诉人'), body: ReplyInput } }, async (req) =>
    present(await replyComplaint(app.db, requireRole(req.actor, COMPLAINT_WORKERS), req.params.id, req.body)));
  r.post('/api/complaints/:id/close', { config: manage, schema: { ...p('办结'), body: VersionInput } }, async (req) =>
    present(await closeComplaint(app.db, requireRole(req.actor, COMPLAINT_MANAGERS), req.params.id, req.body.version)));
  r.post('/api/complaints/:id/callback', { config: registrars, schema: { ...p('回访（满意度）'), body: CallbackInput } }, async (req) =>
    present(await callbackComplaint(app.db, requireRole(req.actor, COMPLAINT_REGISTRARS), req.params.id, req.body)));
  r.post('/api/complaints/:id/extend', { config: { access: { roles: COMPLAINT_APPROVERS } }, schema: { ...p('延长办理期限（机构负责人批准，限一次）'), body: ExtendInput } }, async (req) =>
    present(await extendComplaint(app.db, requireRole(req.actor, COMPLAINT_APPROVERS), req.params.id, req.body)));
  r.post('/api/complaints/:id/merge', { config: manage, schema: { ...p('并案：并入反映同一问题的投诉'), body: MergeInput } }, async (req) =>
    present(await mergeComplaint(app.db, requireRole(req.actor, COMPLAINT_MANAGERS), req.params.id, req.body)));
}
