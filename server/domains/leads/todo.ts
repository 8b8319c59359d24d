/**
 * 待办 contribution of the lead ledger (线索台账):
 * - a handler (inspector or chief): leads given to them to verify, against the verification period;
 * - a section chief: leads of the agency without a handler (assign), verified leads awaiting the filing decision
 *   (提请负责人决定, 程序规定第三十二条);
 * - the head (负责人), under 待我审批: extension requests and filing decisions (程序规定第三十二条: 负责人批准);
 * - the team view (chief, head): every open lead of the jurisdiction with the deadline in force.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { leads } from '../../db/schema/index';
import { hasRole, scopeWhere } from '../../platform/access';
import type { TodoContext, TodoDraft, TodoProvider } from '../todo/rules';
import { deadlineState, extensionPending, verifyDeadline, type DeadlineFacts } from './rules';
import { LEAD_STATUS, type LeadStatus } from './schema';
import { verifyWorkingDays } from './service';

type Row = typeof leads.$inferSelect;
const FILING_BASIS = '立案决定期限（《卫生健康行政处罚程序规定》第三十二条）';
const VERIFY_BASIS = '核查期限（本机构内部时限）';

async function rows(ctx: TodoContext, cond: SQL | undefined): Promise<Row[]> {
  return ctx.db.select().from(leads)
    .where(and(scopeWhere(ctx.actor, { region: leads.regionCode }, 'read'), eq(leads.recordStatus, 'active'), sql`${leads.status} <> 'disposed'`, cond))
    .orderBy(asc(leads.receivedOn), asc(leads.id)).limit(ctx.limit);
}

export const leadTodo: TodoProvider = {
  name: 'leads',
  roles: { mine: ['head', 'chief', 'inspector'], team: ['head', 'chief'] },
  async list(ctx) {
    const { actor, calendar, today, scope } = ctx;
    const verifyDays = await verifyWorkingDays(ctx.db);
    const due = (r: Row) => deadlineState(r as DeadlineFacts & Row, today, verifyDeadline(calendar, r.receivedOn, verifyDays)).due;
    const item = (r: Row, over: Partial<TodoDraft>): TodoDraft => ({
      kind: 'lead', id: r.id, title: r.unitName, action: '', state: LEAD_STATUS[r.status as LeadStatus] ?? r.status, actor: '我',
      due: due(r), dueBasis: r.status === 'verified' ? FILING_BASIS : VERIFY_BASIS, detail: r.code, link: `/leads/${r.id}`, regionCode: r.regionCode, ...over,
    });
    const pending = (r: Row) => extensionPending({ status: r.status as LeadStatus, filingDue: r.filingDue, extendedDue: r.extendedDue, extensionReason: r.extensionReason, extensionApprovedBy: r.extensionApprovedBy });

    if (scope === 'team') {
      return (await rows(ctx, undefined)).map((r) => item(r, {
        action: r.status === 'verified' ? (pending(r) ? '审批延期申请' : '作出立案决定') : r.handlerNames.length ? '核查' : '指定承办人',
        actor: r.status === 'verified' ? '机构负责人' : r.handlerNames.length ? r.handlerNames.join('、') : '科室负责人',
      }));
    }

    const out: TodoDraft[] = [];
    const mine = sql`${leads.handlerIds} @> array[${actor.userId}]::uuid[]`;
    if (hasRole(actor, ['inspector', 'chief'])) {
      for (const r of await rows(ctx, and(mine, sql`${leads.status} in ('registered', 'verifying')`))) out.push(item(r, { action: '核查' }));
    }
    if (hasRole(actor, ['chief']) && actor.agencyId) {
      const own = eq(leads.agencyId, actor.agencyId);
      for (const r of await rows(ctx, and(own, sql`cardinality(${leads.handlerIds}) = 0`, sql`${leads.status} in ('registered', 'verifying')`))) {
        out.push(item(r, { action: '指定承办人' }));
      }
      for (const r of await rows(ctx, and(own, eq(leads.status, 'verified')))) {
        if (!pending(r)) out.push(item(r, { action: '提请负责人作出立案决定' }));
      }
    }
    if (hasRole(actor, ['head'])) {
      for (const r of await rows(ctx, eq(leads.status, 'verified'))) {
        out.push(pending(r)
          ? item(r, { kind: 'approval', action: '审批延期申请', detail: `${r.code}；延期理由：${r.extensionReason}` })
          : item(r, { kind: 'approval', action: '立案审批（立案或不予立案）' }));
      }
    }
    return out;
  },
};
