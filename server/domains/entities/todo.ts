/**
 * 待办 of a regulated unit's own account (被监督单位用户): its licences to renew or have checked (校验), and the
 * rectifications (整改) ordered by an inspection of the unit that are still to be re-inspected.
 */
import { and, asc, eq } from 'drizzle-orm';
import { entities, tasks } from '../../db/schema/index';
import { scopeWhere } from '../../platform/access';
import { REMINDER_DAYS } from '../../platform/dates';
import type { TodoDraft, TodoProvider } from '../todo/rules';
import { followUpItem } from '../plans/todo';
import { LICENCE_KINDS } from './categories';

interface Licence { kind: keyof typeof LICENCE_KINDS; number: string; validUntil: string; nextCheckAt?: string | null }

export const unitTodo: TodoProvider = {
  name: 'unit',
  roles: { mine: ['unit'] },
  async list({ db, actor, calendar, today, limit }) {
    const horizon = calendar.addNaturalDays(today, REMINDER_DAYS, { extendIfRestDay: false });
    const [unit] = await db.select().from(entities)
      .where(and(scopeWhere(actor, { region: entities.regionCode, entity: entities.id }, 'read'), eq(entities.recordStatus, 'active'))).limit(1);
    if (!unit) return [];
    const out: TodoDraft[] = [];
    for (const l of (unit.licences as Licence[]) ?? []) {
      const name = LICENCE_KINDS[l.kind] ?? '许可证';
      if (l.validUntil <= horizon) {
        out.push({
          kind: 'licence', id: `${unit.id}:${l.number}:valid`, title: name, action: l.validUntil < today ? '许可证已过期，停止相应活动并办理许可' : '办理许可证延续',
          state: `有效期至 ${l.validUntil}`, actor: '本单位', due: l.validUntil, detail: `证号 ${l.number}`, link: '/my-entity', regionCode: unit.regionCode,
        });
      }
      if (l.nextCheckAt && l.nextCheckAt <= horizon) {
        out.push({
          kind: 'licence', id: `${unit.id}:${l.number}:check`, title: name, action: '申请校验', state: `下次校验 ${l.nextCheckAt}`, actor: '本单位',
          due: l.nextCheckAt, dueBasis: '《医疗机构管理条例实施细则》第三十五条', detail: `证号 ${l.number}`, link: '/my-entity', regionCode: unit.regionCode,
        });
      }
    }
    const rectify = await db.select().from(tasks)
      .where(and(scopeWhere(actor, { region: tasks.regionCode, entity: tasks.entityId }, 'read'), eq(tasks.followUpStatus, 'scheduled'), eq(tasks.result, 'rectify')))
      .orderBy(asc(tasks.followUpDue)).limit(limit);
    for (const t of rectify) out.push({ ...followUpItem(t, '本单位', '按卫生监督意见书整改，等待复查'), link: '/my-entity' });
    return out;
  },
};
