/**
 * The 待办 list: every provider that serves one of the actor's roles contributes its items (each inside the actor's
 * jurisdiction, through scopeWhere), merged and sorted by deadline. A new domain (inspections, cases…) adds its
 * provider to TODO_PROVIDERS.
 */
import type { Db } from '../../db/client';
import { type Actor, hasRole } from '../../platform/access';
import { loadCalendar } from '../../platform/calendar/store';
import { todayIso } from '../../platform/dates';
import { complaintTodo } from '../complaints/todo';
import { unitTodo } from '../entities/todo';
import { leadTodo } from '../leads/todo';
import { gridTodo, taskTodo } from '../plans/todo';
import { mergeTodo, TODO_SOON_DAYS, type TodoProvider, type TodoScope } from './rules';
import { systemTodo } from './system';

export const TODO_PROVIDERS: TodoProvider[] = [leadTodo, complaintTodo, taskTodo, gridTodo, unitTodo, systemTodo];

/** Scopes a role may ask for: everyone their own; supervisors also their team's. */
export function todoScopes(actor: Actor): TodoScope[] {
  return TODO_PROVIDERS.some((p) => p.roles.team && hasRole(actor, p.roles.team)) ? ['mine', 'team'] : ['mine'];
}

export async function todoList(db: Db, actor: Actor, opts: { scope: TodoScope; limit: number; now?: Date }) {
  const calendar = await loadCalendar(db);
  const today = todayIso(opts.now);
  const soonUntil = calendar.addNaturalDays(today, TODO_SOON_DAYS, { extendIfRestDay: false });
  const providers = TODO_PROVIDERS.filter((p) => {
    const roles = opts.scope === 'team' ? p.roles.team : p.roles.mine;
    return !!roles && hasRole(actor, roles);
  });
  const drafts = (await Promise.all(providers.map((p) => p.list({ db, actor, scope: opts.scope, today, calendar, limit: opts.limit })))).flat();
  return { scope: opts.scope, scopes: todoScopes(actor), today, soonUntil, ...mergeTodo(drafts, today, soonUntil, opts.limit) };
}
