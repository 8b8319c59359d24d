/**
 * 待办 (to-do): what waits for a user across the domains, one list sorted by deadline (GUIDE §4.3: every open item
 * shows who must act next and by when). Pure: the items, their deadline flags, their order. Each domain contributes a
 * provider (providers.ts) that finds its items inside the actor's jurisdiction.
 */
import type { Db } from '../../db/client';
import type { Actor } from '../../platform/access';
import type { WorkCalendar } from '../../platform/calendar/calendar';
import type { Role } from '../../platform/roles';

/** Kinds of item, in the order they are listed when their deadlines are equal. */
export const TODO_KINDS = {
  approval: '待我审批',
  complaint: '投诉举报',
  lead: '线索',
  task: '检查任务',
  followUp: '整改复查',
  licence: '许可证',
  system: '系统管理',
} as const;
export type TodoKind = keyof typeof TODO_KINDS;

/** An item as a provider finds it. */
export interface TodoDraft {
  kind: TodoKind;
  /** Id of the underlying record (with the kind and action, unique in the list). */
  id: string;
  /** What the item is about: the unit's name, the account, the inspector… */
  title: string;
  /** What must be done: 受理, 核查, 审批延期申请… */
  action: string;
  /** The record's state as the domain names it. */
  state: string;
  /** Who acts: 我, or (team view) the person or role. */
  actor: string;
  /** The deadline of the action (YYYY-MM-DD), or null when none runs. */
  due: string | null;
  /** What the deadline rests on, when a rule sets it (e.g. 程序规定第三十二条). */
  dueBasis?: string | null;
  /** Secondary line: reference number, plan, channel… */
  detail?: string | null;
  /** The page where the action is taken. */
  link: string;
  regionCode: string;
}

export interface TodoItem extends TodoDraft {
  key: string;
  kindLabel: string;
  overdue: boolean;
  soon: boolean;
}

/** A deadline within this many days (today included) counts as due soon (临期), as on the complaint work list. */
export const TODO_SOON_DAYS = 3;

/** mine: what waits for the user; team: every open item of the jurisdiction, with who acts (supervisors). */
export type TodoScope = 'mine' | 'team';

export interface TodoContext {
  db: Db;
  actor: Actor;
  scope: TodoScope;
  today: string;
  calendar: WorkCalendar;
  /** Most items a provider returns (the nearest deadlines first). */
  limit: number;
}

/** A domain's contribution: the roles it serves and the query that finds their items. */
export interface TodoProvider {
  name: string;
  /** Roles whose 待办 this provider fills, per scope. */
  roles: { mine: readonly Role[]; team?: readonly Role[] };
  list(ctx: TodoContext): Promise<TodoDraft[]>;
}

/**
 * Deadline flags: overdue once the deadline day has passed (the deadline day itself is still in time, as for every
 * period in the system); due soon from `today` until `soonUntil` inclusive.
 */
export function dueFlags(due: string | null, today: string, soonUntil: string): { overdue: boolean; soon: boolean } {
  if (!due) return { overdue: false, soon: false };
  if (due < today) return { overdue: true, soon: false };
  return { overdue: false, soon: due <= soonUntil };
}

const collator = new Intl.Collator('zh-CN');
const KIND_ORDER = Object.keys(TODO_KINDS) as TodoKind[];

/** Nearest deadline first (overdue ones are the earliest); items without a deadline last; then by kind and title. */
export function compareTodo(a: TodoDraft, b: TodoDraft): number {
  if (a.due !== b.due) {
    if (a.due === null) return 1;
    if (b.due === null) return -1;
    return a.due < b.due ? -1 : 1;
  }
  const k = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  if (k) return k;
  return collator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface TodoList {
  items: TodoItem[];
  /** Items found before the list was cut to `limit`. */
  total: number;
  overdue: number;
  soon: number;
  byKind: Partial<Record<TodoKind, number>>;
}

/** Merge the providers' items: one entry per (kind, record, action), flagged, sorted by deadline, cut to `limit`. */
export function mergeTodo(drafts: TodoDraft[], today: string, soonUntil: string, limit: number): TodoList {
  const seen = new Map<string, TodoDraft>();
  for (const d of drafts) {
    const key = `${d.kind}:${d.id}:${d.action}`;
    if (!seen.has(key)) seen.set(key, d);
  }
  const all = [...seen.entries()].map(([key, d]) => ({ ...d, key, kindLabel: TODO_KINDS[d.kind], ...dueFlags(d.due, today, soonUntil) }));
  all.sort(compareTodo);
  const byKind: Partial<Record<TodoKind, number>> = {};
  for (const i of all) byKind[i.kind] = (byKind[i.kind] ?? 0) + 1;
  return {
    items: all.slice(0, limit),
    total: all.length,
    overdue: all.filter((i) => i.overdue).length,
    soon: all.filter((i) => i.soon).length,
    byKind,
  };
}
