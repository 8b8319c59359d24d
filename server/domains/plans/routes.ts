import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { entities, importJobs, inspectorConflicts, inspectors, tasks } from '../../db/schema/index';
import { requireRole, scopeWhere } from '../../platform/access';
import { recordAudit } from '../../platform/audit';
import { AppError, invalid, notFound, registerFieldLabels } from '../../platform/errors';
import { sha256Hex } from '../../platform/canonical';
import { buildTemplate, readSheet, SheetError, XLSX_MIME } from '../../platform/excel';
import { STAFF_ROLES, type Role } from '../../platform/roles';
import { DEFAULT_WEIGHTS } from '../../../lib/draw/index';
import {
  AssignInput, CloseFollowUpInput, ConflictInput, DrawInput, FollowUpInput, OutcomeInput, PlanInput, planLabels, taskLabels, UnableInput,
  WeightsInput, PLAN_STATUS, TASK_STATUS, TASK_RESULTS, UNABLE_REASONS, FOLLOW_UP_RESULTS,
} from './schema';
import {
  completePlan, createPlan, defaultWeights, drawPlanTargets, listPlans, loadPlan, planStats, presentPlan, previewPlan, publishPlan,
  removePlan, updatePlan,
} from './service';
import {
  assignInspectors, closeFollowUp, listTasks, recordOutcome, recordUnable, scheduleFollowUp, startTask, storeFile, taskAttachment,
  taskDetail,
} from './tasks';
import { RATE_DEFINITIONS } from './rules';
import { IMPORT_COLUMNS, resultsWorkbook } from './excel';

registerFieldLabels(planLabels);
registerFieldLabels(taskLabels);

