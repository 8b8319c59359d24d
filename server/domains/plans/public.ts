/**
 * 一公开: what the portal publishes about random inspections — no login. Plans with their commitments once
 * published, draw results and bundles once drawn, outcomes once recorded, and every later status change.
 * Internal details (phones, notes, inspection summaries, handler names) are never included.
 */
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { matters, plans, tasks } from '../../db/schema/index';
import { notFound } from '../../platform/errors';
import { categoryLabel } from '../entities/categories';
import { agencyNameMap, bundleSnapshot, frozenSnapshot, planTaskEvents } from './service';
import { PLAN_STATUS, TASK_RESULTS, TASK_STATUS, UNABLE_REASONS, type PlanStatus, type TaskResult, type TaskStatus } from './schema';
import { formatBp, PUBLISH_WITHIN_WORKING_DAYS } from './rules';

const tags = ['公开：双随机抽查'];
const pub = { access: { public: true as const } };
const IdParams = z.object({ id: z.string() });
const Paging = z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) });

async function publicPlan(app: FastifyInstance, id: string, drawnOnly = false) {
  if (!z.uuid().safeParse(id).success) throw notFound('公开的抽查计划');
  const [row] = await app.db.select().from(plans).where(and(eq(plans.id, id), eq(plans.recordStatus, 'active'), ne(plans.status, 'draft')));
  if (!row || (drawnOnly && !row.drawnAt)) throw notFound(drawnOnly ? '已完成的抽取' : '公开的抽查计划');
  return row;
}

/** Send a stored gzip JSON document, compressed when the client accepts it. */
function sendGzipJson(req: FastifyRequest, reply: FastifyReply, gz: Uint8Array, filename: string) {
  reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', 'public, max-age=300').header('vary', 'accept-encoding');
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(Buffer.from(gz));
  return reply.send(gunzipSync(gz));
}

