/**
 * 待办 contribution of 投诉举报: complaints whose next step is the user's (the work list's "mine": assigned to them, or
 * waiting for their agency's chief or head), plus callbacks of their agency's closed complaints; the team view lists
 * every complaint of the jurisdiction with a running deadline and who acts next.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { complaints } from '../../db/schema/index';
import { hasRole, scopeWhere } from '../../platform/access';
import type { TodoDraft, TodoProvider } from '../todo/rules';
import { COMPLAINT_STATUS, type ComplaintStatus } from './schema';
import { mineCondition } from './service';

/** The step each status waits for (rules.ts nextStep names who takes it). */
const STEP: Record<string, string> = {
  registered: '决定是否受理', accepted: '分派承办人', assigned: '调查核实', verifying: '核查处理', handled: '答复投诉人', replied: '办结', closed: '回访',
};

export const complaintTodo: TodoProvider = {
  name: 'complaints',
  roles: { mine: ['admin', 'head', 'chief', 'inspector'], team: ['admin', 'head', 'chief'] },
  async list({ db, actor, scope, limit }) {
    const base = and(scopeWhere(actor, { region: complaints.regionCode }, 'read'), eq(complaints.recordStatus, 'active'), sql`${complaints.nextDue} is not null`);
    let where = base;
    if (scope === 'mine') {
      // callbacks (回访) of the agency's closed complaints fall to its chief or head
      const callbacks = hasRole(actor, ['chief', 'head']) && actor.agencyId
        ? and(eq(complaints.agencyId, actor.agencyId), eq(complaints.status, 'closed'))
        : undefined;
      where = and(base, callbacks ? sql`(${mineCondition(actor)} or ${callbacks})` : mineCondition(actor));
    }
    const rows = await db.select({
      id: complaints.id, trackingCode: complaints.trackingCode, unitName: complaints.unitName, content: complaints.content, status: complaints.status,
      nextActor: complaints.nextActor, nextDue: complaints.nextDue, regionCode: complaints.regionCode,
    }).from(complaints).where(where).orderBy(asc(complaints.nextDue), asc(complaints.id)).limit(limit);
    return rows.map((r): TodoDraft => ({
      kind: 'complaint', id: r.id, title: r.unitName || `${r.content.slice(0, 20)}…`,
      action: STEP[r.status] ?? '办理', state: COMPLAINT_STATUS[r.status as ComplaintStatus] ?? r.status,
      actor: scope === 'mine' ? '我' : (r.nextActor ?? ''), due: r.nextDue, detail: `查询码 ${r.trackingCode}`,
      dueBasis: r.status === 'registered' ? '受理期限（《信访工作条例》第二十三条或本地时限）' : r.status === 'closed' ? '回访期限' : '办结期限（《信访工作条例》第三十四条或本地时限）',
      link: `/complaints/${r.id}`, regionCode: r.regionCode,
    }));
  },
};
