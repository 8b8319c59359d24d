/**
 * Inspection tasks (检查任务) created by a draw. The target and the inspectors never change after the draw;
 * each status change is a recorded, reasoned action that is published (GUIDE §2.2).
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { files, inspectors, plans, taskEvents, tasks } from '../../db/schema/index';
import { type Actor, hasRole, scopeWhere } from '../../platform/access';
import { recordAudit } from '../../platform/audit';
import { loadCalendar } from '../../platform/calendar/store';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors';
import { todayIso } from '../../platform/dates';
import type { Role } from '../../platform/roles';
import { inspectorIdOf, markPlanInProgress } from './service';
import { isClosed, publishDeadline, TASK_ACTIONS, taskActionAllowed, type TaskAction } from './rules';
import {
  FOLLOW_UP_RESULTS, TASK_RESULTS, TASK_STATUS, UNABLE_REASONS, type TaskResult, type TaskStatus,
} from './schema';

export type TaskRow = typeof tasks.$inferSelect;
const taskScope = { region: tasks.regionCode };
/** Roles that may act on any task in their jurisdiction; inspectors act on the tasks they were drawn for. */
export const TASK_SUPERVISORS: Role[] = ['admin', 'head', 'chief'];

export async function loadTask(db: Db, actor: Actor, id: string): Promise<TaskRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('检查任务');
  const [row] = await db.select().from(tasks).where(and(eq(tasks.id, id), scopeWhere(actor, taskScope, 'read')));
  if (!row) throw notFound('检查任务');
  return row;
}

/** A task in one of these states is overdue once its due date has passed (the list filter `status=overdue`). */
const OVERDUE_STATUSES = ['pending', 'in_progress', 'unstaffed'];

export interface TaskListQuery { planId?: string; mine?: boolean; status?: string; q?: string; page: number; pageSize: number }

