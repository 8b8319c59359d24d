/**
 * 待办 of the system administrator: accounts locked after failed log-ins, and enforcement credentials (执法证) that
 * have expired or expire within the reminder period (an inspector without a valid credential may not inspect or be
 * drawn). Both inside the administrator's jurisdiction.
 */
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import { inspectors, users } from '../../db/schema/index';
import { scopeWhere } from '../../platform/access';
import { REMINDER_DAYS } from '../../platform/dates';
import type { TodoDraft, TodoProvider } from './rules';

export const systemTodo: TodoProvider = {
  name: 'system',
  roles: { mine: ['admin'] },
  async list({ db, actor, calendar, today, limit }) {
    const horizon = calendar.addNaturalDays(today, REMINDER_DAYS, { extendIfRestDay: false });
    const [locked, credentials] = await Promise.all([
      db.select({ id: users.id, displayName: users.displayName, lockedUntil: users.lockedUntil, regionCode: users.regionCode }).from(users)
        .where(and(scopeWhere(actor, { region: users.regionCode }, 'read'), eq(users.recordStatus, 'active'), gt(users.lockedUntil, sql`now()`)))
        .orderBy(asc(users.lockedUntil)).limit(limit),
      db.select({ id: inspectors.id, name: inspectors.name, credentialNo: inspectors.credentialNo, credentialExpiry: inspectors.credentialExpiry, regionCode: inspectors.regionCode })
        .from(inspectors)
        .where(and(scopeWhere(actor, { region: inspectors.regionCode }, 'read'), eq(inspectors.recordStatus, 'active'), lte(inspectors.credentialExpiry, horizon)))
        .orderBy(asc(inspectors.credentialExpiry), asc(inspectors.id)).limit(limit),
    ]);
    return [
      ...locked.map((u): TodoDraft => ({
        kind: 'system', id: u.id, title: u.displayName, action: '核实身份后解除账户锁定', state: '连续登录失败，已锁定', actor: '我', due: today,
        link: `/users/${u.id}`, regionCode: u.regionCode,
      })),
      ...credentials.map((i): TodoDraft => ({
        kind: 'system', id: i.id, title: i.name, action: i.credentialExpiry < today ? '执法证已过期：停止其执法和随机选派，更新证件信息' : '执法证即将到期：督促换证并更新信息',
        state: `执法证有效期至 ${i.credentialExpiry}`, actor: '我', due: i.credentialExpiry, detail: `执法证号 ${i.credentialNo}`,
        link: `/inspectors/${i.id}`, regionCode: i.regionCode,
      })),
    ];
  },
};
