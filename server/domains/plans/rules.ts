/**
 * Pure rules of random inspection plans and their tasks (GUIDE §2.2).
 */
import type { WorkCalendar } from '../../platform/calendar/calendar';
import type { PlanStatus, TaskResult, TaskStatus } from './schema';

/** Plans move forward only: 草稿 → 已发布 → 已抽取 → 实施中 → 已完成. */
const PLAN_NEXT: Record<PlanStatus, PlanStatus | null> = {
  draft: 'published',
  published: 'drawn',
  drawn: 'in_progress',
  in_progress: 'completed',
  completed: null,
};

export function canAdvancePlan(from: PlanStatus, to: PlanStatus): boolean {
  return PLAN_NEXT[from] === to;
}

/** Task actions and the statuses they may start from (GUIDE §2.2: 待检查 → 检查中 → 已完成 | 无法检查). */
export const TASK_ACTIONS = {
  start: { from: ['pending'], to: 'in_progress', label: '开始检查' },
  record: { from: ['pending', 'in_progress'], to: 'done', label: '登记检查结果' },
  unable: { from: ['pending', 'in_progress'], to: 'unable', label: '登记无法检查' },
  assign: { from: ['unstaffed'], to: 'pending', label: '补充派员' },
} as const satisfies Record<string, { from: readonly TaskStatus[]; to: TaskStatus; label: string }>;
export type TaskAction = keyof typeof TASK_ACTIONS;

export function taskActionAllowed(action: TaskAction, status: TaskStatus): boolean {
  return (TASK_ACTIONS[action].from as readonly string[]).includes(status);
}

export const isFinished = (status: TaskStatus) => status === 'done' || status === 'unable';

/**
 * A task is closed (完结) when nothing remains to follow up: 无法检查, or 已完成 as 合格, or its follow-up
 * (复查 of a rectification order, or the case it was handed to) has been closed.
 */
export function isClosed(t: { status: TaskStatus; result: TaskResult | null; followUpStatus: string }): boolean {
  if (t.status === 'unable') return true;
  if (t.status !== 'done') return false;
  if (t.result === 'qualified') return true;
  return t.followUpStatus === 'closed';
}

export const RATE_DEFINITIONS = {
  completion: '完成率 = 已完成检查的任务数（含登记为“无法检查”的任务）÷ 抽取的任务数',
  closure: '完结率 = 已完结的任务数 ÷ 抽取的任务数；已完结指：检查合格、无法检查，或责令整改的复查、移交立案的案件已办结',
} as const;

export interface Rates { drawn: number; finished: number; closed: number; completionRate: number | null; closureRate: number | null }

/** 完成率 and 完结率 (GUIDE §2.2) over a set of tasks. */
export function rates(tasks: Iterable<{ status: TaskStatus; result: TaskResult | null; followUpStatus: string }>): Rates {
  let drawn = 0;
  let finished = 0;
  let closed = 0;
  for (const t of tasks) {
    drawn++;
    if (isFinished(t.status)) finished++;
    if (isClosed(t)) closed++;
  }
  const ratio = (n: number) => (drawn === 0 ? null : Math.round((n / drawn) * 10_000) / 10_000);
  return { drawn, finished, closed, completionRate: ratio(finished), closureRate: ratio(closed) };
}

/** Working days within which an inspection outcome is made public (一公开, GUIDE §2.2). */
export const PUBLISH_WITHIN_WORKING_DAYS = 20;

/** The last day on which the outcome of an inspection on `inspectedOn` must be public. */
export const publishDeadline = (calendar: WorkCalendar, inspectedOn: string) =>
  calendar.addWorkingDays(inspectedOn, PUBLISH_WITHIN_WORKING_DAYS);

/** Ratio target of a stratum in percent, for display: 500 bp → "5%". */
export const formatBp = (bp: number) => `${bp / 100}%`;