export async function publicPlanRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/public/plans', {
    config: pub, schema: { tags, summary: '已公布的抽查计划', querystring: Paging.extend({ year: z.coerce.number().int().optional() }) },
  }, async (req) => {
    const where = and(eq(plans.recordStatus, 'active'), ne(plans.status, 'draft'), req.query.year ? eq(plans.year, req.query.year) : undefined);
    const [rows, [{ total }]] = await Promise.all([
      app.db.select().from(plans).where(where).orderBy(desc(plans.publishedAt), asc(plans.id)).limit(req.query.pageSize).offset((req.query.page - 1) * req.query.pageSize),
      app.db.select({ total: sql<number>`count(*)::int` }).from(plans).where(where),
    ]);
    const names = await agencyNameMap(app.db);
    return {
      items: rows.map((p) => ({
        id: p.id, name: p.name, year: p.year, level: p.level, agencyName: names.get(p.agencyId) ?? '', status: p.status,
        statusLabel: PLAN_STATUS[p.status as PlanStatus], windowStart: p.windowStart, windowEnd: p.windowEnd, publishedAt: p.publishedAt,
        drawnAt: p.drawnAt, candidateCount: p.candidateCount, commitment: p.commitment, candidatesHash: p.candidatesHash, source: p.source,
      })),
      total,
    };
  });

  r.get('/api/public/plans/:id', { config: pub, schema: { tags, summary: '抽查计划公示（含承诺值、候选名单哈希）', params: IdParams } }, async (req) => {
    const p = await publicPlan(app, req.params.id);
    const names = await agencyNameMap(app.db);
    const matterRows = await app.db.select({ code: matters.code, name: matters.name }).from(matters).where(inArray(matters.id, p.matterIds));
    const [counts] = await app.db.select({
      drawn: sql<number>`count(*)::int`, finished: sql<number>`count(*) filter (where ${tasks.status} in ('done','unable'))::int`,
    }).from(tasks).where(eq(tasks.planId, p.id));
    return {
      id: p.id, name: p.name, year: p.year, level: p.level, agencyName: names.get(p.agencyId) ?? '', status: p.status,
      statusLabel: PLAN_STATUS[p.status as PlanStatus], source: p.source, issuedBy: p.issuedBy,
      windowStart: p.windowStart, windowEnd: p.windowEnd, description: p.description, matters: matterRows,
      categories: p.categories.map((c) => ({ code: c, label: categoryLabel(c) })),
      carriers: (p.carrierAgencyIds.length ? p.carrierAgencyIds : [p.agencyId]).map((id) => names.get(id) ?? ''),
      strata: (p.strata as { key: string; name: string; mode: string; count: number; ratioBp: number; categories: string[]; regionCodes: string[] }[])
        .map((s) => ({ ...s, target: s.mode === 'count' ? `${s.count} 户` : formatBp(s.ratioBp) })),
      rules: p.rules, weights: p.weights,
      publishedAt: p.publishedAt, candidateCount: p.candidateCount,
      published: { planHash: p.planHash, candidatesHash: p.candidatesHash, inspectorsHash: p.inspectorsHash, commitment: p.commitment },
      drawnAt: p.drawnAt, publicValue: p.publicValue, tasks: counts.drawn, finished: counts.finished,
      publishWithinWorkingDays: PUBLISH_WITHIN_WORKING_DAYS,
    };
  });

  r.get('/api/public/plans/:id/results', {
    config: pub, schema: { tags, summary: '抽取结果与检查结果公示', params: IdParams, querystring: Paging.extend({ q: z.string().trim().max(50).optional() }) },
  }, async (req) => {
    const p = await publicPlan(app, req.params.id, true);
    const q = req.query.q;
    const where = and(eq(tasks.planId, p.id), q ? sql`(${tasks.entityName} like ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or ${tasks.creditCode} = ${q.toUpperCase()})` : undefined);
    const [rows, [{ total }]] = await Promise.all([
      app.db.select({
        id: tasks.id, stratum: tasks.stratum, seq: tasks.seq, entityName: tasks.entityName, creditCode: tasks.creditCode,
        inspectorNames: tasks.inspectorNames, dueDate: tasks.dueDate, status: tasks.status, result: tasks.result,
        unableReason: tasks.unableReason, inspectedOn: tasks.inspectedOn, followUpStatus: tasks.followUpStatus,
      }).from(tasks).where(where).orderBy(asc(tasks.stratum), asc(tasks.seq)).limit(req.query.pageSize).offset((req.query.page - 1) * req.query.pageSize),
      app.db.select({ total: sql<number>`count(*)::int` }).from(tasks).where(where),
    ]);
    const strata = new Map((p.strata as { key: string; name: string }[]).map((s) => [s.key, s.name]));
    return {
      items: rows.map((t) => ({
        id: t.id, stratum: t.stratum, stratumName: strata.get(t.stratum) ?? t.stratum, seq: t.seq, entityName: t.entityName, creditCode: t.creditCode,
        inspectorNames: t.inspectorNames, dueDate: t.dueDate, status: t.status, statusLabel: TASK_STATUS[t.status as TaskStatus],
        resultLabel: t.status === 'done' ? TASK_RESULTS[t.result as TaskResult] : t.status === 'unable' ? `无法检查：${UNABLE_REASONS[t.unableReason as keyof typeof UNABLE_REASONS]}` : null,
        inspectedOn: t.inspectedOn,
      })),
      total,
    };
  });

  r.get('/api/public/plans/:id/changes', { config: pub, schema: { tags, summary: '抽取后任务状态变更公示', params: IdParams } }, async (req) => {
    const p = await publicPlan(app, req.params.id, true);
    const events = await planTaskEvents(app.db, p.id);
    return {
      items: events.map((e) => ({
        at: e.at, entityName: e.entityName, creditCode: e.creditCode, action: e.action, reason: e.reason,
        fromStatus: e.fromStatus ? TASK_STATUS[e.fromStatus as TaskStatus] : null, toStatus: e.toStatus ? TASK_STATUS[e.toStatus as TaskStatus] : null,
      })),
    };
  });

  r.get('/api/public/plans/:id/candidates', { config: pub, schema: { tags, summary: '发布时冻结的候选名单和执法人员名单（JSON）', params: IdParams } }, async (req, reply) => {
    const p = await publicPlan(app, req.params.id);
    return sendGzipJson(req, reply, await frozenSnapshot(app.db, p.id), `candidates-${p.id}.json`);
  });

  r.get('/api/public/draws', { config: pub, schema: { tags, summary: '已完成的抽取', querystring: Paging } }, async (req) => {
    const where = and(eq(plans.recordStatus, 'active'), sql`${plans.drawnAt} is not null`);
    const [rows, [{ total }]] = await Promise.all([
      app.db.select().from(plans).where(where).orderBy(desc(plans.drawnAt), asc(plans.id)).limit(req.query.pageSize).offset((req.query.page - 1) * req.query.pageSize),
      app.db.select({ total: sql<number>`count(*)::int` }).from(plans).where(where),
    ]);
    const names = await agencyNameMap(app.db);
    const counts = rows.length ? await app.db.select({ planId: tasks.planId, n: sql<number>`count(*)::int` }).from(tasks)
      .where(inArray(tasks.planId, rows.map((p) => p.id))).groupBy(tasks.planId) : [];
    const byPlan = new Map(counts.map((c) => [c.planId, c.n]));
    return {
      items: rows.map((p) => ({
        id: p.id, planName: p.name, year: p.year, level: p.level, agencyName: names.get(p.agencyId) ?? '', drawnAt: p.drawnAt,
        publicValue: p.publicValue, commitment: p.commitment, candidatesHash: p.candidatesHash, candidateCount: p.candidateCount,
        targets: byPlan.get(p.id) ?? 0, bundleUrl: `/api/public/draws/${p.id}/bundle`,
      })),
      total,
    };
  });

  r.get('/api/public/draws/:id/bundle', { config: pub, schema: { tags, summary: '抽取数据包（可用独立验证程序复核）', params: IdParams } }, async (req, reply) => {
    const p = await publicPlan(app, req.params.id, true);
    return sendGzipJson(req, reply, await bundleSnapshot(app.db, p.id), `draw-${p.id}.json`);
  });
}
