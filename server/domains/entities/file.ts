/**
 * 一户一档: everything the agency holds about one supervised unit, each record with its state — inspections and tasks,
 * complaints, leads — plus what a plain locator needs when no map tiles are configured (the district's extent and
 * its towns, from the units' own coordinates). Every part is read through scopeWhere: a record outside the user's
 * jurisdiction is not shown, and a unit outside it is 404.
 *
 * A unit's own account (被监督单位用户) sees its inspections (their results are published anyway, 一公开) but never
 * the complaints or leads about it: they can identify the complainant (GUIDE §2.4, whistleblower protection).
 */
import { and, desc, eq, like, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { complaints, entities, leads, plans, regions, tasks } from '../../db/schema/index';
import { type Actor, isUnitOnly, scopeWhere } from '../../platform/access';
import { notFound } from '../../platform/errors';
import { loadCalendar } from '../../platform/calendar/store';
import { todayIso } from '../../platform/dates';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUS, OUTCOMES, type ComplaintCategory, type ComplaintStatus, type Outcome } from '../complaints/schema';
import { dueState, DUE_SOON_DAYS } from '../complaints/rules';
import { DISPOSITIONS, LEAD_SOURCES, LEAD_STATUS, type Disposition, type LeadSource, type LeadStatus } from '../leads/schema';
import { deadlineState, verifyDeadline } from '../leads/rules';
import { verifyWorkingDays } from '../leads/service';
import { FOLLOW_UP_RESULTS, TASK_RESULTS, TASK_STATUS, UNABLE_REASONS, type TaskResult, type TaskStatus } from '../plans/schema';

const LIMIT = 200;
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export async function entityFile(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) throw notFound('检查对象');
  const [unit] = await db.select({ id: entities.id, regionCode: entities.regionCode, lng: entities.lng, lat: entities.lat }).from(entities)
    .where(and(eq(entities.id, id), scopeWhere(actor, { region: entities.regionCode, entity: entities.id }, 'read')));
  if (!unit) throw notFound('检查对象');
  const staff = !isUnitOnly(actor);
  const today = todayIso();
  const [calendar, verifyDays] = await Promise.all([loadCalendar(db), verifyWorkingDays(db)]);
  const soon = calendar.addNaturalDays(today, DUE_SOON_DAYS, { extendIfRestDay: false });

  const [taskRows, complaintRows, leadRows, locator] = await Promise.all([
    db.select({ t: tasks, planName: plans.name, planYear: plans.year }).from(tasks).leftJoin(plans, eq(plans.id, tasks.planId))
      .where(and(eq(tasks.entityId, id), eq(tasks.recordStatus, 'active'), scopeWhere(actor, { region: tasks.regionCode, entity: tasks.entityId }, 'read')))
      .orderBy(desc(tasks.dueDate)).limit(LIMIT),
    staff
      ? db.select().from(complaints)
        .where(and(eq(complaints.entityId, id), eq(complaints.recordStatus, 'active'), scopeWhere(actor, { region: complaints.regionCode }, 'read')))
        .orderBy(desc(complaints.receivedAt)).limit(LIMIT)
      : Promise.resolve([]),
    staff
      ? db.select().from(leads)
        .where(and(eq(leads.entityId, id), eq(leads.recordStatus, 'active'), scopeWhere(actor, { region: leads.regionCode }, 'read')))
        .orderBy(desc(leads.receivedOn), desc(leads.seq)).limit(LIMIT)
      : Promise.resolve([]),
    unitLocator(db, unit.regionCode),
  ]);

  return {
    id,
    /** Complaints and leads are not shown to the unit's own account (whistleblower protection). */
    complaintsVisible: staff,
    tasks: taskRows.map(({ t, planName, planYear }) => ({
      id: t.id, planId: t.planId, planName, planYear, status: t.status, statusLabel: TASK_STATUS[t.status as TaskStatus] ?? t.status,
      result: t.result, resultLabel: t.result ? TASK_RESULTS[t.result as TaskResult] : null,
      unableReasonLabel: t.unableReason ? UNABLE_REASONS[t.unableReason as keyof typeof UNABLE_REASONS] : null,
      dueDate: t.dueDate, inspectedOn: t.inspectedOn, inspectorNames: t.inspectorNames, summary: t.summary,
      followUpStatus: t.followUpStatus, followUpDue: t.followUpDue, followUpOn: t.followUpOn,
      followUpResultLabel: t.followUpResult ? FOLLOW_UP_RESULTS[t.followUpResult as keyof typeof FOLLOW_UP_RESULTS] : null,
      overdue: ['pending', 'in_progress', 'unstaffed'].includes(t.status) && t.dueDate < today,
    })),
    complaints: complaintRows.map((c) => ({
      id: c.id, trackingCode: c.trackingCode, receivedAt: c.receivedAt, category: c.category,
      categoryLabel: COMPLAINT_CATEGORIES[c.category as ComplaintCategory] ?? c.category,
      content: c.content.length > 60 ? `${c.content.slice(0, 60)}…` : c.content,
      status: c.status, statusLabel: COMPLAINT_STATUS[c.status as ComplaintStatus] ?? c.status,
      outcomeLabel: c.outcome ? OUTCOMES[c.outcome as Outcome] : null, nextDue: c.nextDue, dueState: dueState(c.nextDue, today, soon),
    })),
    leads: leadRows.map((l) => {
      const dl = deadlineState({ status: l.status as LeadStatus, receivedOn: l.receivedOn, filingDue: l.filingDue, extendedDue: l.extendedDue, dispositionOn: l.dispositionOn },
        today, verifyDeadline(calendar, l.receivedOn, verifyDays));
      return {
        id: l.id, code: l.code, receivedOn: l.receivedOn, source: l.source, sourceLabel: LEAD_SOURCES[l.source as LeadSource] ?? l.source,
        status: l.status, statusLabel: LEAD_STATUS[l.status as LeadStatus] ?? l.status,
        disposition: l.disposition, dispositionLabel: l.disposition ? DISPOSITIONS[l.disposition as Disposition] : null, dispositionOn: l.dispositionOn,
        facts: l.facts.length > 60 ? `${l.facts.slice(0, 60)}…` : l.facts, due: dl.kind ? dl.due : null, overdue: dl.overdue,
      };
    }),
    locator,
  };
}