const PLAN_WRITERS: Role[] = ['admin', 'head', 'chief'];
const TASK_WORKERS: Role[] = ['admin', 'head', 'chief', 'inspector'];
const tags = ['双随机抽查'];
const IdParams = z.object({ id: z.string() });
const Version = z.object({ version: z.coerce.number().int() });
const disposition = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export async function planRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { roles: STAFF_ROLES } };
  const write = { access: { roles: PLAN_WRITERS } };

  r.get('/api/plans/meta', { config: read, schema: { tags, summary: '抽查计划代码表与口径说明' } }, async () => ({
    planStatus: PLAN_STATUS, taskStatus: TASK_STATUS, taskResults: TASK_RESULTS, unableReasons: UNABLE_REASONS,
    followUpResults: FOLLOW_UP_RESULTS, rateDefinitions: RATE_DEFINITIONS, defaultWeights: await defaultWeights(app.db),
    protocolDefaults: DEFAULT_WEIGHTS,
  }));

  r.put('/api/plans/weights', { config: { access: { roles: ['admin'] } }, schema: { tags, summary: '设置默认抽取权重', body: WeightsInput } }, async (req) => {
    const actor = requireRole(req.actor, ['admin']);
    const before = await defaultWeights(app.db);
    await app.db.transaction(async (tx) => {
      await tx.execute(sql`insert into settings (key, value) values ('draw.weights', ${JSON.stringify(req.body)}::jsonb)
        on conflict (key) do update set value = excluded.value, updated_at = now()`);
      await recordAudit(tx, actor, { action: 'update', resource: 'settings', resourceId: 'draw.weights', before, after: req.body });
    });
    return req.body;
  });

  r.get('/api/plans', {
    config: read,
    schema: {
      tags, summary: '抽查计划列表',
      querystring: z.object({
        q: z.string().trim().max(100).optional(), year: z.coerce.number().int().optional(), status: z.string().max(16).optional(),
        level: z.string().max(8).optional(), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20),
      }),
    },
  }, async (req) => listPlans(app.db, requireRole(req.actor, STAFF_ROLES), req.query));

  r.post('/api/plans', { config: write, schema: { tags, summary: '新建抽查计划（草稿）', body: PlanInput } }, async (req, reply) => {
    const row = await createPlan(app.db, requireRole(req.actor, PLAN_WRITERS), req.body);
    return reply.status(201).send(await presentPlan(app.db, row));
  });

  r.get('/api/plans/:id', { config: read, schema: { tags, summary: '抽查计划详情', params: IdParams } }, async (req) =>
    presentPlan(app.db, await loadPlan(app.db, requireRole(req.actor, STAFF_ROLES), req.params.id, 'read')));

  r.put('/api/plans/:id', {
    config: write, schema: { tags, summary: '修改草稿计划（需提交 version）', params: IdParams, body: z.intersection(PlanInput, Version) },
  }, async (req) => {
    const { version, ...input } = req.body;
    return presentPlan(app.db, await updatePlan(app.db, requireRole(req.actor, PLAN_WRITERS), req.params.id, input as PlanInput, version));
  });

  r.delete('/api/plans/:id', {
    config: write, schema: { tags, summary: '删除草稿计划', params: IdParams, body: z.object({ version: z.coerce.number().int(), reason: z.string().trim().min(2, '请填写删除原因').max(200) }) },
  }, async (req) => {
    await removePlan(app.db, requireRole(req.actor, PLAN_WRITERS), req.params.id, req.body.version, req.body.reason);
    return { ok: true };
  });

  r.get('/api/plans/:id/preview', { config: read, schema: { tags, summary: '候选对象与拟抽取数量预览', params: IdParams } }, async (req) =>
    previewPlan(app.db, requireRole(req.actor, STAFF_ROLES), req.params.id));

  r.post('/api/plans/:id/publish', {
    config: write,
    schema: { tags, summary: '发布计划：冻结候选名单并公布承诺值', params: IdParams, body: z.object({ version: z.coerce.number().int(), acceptUnstaffable: z.boolean().default(false) }) },
  }, async (req) => {
    const actor = requireRole(req.actor, PLAN_WRITERS);
    const row = await publishPlan(app.db, actor, req.params.id, req.body.version, { acceptUnstaffable: req.body.acceptUnstaffable });
    return presentPlan(app.db, row);
  });

  r.post('/api/plans/:id/draw', {
    config: write, schema: { tags, summary: '抽取：录入公开随机值，抽取检查对象和执法人员', params: IdParams, body: DrawInput },
  }, async (req) => {
    const actor = requireRole(req.actor, PLAN_WRITERS);
    const res = await drawPlanTargets(app.db, actor, req.params.id, req.body.publicValue, req.body.version);
    await app.database.analyze('tasks');
    return { plan: await presentPlan(app.db, res.plan), targets: res.targets, unstaffed: res.unstaffed };
  });

  r.post('/api/plans/:id/complete', { config: write, schema: { tags, summary: '办结计划', params: IdParams, body: Version } }, async (req) =>
    presentPlan(app.db, await completePlan(app.db, requireRole(req.actor, PLAN_WRITERS), req.params.id, req.body.version)));

  r.get('/api/plans/:id/stats', { config: read, schema: { tags, summary: '完成率、完结率（按层级、机构、执法人员）', params: IdParams } }, async (req) =>
    ({ ...(await planStats(app.db, requireRole(req.actor, STAFF_ROLES), req.params.id)), definitions: RATE_DEFINITIONS }));

  r.get('/api/plans/:id/results.xlsx', { config: read, schema: { tags, summary: '导出抽查结果（国家双随机抽查结果报表格式）', params: IdParams } }, async (req, reply) => {
    const actor = requireRole(req.actor, STAFF_ROLES);
    const plan = await presentPlan(app.db, await loadPlan(app.db, actor, req.params.id, 'read'));
    const rows = await app.db.select().from(tasks).where(and(eq(tasks.planId, plan.id), scopeWhere(actor, { region: tasks.regionCode }, 'read')))
      .orderBy(tasks.stratum, tasks.seq);
    reply.header('content-type', XLSX_MIME).header('content-disposition', disposition(`${plan.name}_抽查结果.xlsx`));
    return resultsWorkbook(plan, rows);
  });

  r.get('/api/plans/import-template.xlsx', { config: write, schema: { tags, summary: '上级下达检查对象名单模板' } }, async (_req, reply) => {
    reply.header('content-type', XLSX_MIME).header('content-disposition', disposition('上级下达检查对象名单模板.xlsx'));
    return buildTemplate('上级下达检查对象名单', IMPORT_COLUMNS);
  });

  /**
   * 导入上级下达的计划: multipart with a `plan` field (the plan as JSON, strata may be omitted) and the
   * target list (.xlsx). The targets are not re-drawn: the plan's one stratum takes them all, and only the
   * inspectors are drawn here.
   */
  r.post('/api/plans/import', { config: write, schema: { tags, summary: '导入上级下达的计划及检查对象名单' } }, async (req, reply) => {
    const actor = requireRole(req.actor, PLAN_WRITERS);
    let planJson: unknown = null;
    let buffer: Buffer | null = null;
    let filename = '';
    for await (const part of req.parts()) {
      if (part.type === 'file') { buffer = await part.toBuffer(); filename = part.filename; } else if (part.fieldname === 'plan') {
        try { planJson = JSON.parse(String(part.value)); } catch { throw invalid([{ field: 'plan', label: '计划信息', message: '计划信息不是有效的 JSON' }]); }
      }
    }
    if (!buffer) throw new AppError(400, 'no_file', '请选择上级下达的检查对象名单（.xlsx）');
    const errors: { row: number; column: string; message: string }[] = [];
    let rows;
    try {
      const sheet = await readSheet(buffer, IMPORT_COLUMNS);
      if (sheet.missingHeaders.length) sheet.missingHeaders.forEach((h) => errors.push({ row: 1, column: h, message: '缺少必填列（请使用导入模板）' }));
      rows = sheet.rows;
    } catch (err) {
      if (err instanceof SheetError) throw new AppError(400, 'bad_file', err.message);
      throw err;
    }
    if (!errors.length && rows.length === 0) throw new AppError(400, 'empty_file', '文件中没有检查对象');
    const codes = rows.map((x) => (x.cells.creditCode ?? '').trim().toUpperCase());
    const found = codes.length ? await app.db.select({ id: entities.id, creditCode: entities.creditCode, regionCode: entities.regionCode })
      .from(entities).where(and(inArray(entities.creditCode, codes), eq(entities.recordStatus, 'active'), scopeWhere(actor, { region: entities.regionCode }, 'read'))) : [];
    const byCode = new Map(found.map((f) => [f.creditCode, f]));
    const seen = new Set<string>();
    rows.forEach((x, i) => {
      const code = codes[i];
      if (!code) errors.push({ row: x.row, column: '统一社会信用代码', message: '请填写统一社会信用代码' });
      else if (!byCode.has(code)) errors.push({ row: x.row, column: '统一社会信用代码', message: `检查对象名录库中没有“${code}”，或不在本机构辖区` });
      else if (seen.has(code)) errors.push({ row: x.row, column: '统一社会信用代码', message: '同一检查对象重复出现' });
      seen.add(code);
    });
    const plan = PlanInput.safeParse({
      ...(planJson as object ?? {}),
      strata: [{ key: 'handed-down', name: '上级下达名单', categories: [], regionCodes: [], mode: 'count', count: Math.max(1, rows.length) }],
    });
    if (!plan.success) {
      plan.error.issues.forEach((iss) => errors.push({ row: 0, column: planLabels[String(iss.path[0])] ?? String(iss.path[0]), message: iss.message }));
    }
    if (errors.length) {
      const [job] = await app.db.insert(importJobs).values({
        userId: actor.userId, register: 'plans', filename: filename.slice(0, 255), fileSha256: sha256Hex(buffer), status: 'rejected', totalRows: rows.length, errors,
      }).returning({ id: importJobs.id });
      return reply.status(422).send({
        error: 'import_invalid', message: `导入失败：共 ${errors.length} 处错误，计划未创建。`, errorCount: errors.length, errors: errors.slice(0, 500),
        reportUrl: `/api/import-jobs/${job.id}/report.xlsx`,
      });
    }
    const issuedBy = typeof (planJson as { issuedBy?: unknown })?.issuedBy === 'string' ? String((planJson as { issuedBy: string }).issuedBy).slice(0, 200) : null;
    // the plan and its handed-down targets are written, and audited, together
    const row = await createPlan(app.db, actor, plan.data!, { source: 'imported', issuedBy, handedDownIds: codes.map((c) => byCode.get(c)!.id) });
    await app.db.insert(importJobs).values({
      userId: actor.userId, register: 'plans', filename: filename.slice(0, 255), fileSha256: sha256Hex(buffer), status: 'applied', totalRows: rows.length, created: 1,
    });
    return reply.status(201).send(await presentPlan(app.db, row));
  });

  // ---- tasks ----
  const tread = { access: { roles: STAFF_ROLES } };
  const twork = { access: { roles: TASK_WORKERS } };
  r.get('/api/tasks', {
    config: tread,
    schema: {
      tags, summary: '检查任务列表（mine=true：我的任务；status=open 待办、overdue 已逾期、followUp 待复查/结案，或任务状态）',
      querystring: z.object({
        planId: z.uuid().optional(), mine: z.enum(['true', 'false']).optional(), status: z.string().max(16).optional(), q: z.string().trim().max(100).optional(),
        page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(20),
      }),
    },
  }, async (req) => listTasks(app.db, requireRole(req.actor, STAFF_ROLES), { ...req.query, mine: req.query.mine === 'true' }));

  r.get('/api/tasks/:id', { config: tread, schema: { tags, summary: '检查任务详情', params: IdParams } }, async (req) =>
    taskDetail(app.db, requireRole(req.actor, STAFF_ROLES), req.params.id));

  r.post('/api/tasks/:id/start', { config: twork, schema: { tags, summary: '开始检查', params: IdParams, body: Version } }, async (req) =>
    startTask(app.db, requireRole(req.actor, TASK_WORKERS), req.params.id, req.body.version));
  r.post('/api/tasks/:id/outcome', { config: twork, schema: { tags, summary: '登记检查结果', params: IdParams, body: OutcomeInput } }, async (req) =>
    recordOutcome(app.db, requireRole(req.actor, TASK_WORKERS), req.params.id, req.body));
  r.post('/api/tasks/:id/unable', { config: twork, schema: { tags, summary: '登记无法检查（查无此户、已关闭、已迁出）', params: IdParams, body: UnableInput } }, async (req) =>
    recordUnable(app.db, requireRole(req.actor, TASK_WORKERS), req.params.id, req.body));
  r.post('/api/tasks/:id/follow-up', { config: twork, schema: { tags, summary: '安排复查', params: IdParams, body: FollowUpInput } }, async (req) =>
    scheduleFollowUp(app.db, requireRole(req.actor, TASK_WORKERS), req.params.id, req.body));
  r.post('/api/tasks/:id/follow-up/close', { config: twork, schema: { tags, summary: '办结复查或移交立案事项', params: IdParams, body: CloseFollowUpInput } }, async (req) =>
    closeFollowUp(app.db, requireRole(req.actor, TASK_WORKERS), req.params.id, req.body));
  r.post('/api/tasks/:id/assign', { config: write, schema: { tags, summary: '为待派员任务补充指派执法人员（理由公开）', params: IdParams, body: AssignInput } }, async (req) =>
    assignInspectors(app.db, requireRole(req.actor, PLAN_WRITERS), req.params.id, req.body));

  r.get('/api/tasks/:id/attachments/:fileId', {
    config: tread, schema: { tags, summary: '下载任务附件', params: z.object({ id: z.string(), fileId: z.uuid() }) },
  }, async (req, reply) => {
    const f = await taskAttachment(app.db, requireRole(req.actor, STAFF_ROLES), req.params.id, req.params.fileId);
    reply.header('content-type', f.mime).header('content-disposition', disposition(f.name));
    return Buffer.from(f.content);
  });

  r.post('/api/files', { config: twork, schema: { tags: ['附件'], summary: '上传附件（单个文件不超过 20 MB）' } }, async (req, reply) => {
    const actor = requireRole(req.actor, TASK_WORKERS);
    const file = await req.file({ limits: { fileSize: 20 * 1024 * 1024 } });
    if (!file) throw new AppError(400, 'no_file', '请选择文件');
    const content = await file.toBuffer();
    if (file.file.truncated) throw new AppError(413, 'too_large', '文件超过 20 MB');
    if (content.length === 0) throw new AppError(400, 'empty_file', '文件为空');
    return reply.status(201).send(await storeFile(app.db, actor, { name: file.filename, mime: file.mimetype, content }));
  });

  // ---- declared conflicts of interest (回避) ----
  r.get('/api/conflicts', {
    config: read, schema: { tags, summary: '执法人员利害关系申报（回避）列表', querystring: z.object({ inspectorId: z.uuid().optional(), entityId: z.uuid().optional() }) },
  }, async (req) => {
    const actor = requireRole(req.actor, STAFF_ROLES);
    const conds = [scopeWhere(actor, { region: inspectorConflicts.regionCode }, 'read'), eq(inspectorConflicts.active, true)];
    if (req.query.inspectorId) conds.push(eq(inspectorConflicts.inspectorId, req.query.inspectorId));
    if (req.query.entityId) conds.push(eq(inspectorConflicts.entityId, req.query.entityId));
    const rows = await app.db.select({
      id: inspectorConflicts.id, inspectorId: inspectorConflicts.inspectorId, entityId: inspectorConflicts.entityId, reason: inspectorConflicts.reason,
      createdAt: inspectorConflicts.createdAt, inspectorName: inspectors.name, entityName: entities.name, creditCode: entities.creditCode,
    }).from(inspectorConflicts).innerJoin(inspectors, eq(inspectors.id, inspectorConflicts.inspectorId)).innerJoin(entities, eq(entities.id, inspectorConflicts.entityId))
      .where(and(...conds)).orderBy(inspectorConflicts.createdAt).limit(1000);
    return { items: rows, total: rows.length };
  });

  r.post('/api/conflicts', { config: twork, schema: { tags, summary: '申报利害关系（回避）', body: ConflictInput } }, async (req, reply) => {
    const actor = requireRole(req.actor, TASK_WORKERS);
    const [insp] = await app.db.select().from(inspectors).where(and(eq(inspectors.id, req.body.inspectorId), scopeWhere(actor, { region: inspectors.regionCode }, 'read')));
    if (!insp) throw notFound('执法人员');
    const [ent] = await app.db.select({ id: entities.id }).from(entities).where(eq(entities.id, req.body.entityId));
    if (!ent) throw notFound('检查对象');
    const row = await app.db.transaction(async (tx) => {
      const [c] = await tx.insert(inspectorConflicts).values({ ...req.body, regionCode: insp.regionCode, createdBy: actor.userId }).returning();
      await recordAudit(tx, actor, { action: 'create', resource: 'conflicts', resourceId: c.id, regionCode: c.regionCode, after: c });
      return c;
    });
    return reply.status(201).send(row);
  });

  r.post('/api/conflicts/:id/withdraw', {
    config: write, schema: { tags, summary: '撤销利害关系申报', params: z.object({ id: z.uuid() }), body: z.object({ reason: z.string().trim().min(2, '请填写撤销原因').max(200) }) },
  }, async (req) => {
    const actor = requireRole(req.actor, PLAN_WRITERS);
    return app.db.transaction(async (tx) => {
      const [c] = await tx.update(inspectorConflicts).set({ active: false })
        .where(and(eq(inspectorConflicts.id, req.params.id), eq(inspectorConflicts.active, true), scopeWhere(actor, { region: inspectorConflicts.regionCode }, 'write'))).returning();
      if (!c) throw notFound('利害关系申报');
      await recordAudit(tx, actor, { action: 'delete', resource: 'conflicts', resourceId: c.id, regionCode: c.regionCode, reason: req.body.reason, before: { active: true } });
      return { ok: true };
    });
  });
}