export async function listTasks(db: Db, actor: Actor, query: TaskListQuery) {
  const conds: (SQL | undefined)[] = [scopeWhere(actor, taskScope, 'read'), eq(tasks.recordStatus, 'active')];
  if (query.planId) conds.push(eq(tasks.planId, query.planId));
  if (query.status === 'open') conds.push(inArray(tasks.status, ['pending', 'in_progress']));
  else if (query.status === 'overdue') conds.push(inArray(tasks.status, OVERDUE_STATUSES), sql`${tasks.dueDate} < ${todayIso()}`);
  else if (query.status === 'followUp') conds.push(eq(tasks.followUpStatus, 'scheduled'));
  else if (query.status) conds.push(eq(tasks.status, query.status));
  if (query.q) conds.push(sql`(${tasks.entityName} like ${`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or ${tasks.creditCode} = ${query.q.toUpperCase()})`);
  if (query.mine) {
    const me = await inspectorIdOf(db, actor);
    conds.push(me ? sql`${tasks.inspectorIds} @> array[${me}]::uuid[]` : sql`false`);
  }
  const where = and(...conds);
  const order = query.planId && !query.mine
    ? [asc(tasks.stratum), asc(tasks.seq)]
    : [sql`case ${tasks.status} when 'in_progress' then 0 when 'pending' then 1 when 'unstaffed' then 2 else 3 end`, asc(tasks.dueDate), asc(tasks.entityName)];
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(tasks).where(where).orderBy(...order).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(tasks).where(where),
  ]);
  const planNames = rows.length ? new Map((await db.select({ id: plans.id, name: plans.name }).from(plans)
    .where(inArray(plans.id, [...new Set(rows.map((r) => r.planId))]))).map((p) => [p.id, p.name])) : new Map<string, string>();
  return { items: rows.map((r) => presentTask(r, planNames.get(r.planId))), total, page: query.page, pageSize: query.pageSize };
}

export function presentTask(r: TaskRow, planName?: string) {
  return {
    id: r.id, planId: r.planId, planName: planName ?? null, agencyId: r.agencyId, entityId: r.entityId, entityName: r.entityName,
    creditCode: r.creditCode, address: r.address, regionCode: r.regionCode, stratum: r.stratum, seq: r.seq,
    inspectorIds: r.inspectorIds, inspectorNames: r.inspectorNames, unstaffedReason: r.unstaffedReason, dueDate: r.dueDate,
    status: r.status, statusLabel: TASK_STATUS[r.status as TaskStatus],
    result: r.result, resultLabel: r.result ? TASK_RESULTS[r.result as TaskResult] : null,
    unableReason: r.unableReason, unableReasonLabel: r.unableReason ? UNABLE_REASONS[r.unableReason as keyof typeof UNABLE_REASONS] : null,
    summary: r.summary, inspectedOn: r.inspectedOn, publishBy: r.publishBy, attachments: r.attachments,
    followUpStatus: r.followUpStatus, followUpDue: r.followUpDue, followUpOn: r.followUpOn, followUpResult: r.followUpResult,
    followUpResultLabel: r.followUpResult ? FOLLOW_UP_RESULTS[r.followUpResult as keyof typeof FOLLOW_UP_RESULTS] : null,
    followUpNote: r.followUpNote, closed: isClosed({ status: r.status as TaskStatus, result: r.result as TaskResult | null, followUpStatus: r.followUpStatus }),
    overdue: OVERDUE_STATUSES.includes(r.status) && r.dueDate < todayIso(),
    version: r.version, updatedAt: r.updatedAt,
  };
}

export async function taskDetail(db: Db, actor: Actor, id: string) {
  const row = await loadTask(db, actor, id);
  const [plan] = await db.select({ name: plans.name, status: plans.status, strata: plans.strata }).from(plans).where(eq(plans.id, row.planId));
  const events = await db.select().from(taskEvents).where(eq(taskEvents.taskId, id)).orderBy(asc(taskEvents.id));
  const me = await inspectorIdOf(db, actor);
  return {
    ...presentTask(row, plan?.name),
    stratumName: (plan?.strata as { key: string; name: string }[] | undefined)?.find((x) => x.key === row.stratum)?.name ?? row.stratum,
    events: events.map((e) => ({ id: e.id, at: e.at, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, reason: e.reason, actorName: e.actorName, public: e.public })),
    canAct: canActOn(actor, row, me),
  };
}

const canActOn = (actor: Actor, row: TaskRow, myInspectorId: string | null) =>
  hasRole(actor, TASK_SUPERVISORS) || (!!myInspectorId && row.inspectorIds.includes(myInspectorId));

/** Load a task for a change: in write scope, and assigned to the actor unless they supervise. */
async function taskForChange(db: Db, actor: Actor, id: string, action: TaskAction | 'followUp', version: number) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('检查任务');
  const [row] = await db.select().from(tasks).where(and(eq(tasks.id, id), scopeWhere(actor, taskScope, 'write')));
  if (!row) throw notFound('检查任务');
  if (action === 'assign' ? !hasRole(actor, TASK_SUPERVISORS) : !canActOn(actor, row, await inspectorIdOf(db, actor))) {
    throw forbidden('只有被抽中的执法人员或科室负责人可以办理该任务');
  }
  if (action !== 'followUp' && !taskActionAllowed(action, row.status as TaskStatus)) {
    throw conflict(`任务当前为“${TASK_STATUS[row.status as TaskStatus]}”，不能${TASK_ACTIONS[action].label}`);
  }
  if (row.version !== version) throw staleTask(version, row.version);
  return row;
}

const staleTask = (version: number, current: number) =>
  conflict(`该检查任务已被他人修改（您操作的是第 ${version} 版，当前为第 ${current} 版）。请刷新后重试。`, { currentVersion: current });

async function applyChange(db: Db, actor: Actor, row: TaskRow, values: Partial<typeof tasks.$inferInsert>, event: {
  action: string; reason: string | null; public?: boolean; auditReason?: string | null;
}) {
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(tasks).set({ ...values, version: sql`${tasks.version} + 1`, updatedAt: sql`now()`, updatedBy: actor.userId })
      .where(and(eq(tasks.id, row.id), eq(tasks.version, row.version))).returning();
    if (!updated) throw staleTask(row.version, row.version + 1);
    await tx.insert(taskEvents).values({
      taskId: row.id, planId: row.planId, action: event.action, fromStatus: row.status, toStatus: updated.status,
      reason: event.reason, actorId: actor.userId, actorName: actor.displayName, public: event.public ?? true,
    });
    await recordAudit(tx, actor, {
      action: event.action, resource: 'tasks', resourceId: row.id, regionCode: row.regionCode, reason: event.auditReason ?? event.reason,
      before: pick(row, values), after: pick(updated, values),
    });
    if (['in_progress', 'done', 'unable'].includes(updated.status)) await markPlanInProgress(tx, actor, row.planId);
    return presentTask(updated);
  });
}

const pick = (r: Record<string, unknown>, keys: Record<string, unknown>) => Object.fromEntries(Object.keys(keys).map((k) => [k, r[k]]));

function checkInspectedOn(date: string, field = 'inspectedOn', label = '检查日期') {
  if (date > todayIso()) throw invalid([{ field, label, message: `${label}不能晚于今天` }]);
}

export async function startTask(db: Db, actor: Actor, id: string, version: number) {
  const row = await taskForChange(db, actor, id, 'start', version);
  return applyChange(db, actor, row, { status: 'in_progress' }, { action: 'start', reason: null });
}

async function attachmentsOf(db: Db, actor: Actor, ids: string[]) {
  if (!ids.length) return [];
  const rows = await db.select({ id: files.id, name: files.name, size: files.size, mime: files.mime, sha256: files.sha256 })
    .from(files).where(and(inArray(files.id, ids), eq(files.createdBy, actor.userId)));
  if (rows.length !== new Set(ids).size) throw invalid([{ field: 'attachmentIds', label: '附件', message: '附件不存在或不是您上传的' }]);
  return rows;
}

export async function recordOutcome(db: Db, actor: Actor, id: string, input: {
  result: TaskResult; summary: string; inspectedOn: string; attachmentIds: string[]; followUpDue?: string; version: number;
}) {
  const row = await taskForChange(db, actor, id, 'record', input.version);
  checkInspectedOn(input.inspectedOn);
  if (input.result === 'rectify' && !input.followUpDue) throw invalid([{ field: 'followUpDue', label: '复查日期', message: '责令整改时请填写复查日期' }]);
  if (input.followUpDue && input.followUpDue < input.inspectedOn) throw invalid([{ field: 'followUpDue', label: '复查日期', message: '复查日期不能早于检查日期' }]);
  const attachments = await attachmentsOf(db, actor, input.attachmentIds);
  const calendar = await loadCalendar(db);
  const qualified = input.result === 'qualified';
  return applyChange(db, actor, row, {
    status: 'done', result: input.result, summary: input.summary, inspectedOn: input.inspectedOn,
    publishBy: publishDeadline(calendar, input.inspectedOn), attachments: [...(row.attachments as unknown[]), ...attachments],
    followUpStatus: qualified ? 'none' : 'scheduled', followUpDue: input.result === 'rectify' ? input.followUpDue! : null,
    closedAt: qualified ? new Date() : null,
  }, { action: 'record', reason: TASK_RESULTS[input.result] });
}

export async function recordUnable(db: Db, actor: Actor, id: string, input: { reason: keyof typeof UNABLE_REASONS; note: string; inspectedOn: string; version: number }) {
  const row = await taskForChange(db, actor, id, 'unable', input.version);
  checkInspectedOn(input.inspectedOn, 'inspectedOn', '核查日期');
  const calendar = await loadCalendar(db);
  return applyChange(db, actor, row, {
    status: 'unable', result: null, unableReason: input.reason, summary: input.note, inspectedOn: input.inspectedOn,
    publishBy: publishDeadline(calendar, input.inspectedOn), closedAt: new Date(),
  }, { action: 'unable', reason: `无法检查：${UNABLE_REASONS[input.reason]}`, auditReason: `无法检查：${UNABLE_REASONS[input.reason]}；${input.note}` });
}

export async function scheduleFollowUp(db: Db, actor: Actor, id: string, input: { followUpDue: string; version: number }) {
  const row = await taskForChange(db, actor, id, 'followUp', input.version);
  if (row.status !== 'done' || row.result !== 'rectify' || row.followUpStatus === 'closed') throw conflict('只有责令整改且尚未复查的任务可以安排复查');
  if (row.inspectedOn && input.followUpDue < row.inspectedOn) throw invalid([{ field: 'followUpDue', label: '复查日期', message: '复查日期不能早于检查日期' }]);
  return applyChange(db, actor, row, { followUpStatus: 'scheduled', followUpDue: input.followUpDue }, { action: 'followUp', reason: `安排复查：${input.followUpDue}`, public: false });
}

export async function closeFollowUp(db: Db, actor: Actor, id: string, input: { result: keyof typeof FOLLOW_UP_RESULTS; followUpOn: string; note: string; version: number }) {
  const row = await taskForChange(db, actor, id, 'followUp', input.version);
  if (row.status !== 'done' || row.followUpStatus !== 'scheduled') throw conflict('该任务没有待办结的复查或移交立案事项');
  if (row.result === 'rectify' && input.result === 'closed') throw invalid([{ field: 'result', label: '复查结果', message: '责令整改的任务应登记复查结果：整改合格或移交立案' }]);
  if (row.result === 'case' && input.result !== 'closed') throw invalid([{ field: 'result', label: '处理结果', message: '移交立案的任务应登记“案件已办结”' }]);
  checkInspectedOn(input.followUpOn, 'followUpOn', '完成日期');
  if (row.inspectedOn && input.followUpOn < row.inspectedOn) throw invalid([{ field: 'followUpOn', label: '完成日期', message: '完成日期不能早于检查日期' }]);
  return applyChange(db, actor, row, {
    followUpStatus: 'closed', followUpOn: input.followUpOn, followUpResult: input.result, followUpNote: input.note, closedAt: new Date(),
  }, { action: 'closeFollowUp', reason: FOLLOW_UP_RESULTS[input.result] });
}

/**
 * 补充派员: a target the draw could not staff under the rules gets inspectors chosen by a supervisor, with
 * a stated reason that is published. The rules (same agency, valid credential, no declared conflict) still hold.
 */
export async function assignInspectors(db: Db, actor: Actor, id: string, input: { inspectorIds: string[]; reason: string; version: number }) {
  const row = await taskForChange(db, actor, id, 'assign', input.version);
  const ids = [...new Set(input.inspectorIds)];
  if (ids.length < 2) throw invalid([{ field: 'inspectorIds', label: '执法人员', message: '至少指派 2 名不同的执法人员（行政处罚法第四十二条）' }]);
  const staff = await db.select().from(inspectors).where(and(inArray(inspectors.id, ids), eq(inspectors.agencyId, row.agencyId), eq(inspectors.recordStatus, 'active')));
  if (staff.length !== ids.length) throw invalid([{ field: 'inspectorIds', label: '执法人员', message: '所选执法人员应为承办机构的在册人员' }]);
  const expired = staff.filter((s) => s.credentialExpiry < row.dueDate);
  if (expired.length) throw invalid([{ field: 'inspectorIds', label: '执法人员', message: `${expired.map((s) => s.name).join('、')}的执法证在任务期限前到期` }]);
  const conflicts = await db.execute(sql`select inspector_id from inspector_conflicts where active and entity_id = ${row.entityId}
    and inspector_id = any(${`{${ids.join(',')}}`}::uuid[])`) as unknown as { rows: unknown[] };
  if (conflicts.rows.length) throw invalid([{ field: 'inspectorIds', label: '执法人员', message: '所选执法人员与该检查对象有申报的利害关系，应当回避' }]);
  const names = ids.map((x) => staff.find((s) => s.id === x)!.name);
  return applyChange(db, actor, row, { status: 'pending', inspectorIds: ids, inspectorNames: names }, {
    action: 'assign', reason: `补充派员（${names.join('、')}）：${input.reason}`,
  });
}

/** Store an uploaded file (attachments); content-addressed by SHA-256. */
export async function storeFile(db: Db, actor: Actor, file: { name: string; mime: string; content: Buffer }) {
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const [row] = await db.insert(files).values({
    regionCode: actor.regionCode, name: file.name.slice(0, 255), mime: file.mime.slice(0, 100), size: file.content.length,
    sha256, content: file.content, createdBy: actor.userId,
  }).returning({ id: files.id, name: files.name, size: files.size, mime: files.mime, sha256: files.sha256 });
  return row;
}

/** An attachment of a task the actor can read. */
export async function taskAttachment(db: Db, actor: Actor, taskId: string, fileId: string) {
  const row = await loadTask(db, actor, taskId);
  if (!(row.attachments as { id: string }[]).some((a) => a.id === fileId)) throw notFound('附件');
  const [f] = await db.select().from(files).where(eq(files.id, fileId));
  if (!f) throw notFound('附件');
  return f;
}

/** Tasks of the inspector with the nearest deadlines, for the home page. */
export async function myOpenTaskCount(db: Db, actor: Actor) {
  const me = await inspectorIdOf(db, actor);
  if (!me) return null;
  const [r] = await db.select({
    open: sql<number>`count(*) filter (where ${tasks.status} in ('pending','in_progress'))::int`,
    overdue: sql<number>`count(*) filter (where ${tasks.status} in ('pending','in_progress') and ${tasks.dueDate} < ${todayIso()})::int`,
    followUp: sql<number>`count(*) filter (where ${tasks.followUpStatus} = 'scheduled')::int`,
  }).from(tasks).where(sql`${tasks.inspectorIds} @> array[${me}]::uuid[]`);
  return r;
}

