/**
 * 待办 contribution of 双随机抽查:
 * - an inspector: the tasks they were drawn for, not yet inspected (due date of the task), and the re-inspections
 *   (复查) of their tasks that ended in 责令整改;
 * - a section chief or head: targets of their own agency that the draw could not staff (指派执法人员);
 * - a 协管员: the rectifications in their grid cell(s) that are followed up (GUIDE §1: follows up rectification);
 * - the team view: every open task and scheduled follow-up of the jurisdiction, with its inspectors.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { entities, gridCells, plans, tasks } from '../../db/schema/index';
import { hasRole, scopeWhere } from '../../platform/access';
import type { TodoContext, TodoDraft, TodoProvider } from '../todo/rules';
import { TASK_RESULTS, TASK_STATUS, type TaskResult, type TaskStatus } from './schema';
import { inspectorIdOf } from './service';

type Row = typeof tasks.$inferSelect;
const OPEN = ['pending', 'in_progress', 'unstaffed'];

async function taskRows(ctx: TodoContext, cond: SQL | undefined, order: 'due' | 'followUp'): Promise<(Row & { planName: string | null })[]> {
  const rows = await ctx.db.select({ t: tasks, planName: plans.name }).from(tasks).leftJoin(plans, eq(plans.id, tasks.planId))
    .where(and(scopeWhere(ctx.actor, { region: tasks.regionCode, entity: tasks.entityId }, 'read'), eq(tasks.recordStatus, 'active'), cond))
    .orderBy(order === 'due' ? asc(tasks.dueDate) : asc(tasks.followUpDue), asc(tasks.id)).limit(ctx.limit);
  return rows.map((r) => ({ ...r.t, planName: r.planName }));
}

const inspection = (r: Row & { planName: string | null }, actor: string): TodoDraft => ({
  kind: 'task', id: r.id, title: r.entityName,
  action: r.status === 'unstaffed' ? '指派执法人员' : r.status === 'in_progress' ? '完成检查并登记结果' : '实施检查',
  state: TASK_STATUS[r.status as TaskStatus] ?? r.status, actor, due: r.dueDate, dueBasis: '抽查计划实施期限', detail: r.planName,
  link: `/tasks/${r.id}`, regionCode: r.regionCode,
});

export const followUpItem = (r: Row, actor: string, action?: string): TodoDraft => ({
  kind: 'followUp', id: r.id, title: r.entityName,
  action: action ?? (r.result === 'case' ? '跟进立案查处结果' : '复查整改情况'),
  state: `${TASK_RESULTS[r.result as TaskResult] ?? '检查完成'}，待复查`, actor, due: r.followUpDue, dueBasis: '卫生监督意见书确定的整改期限',
  detail: r.summary, link: `/tasks/${r.id}`, regionCode: r.regionCode,
});

export const taskTodo: TodoProvider = {
  name: 'tasks',
  roles: { mine: ['head', 'chief', 'inspector'], team: ['admin', 'head', 'chief'] },
  async list(ctx) {
    const { actor, db, scope } = ctx;
    if (scope === 'team') {
      const open = await taskRows(ctx, inArray(tasks.status, OPEN), 'due');
      const followUps = await taskRows(ctx, eq(tasks.followUpStatus, 'scheduled'), 'followUp');
      return [
        ...open.map((r) => inspection(r, r.status === 'unstaffed' ? '科室负责人' : r.inspectorNames.join('、'))),
        ...followUps.map((r) => followUpItem(r, r.inspectorNames.join('、'))),
      ];
    }
    const out: TodoDraft[] = [];
    if (hasRole(actor, ['inspector'])) {
      const me = await inspectorIdOf(db, actor);
      if (me) {
        const mine = sql`${tasks.inspectorIds} @> array[${me}]::uuid[]`;
        for (const r of await taskRows(ctx, and(mine, inArray(tasks.status, ['pending', 'in_progress'])), 'due')) out.push(inspection(r, '我'));
        for (const r of await taskRows(ctx, and(mine, eq(tasks.followUpStatus, 'scheduled')), 'followUp')) out.push(followUpItem(r, '我'));
      }
    }
    if (hasRole(actor, ['chief', 'head']) && actor.agencyId) {
      for (const r of await taskRows(ctx, and(eq(tasks.agencyId, actor.agencyId), eq(tasks.status, 'unstaffed')), 'due')) out.push(inspection(r, '我'));
    }
    return out;
  },
};

/** 协管员: rectifications in the grid cells they patrol (entities.grid_code), to urge and report back. */
export const gridTodo: TodoProvider = {
  name: 'grid',
  roles: { mine: ['assistant'] },
  async list(ctx) {
    const cells = await ctx.db.select({ code: gridCells.code }).from(gridCells)
      .where(and(eq(gridCells.assistantUserId, ctx.actor.userId), eq(gridCells.recordStatus, 'active')));
    if (!cells.length) return [];
    const rows = await ctx.db.select({ t: tasks }).from(tasks).innerJoin(entities, eq(entities.id, tasks.entityId))
      .where(and(scopeWhere(ctx.actor, { region: tasks.regionCode }, 'read'), eq(tasks.followUpStatus, 'scheduled'), eq(tasks.result, 'rectify'),
        inArray(entities.gridCode, cells.map((c) => c.code))))
      .orderBy(asc(tasks.followUpDue), asc(tasks.id)).limit(ctx.limit);
    return rows.map(({ t }) => followUpItem(t, '我', '督促整改并反馈情况'));
  },
};
