/**
 * KPIs of complaints (GUIDE §2.4): 及时接处率, 规范处置率, average handling time, overdue counts and
 * satisfaction, in total and by agency, channel, category and month; and the density of complaints by
 * district and town (heat view). Definitions: rules.KPI_DEFINITIONS (shown in the UI).
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { complaints, regions } from '../../db/schema/index';
import { type Actor, scopeWhere } from '../../platform/access';
import { todayIso } from '../../platform/dates';
import { computeKpi, KPI_DEFINITIONS, type KpiRow } from './rules';
import { agencyList } from './service';
import { CHANNELS, COMPLAINT_CATEGORIES, type Channel, type ComplaintCategory, type ComplaintStatus } from './schema';

export interface KpiQuery { from?: string; to?: string; agencyId?: string; channel?: string; category?: string }

const shanghaiDate = (col: SQL | unknown) => sql<string | null>`to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

export async function complaintKpis(db: Db, actor: Actor, query: KpiQuery) {
  const conds: (SQL | undefined)[] = [scopeWhere(actor, { region: complaints.regionCode }, 'read'), eq(complaints.recordStatus, 'active')];
  if (query.from) conds.push(sql`${complaints.receivedAt} >= (${query.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (query.to) conds.push(sql`${complaints.receivedAt} < (${query.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  if (query.agencyId && /^[0-9a-f-]{36}$/i.test(query.agencyId)) conds.push(eq(complaints.agencyId, query.agencyId));
  if (query.channel) conds.push(eq(complaints.channel, query.channel));
  if (query.category) conds.push(eq(complaints.category, query.category));
  const rows = await db.select({
    agencyId: complaints.agencyId, channel: complaints.channel, category: complaints.category, status: complaints.status,
    place: sql<string>`coalesce(${complaints.placeRegionCode}, ${complaints.regionCode})`,
    month: sql<string>`to_char(${complaints.receivedAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`,
    receivedOn: shanghaiDate(complaints.receivedAt), acceptDue: complaints.acceptDue, acceptedOn: shanghaiDate(complaints.acceptedAt),
    firstAssignedOn: sql<string | null>`(select to_char(min(e.at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') from complaint_events e
      where e.complaint_id = "complaints"."id" and e.action = 'assign')`,
    concludeDue: complaints.concludeDue, extendedDue: complaints.extendedDue, repliedOn: shanghaiDate(complaints.repliedAt),
    closedOn: shanghaiDate(complaints.closedAt), hasFindings: sql<boolean>`${complaints.findings} is not null`, outcome: complaints.outcome,
    hasReply: sql<boolean>`${complaints.replyText} is not null`, satisfaction: complaints.satisfaction, nextDue: complaints.nextDue,
    merged: sql<boolean>`${complaints.mergedInto} is not null`,
  }).from(complaints).where(and(...conds));

  const today = todayIso();
  const kpiRows = rows.map((r) => ({ ...r, status: r.status as ComplaintStatus, receivedOn: r.receivedOn! } satisfies KpiRow & Record<string, unknown>));
  const group = (keyOf: (r: (typeof kpiRows)[number]) => string, labelOf: (k: string) => string, order?: (a: string, b: string) => number) => {
    const m = new Map<string, KpiRow[]>();
    for (const r of kpiRows) {
      const k = keyOf(r);
      let list = m.get(k);
      if (!list) m.set(k, (list = []));
      list.push(r);
    }
    const keys = [...m.keys()].sort(order ?? ((a, b) => m.get(b)!.length - m.get(a)!.length || (a < b ? -1 : 1)));
    return keys.map((k) => ({ key: k, label: labelOf(k), ...computeKpi(m.get(k)!, today) }));
  };
  const agencies = new Map((await agencyList(db)).map((a) => [a.id, a.name]));

  // heat: complaints by district and by town of the place
  const regionNames = new Map((await db.select({ code: regions.code, name: regions.name }).from(regions)
    .where(sql`${regions.level} in (3, 4)`)).map((r) => [r.code, r.name]));
  const countBy = (len: number) => {
    const m = new Map<string, number>();
    for (const r of kpiRows) if (r.place.length >= len) m.set(r.place.slice(0, len), (m.get(r.place.slice(0, len)) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1]).map(([code, count]) => ({ code, name: regionNames.get(code) ?? code, count }));
  };

  return {
    today,
    definitions: KPI_DEFINITIONS,
    total: computeKpi(kpiRows, today),
    byAgency: group((r) => r.agencyId, (k) => agencies.get(k) ?? k),
    byChannel: group((r) => r.channel, (k) => CHANNELS[k as Channel] ?? k),
    byCategory: group((r) => r.category, (k) => COMPLAINT_CATEGORIES[k as ComplaintCategory] ?? k),
    byMonth: group((r) => r.month, (k) => k, (a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    byDistrict: countBy(6),
    byTown: countBy(9).slice(0, 50),
  };
}