/**
 * For the plain locator: the extent of the unit's district and the centre of each of its towns, both computed from
 * the coordinates of the district's registered units (no boundary data is needed, and none is reachable here).
 */
type Locator = Awaited<ReturnType<typeof computeLocator>>;
const locatorCache = new Map<string, { at: number; value: Promise<Locator> }>();
const LOCATOR_TTL_MS = 10 * 60_000;

/** Cached per district for ten minutes: the extent of a district does not move with each edit. */
function unitLocator(db: Db, regionCode: string): Promise<Locator> {
  const district = regionCode.slice(0, 6);
  const hit = locatorCache.get(district);
  if (hit && Date.now() - hit.at < LOCATOR_TTL_MS) return hit.value;
  const value = computeLocator(db, district);
  locatorCache.set(district, { at: Date.now(), value });
  value.catch(() => locatorCache.delete(district));
  return value;
}

async function computeLocator(db: Db, district: string) {
  if (!/^\d{6}$/.test(district) || district.endsWith('00')) return null;
  const [towns, [names]] = await Promise.all([
    db.select({
      town: sql<string>`left(${entities.regionCode}, 9)`,
      lng: sql<number>`avg(${entities.lng})::float8`, lat: sql<number>`avg(${entities.lat})::float8`,
      minLng: sql<number>`min(${entities.lng})::float8`, maxLng: sql<number>`max(${entities.lng})::float8`,
      minLat: sql<number>`min(${entities.lat})::float8`, maxLat: sql<number>`max(${entities.lat})::float8`,
    }).from(entities)
      .where(and(like(entities.regionCode, `${district}%`), sql`length(${entities.regionCode}) >= 9`, sql`${entities.lng} is not null and ${entities.lat} is not null`))
      .groupBy(sql`left(${entities.regionCode}, 9)`),
    db.select({ district: sql<string | null>`max(${regions.name}) filter (where ${regions.code} = ${district})`, towns: sql<{ code: string; name: string }[] | null>`json_agg(json_build_object('code', ${regions.code}, 'name', ${regions.name})) filter (where length(${regions.code}) = 9)` })
      .from(regions).where(like(regions.code, `${district}%`)),
  ]);
  if (!towns.length) return null;
  const townName = new Map((names?.towns ?? []).map((t) => [t.code, t.name]));
  return {
    districtCode: district,
    districtName: names?.district ?? null,
    bbox: [Math.min(...towns.map((t) => t.minLng)), Math.min(...towns.map((t) => t.minLat)), Math.max(...towns.map((t) => t.maxLng)), Math.max(...towns.map((t) => t.maxLat))] as [number, number, number, number],
    towns: towns.map((t) => ({ code: t.town, name: townName.get(t.town) ?? t.town, lng: t.lng, lat: t.lat })),
  };
}
