/**
 * Commands and queries of complaints (投诉举报, GUIDE §2.4). Every staff read and write is scoped through
 * access.scopeWhere on the handling agency's region; every change is one transaction with its event and
 * its audit record. The complainant's identity lives in `complainants` and leaves this module masked,
 * except through revealIdentity(), which logs the view.
 */
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agencies, complainants, complainantViews, complaintEvents, complaints, entities, files, users } from '../../db/schema/index';
import { type Actor, hasRole, scopeWhere } from '../../platform/access';
import { recordAudit } from '../../platform/audit';
import { loadCalendar } from '../../platform/calendar/store';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors';
import { daysFromToday, todayIso } from '../../platform/dates';
import type { Role } from '../../platform/roles';
import { regionScopePrefix } from '../regions/region-code';
import { createLeadInTx } from '../leads/service';
import {
  actionAllowed, canSeeIdentity, COMPLAINT_ACTIONS, DUE_SOON_DAYS, DUPLICATE_THRESHOLD, DUPLICATE_WINDOW_DAYS, dueDate, dueState,
  duplicateScore, maskName, maskPhone, nextStep, resolveSla, trackingCodeFrom, type ComplaintAction,
} from './rules';
import { loadSla } from './sla';
import { intakeWriter } from './intake-writer';
import {
  CHANNELS, COMPLAINT_CATEGORIES, COMPLAINT_STATUS, OPEN_STATUSES, OUTCOMES, SATISFACTION,
  type Channel, type ComplaintCategory, type ComplaintStatus, type Outcome, type PublicComplaintInput, type StaffComplaintInput,
} from './schema';

export type ComplaintRow = typeof complaints.$inferSelect;
const scope = { region: complaints.regionCode };

/** Manage: accept, reject, assign, transfer, merge, close. */
export const COMPLAINT_MANAGERS: Role[] = ['admin', 'head', 'chief'];
/** Work: verify, handle, reply (assigned inspectors, or a manager). */
export const COMPLAINT_WORKERS: Role[] = ['admin', 'head', 'chief', 'inspector'];
/** Register calls and do callbacks (operators). */
export const COMPLAINT_REGISTRARS: Role[] = ['admin', 'head', 'chief', 'inspector', 'assistant'];
/** Approve the one extension of the conclusion deadline (机构负责人). */
export const COMPLAINT_APPROVERS: Role[] = ['admin', 'head'];

// ---------------------------------------------------------------------------------------------------
// Agencies (cached: intake must not query them on every submission)

export interface AgencyInfo { id: string; regionCode: string; level: string; name: string; shortName: string }
const agencyCache = new WeakMap<Db, { at: number; promise: Promise<AgencyInfo[]> }>();

export function agencyList(db: Db): Promise<AgencyInfo[]> {
  const hit = agencyCache.get(db);
  if (hit && Date.now() - hit.at < 60_000) return hit.promise;
  const entry = {
    at: Date.now(),
    // a real Promise: a Drizzle query is a lazy thenable that runs again on every await
    promise: Promise.resolve(db.select({ id: agencies.id, regionCode: agencies.regionCode, level: agencies.level, name: agencies.name, shortName: agencies.shortName })
      .from(agencies).where(eq(agencies.recordStatus, 'active')).orderBy(asc(agencies.regionCode))),
  };
  agencyCache.set(db, entry);
  entry.promise.catch(() => { if (agencyCache.get(db) === entry) agencyCache.delete(db); });
  return entry.promise;
}

/**
 * The agency that handles a complaint about a place: the most local agency at province, city or district
 * level whose jurisdiction contains the place (town branch offices work under their district agency).
 * Without a place, the top agency (the city's), which assigns or transfers it.
 */
export function handlingAgency(list: AgencyInfo[], placeRegion: string | null): AgencyInfo {
  const eligible = list.filter((a) => a.level !== '镇街');
  let best: AgencyInfo | null = null;
  if (placeRegion) {
    for (const a of eligible) {
      const p = regionScopePrefix(a.regionCode);
      if (placeRegion.startsWith(p) && (!best || p.length > regionScopePrefix(best.regionCode).length)) best = a;
    }
  }
  if (best) return best;
  const top = [...eligible].sort((a, b) => regionScopePrefix(a.regionCode).length - regionScopePrefix(b.regionCode).length)[0];
  if (!top) throw new AppError(503, 'no_agency', '系统尚未配置监督机构，暂时无法受理投诉');
  return top;
}

// ---------------------------------------------------------------------------------------------------
// Intake (every channel)

export interface PhotoFile { name: string; mime: string; content: Buffer }
export interface IntakeOptions {
  channel: Channel;
  actor: Actor | null;
  receivedAt?: Date;
  externalRef?: string | null;
  agencyId?: string | null;
  contactAddress?: string | null;
  photos?: PhotoFile[];
}

/**
 * Store a complaint from any channel. The complaint, its complainant, its first event, its photos and
 * the audit record are written in one transaction (intake-writer.ts: several concurrent submissions share
 * one); the caller answers only after it committed. A retried submission with the same `submissionKey`
 * returns the first one's tracking code.
 */
export async function registerComplaint(db: Db, input: PublicComplaintInput | StaffComplaintInput, opts: IntakeOptions):
  Promise<{ id: string; trackingCode: string; replay: boolean }> {
  let placeRegion = input.regionCode;
  let unitName = input.unitName;
  let { lat, lng } = input;
  if (input.entityId) {
    const [e] = await db.select({ regionCode: entities.regionCode, name: entities.name, lat: entities.lat, lng: entities.lng })
      .from(entities).where(and(eq(entities.id, input.entityId), eq(entities.recordStatus, 'active')));
    if (!e) throw invalid([{ field: 'entityId', label: '被投诉单位', message: '所选单位不存在，请重新搜索或直接填写单位名称' }]);
    placeRegion = e.regionCode;
    unitName ??= e.name;
    if (lat == null || lng == null) { lat = e.lat; lng = e.lng; }
  }
  const [list, rules, calendar] = await Promise.all([agencyList(db), loadSla(db), loadCalendar(db)]);
  let agency: AgencyInfo;
  if (opts.agencyId) {
    const a = list.find((x) => x.id === opts.agencyId);
    if (!a) throw invalid([{ field: 'agencyId', label: '承办机构', message: '承办机构不存在' }]);
    agency = a;
  } else if (!placeRegion && opts.actor?.agencyId) {
    agency = list.find((x) => x.id === opts.actor!.agencyId) ?? handlingAgency(list, opts.actor.regionCode);
  } else agency = handlingAgency(list, placeRegion);

  const receivedAt = opts.receivedAt ?? new Date();
  const receivedOn = todayIso(receivedAt);
  const acceptDue = dueDate(calendar, receivedOn, resolveSla(rules, opts.channel, input.category, 'accept'));
  const concludeDue = dueDate(calendar, receivedOn, resolveSla(rules, opts.channel, input.category, 'conclude'));
  const next = nextStep({ status: 'registered', acceptDue, concludeDue, extendedDue: null, assigneeNames: [] });
  const identity = !input.anonymous && (input.name || input.phone);
  const photos = (opts.photos ?? []).map((p) => ({ ...p, id: randomUUID(), sha256: createHash('sha256').update(p.content).digest('hex') }));
  const attachments = photos.map((p) => ({ id: p.id, name: p.name, size: p.content.length, mime: p.mime, sha256: p.sha256 }));
  const publicText = `投诉已登记，承办机构：${agency.name}。将于 ${acceptDue} 前决定是否受理并告知您。`;
  const actorId = opts.actor?.userId ?? null;
  const actorName = opts.actor?.displayName ?? null;

  for (let attempt = 0; attempt < 4; attempt++) {
    const id = randomUUID();
    const trackingCode = trackingCodeFrom(randomBytes(11));
    // group commit: answered only after the transaction holding this complaint (and its complainant, first
    // event, photos and audit record) has committed; under load several submissions share one transaction
    const { inserted } = await intakeWriter(db).write({
      complaint: {
        id, regionCode: agency.regionCode, trackingCode, channel: opts.channel, category: input.category, content: input.content,
        address: input.address, lng, lat, placeRegionCode: placeRegion, entityId: input.entityId, unitName, occurredOn: input.occurredOn,
        anonymous: input.anonymous, attachments, externalRef: opts.externalRef ?? null, submissionKey: input.submissionKey, receivedAt,
        agencyId: agency.id, status: 'registered', nextActor: next.nextActor, nextDue: next.nextDue, acceptDue, concludeDue,
        createdBy: actorId, updatedBy: actorId,
      },
      complainant: identity ? { name: input.name, phone: input.phone, contactAddress: opts.contactAddress ?? null } : undefined,
      event: {
        action: 'register', toStatus: 'registered', publicText, toAgencyId: agency.id, actorId, actorName, note: `来源：${CHANNELS[opts.channel]}`,
      },
      files: photos.map((p) => ({
        id: p.id, regionCode: agency.regionCode, name: p.name.slice(0, 255), mime: p.mime, size: p.content.length, sha256: p.sha256,
        content: p.content, createdBy: actorId,
      })),
      audit: {
        action: 'create', resource: 'complaints', resourceId: id, regionCode: agency.regionCode,
        // never the complainant's identity: the audit trail is readable by administrators
        after: { trackingCode, channel: opts.channel, category: input.category, agencyId: agency.id, anonymous: input.anonymous, photos: photos.length },
      },
      actor: opts.actor,
    });
    if (inserted) return { id, trackingCode, replay: false };
    if (input.submissionKey) {
      const [prior] = await db.select({ id: complaints.id, trackingCode: complaints.trackingCode }).from(complaints)
        .where(eq(complaints.submissionKey, input.submissionKey));
      if (prior) return { ...prior, replay: true };
    }
    // else: a tracking-code collision (2^-55 per pair); draw another code
  }
  throw new AppError(503, 'busy', '系统繁忙，请稍后重试');
}

// ---------------------------------------------------------------------------------------------------
// Reading

/**
 * Units of the register by name or address, city-wide (a complaint may be about a unit in any district):
 * only what is public anyway (name, address), at most 10.
 */
export async function searchUnits(db: Db, q: string) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db.select({ id: entities.id, name: entities.name, address: entities.address, regionCode: entities.regionCode }).from(entities)
    .where(and(eq(entities.recordStatus, 'active'), or(sql`${entities.name} like ${pattern}`, sql`${entities.address} like ${pattern}`))).limit(10);
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export async function loadComplaint(db: Db, actor: Actor, id: string, mode: 'read' | 'write' = 'read'): Promise<ComplaintRow> {
  if (!isUuid(id)) throw notFound('投诉');
  const [row] = await db.select().from(complaints).where(and(eq(complaints.id, id), eq(complaints.recordStatus, 'active'), scopeWhere(actor, scope, mode)));
  if (!row) throw notFound('投诉');
  return row;
}

const agencyNames = async (db: Db) => new Map((await agencyList(db)).map((a) => [a.id, a.name]));

export function presentComplaint(r: ComplaintRow, agencyName: string | undefined, today = todayIso()) {
  const soon = daysFromToday(DUE_SOON_DAYS);
  return {
    id: r.id, trackingCode: r.trackingCode, channel: r.channel, channelLabel: CHANNELS[r.channel as Channel] ?? r.channel,
    category: r.category, categoryLabel: COMPLAINT_CATEGORIES[r.category as ComplaintCategory] ?? r.category,
    content: r.content, address: r.address, lng: r.lng, lat: r.lat, placeRegionCode: r.placeRegionCode, entityId: r.entityId,
    unitName: r.unitName, occurredOn: r.occurredOn, anonymous: r.anonymous, attachments: r.attachments as { id: string; name: string; size: number; mime: string }[],
    externalRef: r.externalRef, receivedAt: r.receivedAt, agencyId: r.agencyId, agencyName: agencyName ?? '', regionCode: r.regionCode,
    section: r.section, assigneeIds: r.assigneeIds, assigneeNames: r.assigneeNames,
    status: r.status, statusLabel: COMPLAINT_STATUS[r.status as ComplaintStatus] ?? r.status,
    nextActor: r.nextActor, nextDue: r.nextDue, dueState: dueState(r.nextDue, today, soon),
    acceptDue: r.acceptDue, concludeDue: r.concludeDue, extendedDue: r.extendedDue, extensionReason: r.extensionReason,
    acceptedAt: r.acceptedAt, rejectReason: r.rejectReason, findings: r.findings,
    outcome: r.outcome, outcomeLabel: r.outcome ? OUTCOMES[r.outcome as Outcome] : null, leadId: r.leadId,
    replyText: r.replyText, repliedAt: r.repliedAt, closedAt: r.closedAt,
    satisfaction: r.satisfaction, satisfactionLabel: r.satisfaction ? SATISFACTION[r.satisfaction as 1 | 2 | 3] : null,
    callbackAt: r.callbackAt, callbackNote: r.callbackNote, mergedInto: r.mergedInto,
    version: r.version, updatedAt: r.updatedAt,
  };
}

export interface ComplaintListQuery {
  q?: string; status?: string; channel?: string; category?: string; due?: 'overdue' | 'soon'; mine?: boolean;
  agencyId?: string; from?: string; to?: string; page: number; pageSize: number;
}

/** Items where the actor is the next to act: assigned to them, or (chief/head) waiting for their agency's decision. */
export function mineCondition(actor: Actor): SQL {
  const assigned = and(sql`${complaints.assigneeIds} @> array[${actor.userId}]::uuid[]`, inArray(complaints.status, ['assigned', 'verifying', 'handled']));
  if (hasRole(actor, ['chief', 'head']) && actor.agencyId) {
    return or(assigned, and(eq(complaints.agencyId, actor.agencyId), inArray(complaints.status, ['registered', 'accepted', 'replied'])))!;
  }
  return assigned!;
}

function listConditions(actor: Actor, query: Omit<ComplaintListQuery, 'page' | 'pageSize'>): SQL[] {
  const conds: (SQL | undefined)[] = [scopeWhere(actor, scope, 'read'), eq(complaints.recordStatus, 'active')];
  const today = todayIso();
  if (query.status === 'open') conds.push(inArray(complaints.status, OPEN_STATUSES));
  else if (query.status) conds.push(inArray(complaints.status, query.status.split(',').slice(0, 10)));
  if (query.channel) conds.push(inArray(complaints.channel, query.channel.split(',').slice(0, 10)));
  if (query.category) conds.push(inArray(complaints.category, query.category.split(',').slice(0, 12)));
  if (query.agencyId && isUuid(query.agencyId)) conds.push(eq(complaints.agencyId, query.agencyId));
  if (query.from) conds.push(gte(complaints.receivedAt, new Date(`${query.from}T00:00:00+08:00`)));
  if (query.to) conds.push(sql`${complaints.receivedAt} < (${query.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  if (query.due === 'overdue') conds.push(sql`${complaints.nextDue} < ${today}`);
  else if (query.due === 'soon') conds.push(and(gte(complaints.nextDue, today), lte(complaints.nextDue, daysFromToday(DUE_SOON_DAYS))));
  if (query.mine) conds.push(mineCondition(actor));
  if (query.q) {
    const q = query.q.trim();
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(sql`${complaints.trackingCode} = ${q.toUpperCase()}`, sql`${complaints.unitName} like ${like}`, sql`${complaints.content} like ${like}`,
      sql`${complaints.address} like ${like}`)!);
  }
  return conds.filter(Boolean) as SQL[];
}

export async function listComplaints(db: Db, actor: Actor, query: ComplaintListQuery) {
  const where = and(...listConditions(actor, query));
  const [rows, [{ total }], names] = await Promise.all([
    db.select().from(complaints).where(where)
      .orderBy(sql`${complaints.nextDue} asc nulls last`, desc(complaints.receivedAt), asc(complaints.id))
      .limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(complaints).where(where),
    agencyNames(db),
  ]);
  const today = todayIso();
  return {
    items: rows.map((r) => {
      const p = presentComplaint(r, names.get(r.agencyId), today);
      // lists carry no identity and only the start of the text
      return { ...p, content: r.content.length > 80 ? `${r.content.slice(0, 80)}…` : r.content, findings: undefined, replyText: undefined };
    }),
    total, page: query.page, pageSize: query.pageSize,
  };
}

/** Rows for the Excel export: never the complainant's identity (GUIDE §2.4: never exported in bulk). */
export async function* exportComplaints(db: Db, actor: Actor, query: Omit<ComplaintListQuery, 'page' | 'pageSize'>) {
  const where = and(...listConditions(actor, query));
  const names = await agencyNames(db);
  let lastAt: Date | null = null;
  let lastId = '';
  for (;;) {
    const rows: ComplaintRow[] = await db.select().from(complaints)
      .where(and(where, lastAt ? sql`(${complaints.receivedAt}, ${complaints.id}) < (${lastAt.toISOString()}::timestamptz, ${lastId}::uuid)` : undefined))
      .orderBy(desc(complaints.receivedAt), desc(complaints.id)).limit(1000);
    if (!rows.length) return;
    for (const r of rows) yield presentComplaint(r, names.get(r.agencyId)) as unknown as Record<string, unknown>;
    lastAt = rows[rows.length - 1].receivedAt;
    lastId = rows[rows.length - 1].id;
  }
}

/** Counts for the home page: open, overdue and due-soon items in the jurisdiction and of the actor. */
export async function complaintSummary(db: Db, actor: Actor) {
  const today = todayIso();
  const soon = daysFromToday(DUE_SOON_DAYS);
  const base = and(scopeWhere(actor, scope, 'read'), eq(complaints.recordStatus, 'active'), sql`${complaints.nextDue} is not null`);
  const mine = mineCondition(actor);
  const [r] = await db.select({
    open: sql<number>`count(*)::int`,
    overdue: sql<number>`count(*) filter (where ${complaints.nextDue} < ${today})::int`,
    dueSoon: sql<number>`count(*) filter (where ${complaints.nextDue} >= ${today} and ${complaints.nextDue} <= ${soon})::int`,
    mineOpen: sql<number>`count(*) filter (where ${mine})::int`,
    mineOverdue: sql<number>`count(*) filter (where ${mine} and ${complaints.nextDue} < ${today})::int`,
    mineDueSoon: sql<number>`count(*) filter (where ${mine} and ${complaints.nextDue} >= ${today} and ${complaints.nextDue} <= ${soon})::int`,
  }).from(complaints).where(base);
  return { open: r.open, overdue: r.overdue, dueSoon: r.dueSoon, mine: { open: r.mineOpen, overdue: r.mineOverdue, dueSoon: r.mineDueSoon }, dueSoonDays: DUE_SOON_DAYS };
}

/** The actions the actor may take on a complaint now (the UI shows these buttons; the server re-checks). */
export function availableActions(actor: Actor, r: ComplaintRow): ComplaintAction[] {
  const out: ComplaintAction[] = [];
  for (const a of Object.keys(COMPLAINT_ACTIONS) as ComplaintAction[]) {
    if (!actionAllowed(a, r.status as ComplaintStatus)) continue;
    if (a === 'extend' && r.extendedDue) continue;
    if (a === 'callback' && r.callbackAt) continue;
    if (mayAct(actor, r, a)) out.push(a);
  }
  return out;
}

function mayAct(actor: Actor, r: ComplaintRow, action: ComplaintAction): boolean {
  switch (action) {
    case 'verify': case 'handle': case 'reply':
      return hasRole(actor, COMPLAINT_MANAGERS) || (hasRole(actor, COMPLAINT_WORKERS) && r.assigneeIds.includes(actor.userId));
    case 'callback': return hasRole(actor, COMPLAINT_REGISTRARS);
    case 'extend': return hasRole(actor, COMPLAINT_APPROVERS);
    default: return hasRole(actor, COMPLAINT_MANAGERS);
  }
}

export async function complaintDetail(db: Db, actor: Actor, id: string) {
  const row = await loadComplaint(db, actor, id, 'read');
  const [names, people, events, merged, master] = await Promise.all([
    agencyNames(db),
    db.select().from(complainants).where(eq(complainants.complaintId, id)).orderBy(asc(complainants.createdAt)),
    db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, id)).orderBy(asc(complaintEvents.id)),
    db.select({ id: complaints.id, trackingCode: complaints.trackingCode, receivedAt: complaints.receivedAt, channel: complaints.channel, content: complaints.content })
      .from(complaints).where(eq(complaints.mergedInto, id)).orderBy(asc(complaints.receivedAt)),
    row.mergedInto ? db.select({ id: complaints.id, trackingCode: complaints.trackingCode, status: complaints.status }).from(complaints).where(eq(complaints.id, row.mergedInto)) : Promise.resolve([]),
  ]);
  const canLog = hasRole(actor, COMPLAINT_MANAGERS);
  const views = canLog ? await db.select().from(complainantViews).where(eq(complainantViews.complaintId, id)).orderBy(desc(complainantViews.id)).limit(200) : null;
  const agency = names.get(row.agencyId);
  return {
    ...presentComplaint(row, agency),
    // masked for everyone here; the unmasked identity only through POST …/identity (logged)
    complainants: people.map((p) => ({ id: p.id, name: maskName(p.name), phone: maskPhone(p.phone), hasContactAddress: !!p.contactAddress })),
    canSeeIdentity: canSeeIdentity(actor, row) && !row.anonymous && people.length > 0,
    events: events.map((e) => ({
      id: e.id, at: e.at, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus,
      toStatusLabel: e.toStatus ? COMPLAINT_STATUS[e.toStatus as ComplaintStatus] : null, note: e.note, publicText: e.publicText,
      fromAgencyName: e.fromAgencyId ? names.get(e.fromAgencyId) ?? null : null, toAgencyName: e.toAgencyId ? names.get(e.toAgencyId) ?? null : null,
      actorName: e.actorName,
    })),
    merged: merged.map((m) => ({ ...m, channelLabel: CHANNELS[m.channel as Channel], content: m.content.slice(0, 80) })),
    master: master[0] ? { ...master[0], statusLabel: COMPLAINT_STATUS[master[0].status as ComplaintStatus] } : null,
    views: views?.map((v) => ({ id: v.id, at: v.at, userName: v.userName, purpose: v.purpose })) ?? null,
    actions: availableActions(actor, row),
  };
}

/**
 * 查看身份信息: the complainant's identity, for the roles handling the complaint only; every call is logged
 * (complainant_views, shown to chiefs on the detail page) and audited (without the identity itself).
 */
export async function revealIdentity(db: Db, actor: Actor, id: string, purpose: string) {
  const row = await loadComplaint(db, actor, id, 'read');
  if (!canSeeIdentity(actor, row)) throw forbidden('只有承办机构的科室负责人、机构负责人和承办人可以查看投诉人身份信息');
  const people = await db.select().from(complainants).where(eq(complainants.complaintId, id)).orderBy(asc(complainants.createdAt));
  await db.transaction(async (tx) => {
    await tx.insert(complainantViews).values({ complaintId: id, userId: actor.userId, userName: actor.displayName, purpose });
    await recordAudit(tx, actor, { action: 'view_identity', resource: 'complaints', resourceId: id, regionCode: row.regionCode, reason: purpose });
  });
  return {
    anonymous: row.anonymous,
    complainants: people.map((p) => ({ id: p.id, name: p.name, phone: p.phone, contactAddress: p.contactAddress, email: p.email, idNumber: p.idNumber })),
  };
}

/** Likely duplicates in the same jurisdiction within 30 days (rules.duplicateScore ≥ threshold), best first. */
export async function duplicateCandidates(db: Db, actor: Actor, id: string) {
  const row = await loadComplaint(db, actor, id, 'read');
  const window = DUPLICATE_WINDOW_DAYS * 86_400_000;
  const others = await db.select().from(complaints).where(and(
    scopeWhere(actor, scope, 'read'), eq(complaints.recordStatus, 'active'), ne(complaints.id, id),
    notInArray(complaints.status, ['merged', 'rejected']),
    gte(complaints.receivedAt, new Date(row.receivedAt.getTime() - window)), lte(complaints.receivedAt, new Date(row.receivedAt.getTime() + window)),
  )).limit(1000);
  const me = { ...row, receivedAt: row.receivedAt.getTime() };
  const names = await agencyNames(db);
  return others
    .map((o) => ({ o, ...duplicateScore(me, { ...o, receivedAt: o.receivedAt.getTime() }) }))
    .filter((x) => x.score >= DUPLICATE_THRESHOLD)
    .sort((a, b) => b.score - a.score)
    .slice(0, 10)
    .map(({ o, score, reasons }) => ({
      score, reasons, id: o.id, trackingCode: o.trackingCode, status: o.status, statusLabel: COMPLAINT_STATUS[o.status as ComplaintStatus],
      receivedAt: o.receivedAt, unitName: o.unitName, address: o.address, content: o.content.slice(0, 120), agencyName: names.get(o.agencyId) ?? '',
      channelLabel: CHANNELS[o.channel as Channel], version: o.version,
    }));
}

/** Staff of the complaint's agency who can be assigned (inspectors and section chiefs with an account). */
export async function assignableUsers(db: Db, actor: Actor, id: string) {
  const row = await loadComplaint(db, actor, id, 'read');
  return db.select({ id: users.id, displayName: users.displayName, roles: users.roles }).from(users)
    .where(and(eq(users.agencyId, row.agencyId), eq(users.recordStatus, 'active'), sql`${users.roles} && array['inspector','chief']::text[]`))
    .orderBy(asc(users.displayName));
}

// ---------------------------------------------------------------------------------------------------
// Changes

const stale = (version: number, current: number) =>
  conflict(`该投诉已被他人处理或修改（您操作的是第 ${version} 版，当前为第 ${current} 版）。请刷新后重试。`, { currentVersion: current });

/** Load for a change: write scope, allowed in the current status, allowed for the actor, current version. */
async function forChange(db: Db, actor: Actor, id: string, action: ComplaintAction, version: number) {
  const row = await loadComplaint(db, actor, id, 'write');
  if (!mayAct(actor, row, action)) {
    throw forbidden(['verify', 'handle', 'reply'].includes(action) ? '只有承办人或科室负责人可以办理该投诉' : `您没有“${COMPLAINT_ACTIONS[action].label}”的权限`);
  }
  if (!actionAllowed(action, row.status as ComplaintStatus)) {
    throw conflict(`投诉当前为“${COMPLAINT_STATUS[row.status as ComplaintStatus]}”，不能${COMPLAINT_ACTIONS[action].label}`);
  }
  if (row.version !== version) throw stale(version, row.version);
  return row;
}

interface EventInput { action: string; note?: string | null; publicText?: string | null; fromAgencyId?: string | null; toAgencyId?: string | null }

const pick = (r: Record<string, unknown>, keys: Record<string, unknown>) => Object.fromEntries(Object.keys(keys).map((k) => [k, r[k]]));

/** Apply a change with its recomputed next step, event and audit record in one transaction. */
async function applyChange(db: Db, actor: Actor, row: ComplaintRow, values: Partial<typeof complaints.$inferInsert>, event: EventInput,
  opts: { callbackDue?: string | null; reachable?: boolean; inTx?: (tx: Db, updated: ComplaintRow) => Promise<Partial<typeof complaints.$inferInsert> | void> } = {}) {
  const merged = { ...row, ...values } as ComplaintRow;
  const next = nextStep({
    status: merged.status as ComplaintStatus, acceptDue: merged.acceptDue, concludeDue: merged.concludeDue, extendedDue: merged.extendedDue,
    assigneeNames: merged.assigneeNames, callbackDone: !!merged.callbackAt, reachable: opts.reachable, callbackDue: opts.callbackDue ?? row.nextDue,
  });
  const set = { ...values, nextActor: next.nextActor, nextDue: next.nextDue };
  return db.transaction(async (tx) => {
    let [updated] = await tx.update(complaints).set({ ...set, version: sql`${complaints.version} + 1`, updatedAt: sql`now()`, updatedBy: actor.userId })
      .where(and(eq(complaints.id, row.id), eq(complaints.version, row.version))).returning();
    if (!updated) throw stale(row.version, row.version + 1);
    if (opts.inTx) {
      const more = await opts.inTx(tx, updated);
      if (more) [updated] = await tx.update(complaints).set(more).where(eq(complaints.id, row.id)).returning();
    }
    await tx.insert(complaintEvents).values({
      complaintId: row.id, action: event.action, fromStatus: row.status, toStatus: updated.status, note: event.note ?? null,
      publicText: event.publicText ?? null, fromAgencyId: event.fromAgencyId ?? null, toAgencyId: event.toAgencyId ?? null,
      actorId: actor.userId, actorName: actor.displayName,
    });
    await recordAudit(tx, actor, {
      action: event.action, resource: 'complaints', resourceId: row.id, regionCode: updated.regionCode, reason: event.note ?? null,
      before: pick(row, set), after: pick(updated, set),
    });
    return updated;
  });
}

export async function acceptComplaint(db: Db, actor: Actor, id: string, version: number) {
  const row = await forChange(db, actor, id, 'accept', version);
  const [rules, calendar] = await Promise.all([loadSla(db), loadCalendar(db)]);
  const today = todayIso();
  const concludeDue = dueDate(calendar, today, resolveSla(rules, row.channel, row.category, 'conclude'));
  return applyChange(db, actor, row, { status: 'accepted', acceptedAt: new Date(), concludeDue }, {
    action: 'accept', publicText: `已受理，将于 ${concludeDue} 前办结并答复。`,
  });
}

export async function rejectComplaint(db: Db, actor: Actor, id: string, version: number, reason: string) {
  const row = await forChange(db, actor, id, 'reject', version);
  return applyChange(db, actor, row, { status: 'rejected', rejectReason: reason, closedAt: new Date() }, {
    action: 'reject', note: reason, publicText: `不予受理。理由：${reason}`,
  });
}

export async function assignComplaint(db: Db, actor: Actor, id: string, input: { version: number; section: string | null; assigneeIds: string[]; note: string | null }) {
  const row = await forChange(db, actor, id, 'assign', input.version);
  const ids = [...new Set(input.assigneeIds)];
  const staff = await db.select({ id: users.id, displayName: users.displayName }).from(users)
    .where(and(inArray(users.id, ids), eq(users.agencyId, row.agencyId), eq(users.recordStatus, 'active')));
  if (staff.length !== ids.length) throw invalid([{ field: 'assigneeIds', label: '承办人', message: '承办人应为承办机构的在岗人员' }]);
  const names = ids.map((x) => staff.find((s) => s.id === x)!.displayName);
  const first = row.status === 'accepted';
  return applyChange(db, actor, row, { status: first ? 'assigned' : row.status, section: input.section, assigneeIds: ids, assigneeNames: names }, {
    action: 'assign', note: [`承办人：${names.join('、')}`, input.section ? `科室：${input.section}` : null, input.note].filter(Boolean).join('；'),
    publicText: first ? '已分派承办人员调查核实。' : null,
  });
}

/**
 * 转办: the complaint belongs to another agency's jurisdiction. It moves there with its whole history and
 * starts again at 待受理 with a fresh acceptance period (the receiving agency decides).
 */
export async function transferComplaint(db: Db, actor: Actor, id: string, input: { version: number; toAgencyId: string; reason: string }) {
  const row = await forChange(db, actor, id, 'transfer', input.version);
  const target = (await agencyList(db)).find((a) => a.id === input.toAgencyId);
  if (!target) throw invalid([{ field: 'toAgencyId', label: '转办机构', message: '转办机构不存在' }]);
  if (target.id === row.agencyId) throw invalid([{ field: 'toAgencyId', label: '转办机构', message: '不能转办给本机构' }]);
  const [rules, calendar] = await Promise.all([loadSla(db), loadCalendar(db)]);
  const today = todayIso();
  return applyChange(db, actor, row, {
    agencyId: target.id, regionCode: target.regionCode, status: 'registered', section: null, assigneeIds: [], assigneeNames: [], acceptedAt: null,
    acceptDue: dueDate(calendar, today, resolveSla(rules, row.channel, row.category, 'accept')),
    concludeDue: dueDate(calendar, today, resolveSla(rules, row.channel, row.category, 'conclude')),
  }, { action: 'transfer', note: input.reason, publicText: `已转交${target.name}办理。`, fromAgencyId: row.agencyId, toAgencyId: target.id });
}

async function attachmentsOf(db: Db, actor: Actor, ids: string[]) {
  if (!ids.length) return [];
  const rows = await db.select({ id: files.id, name: files.name, size: files.size, mime: files.mime, sha256: files.sha256 })
    .from(files).where(and(inArray(files.id, ids), eq(files.createdBy, actor.userId)));
  if (rows.length !== new Set(ids).size) throw invalid([{ field: 'attachmentIds', label: '证据材料', message: '附件不存在或不是您上传的' }]);
  return rows;
}

export async function verifyComplaint(db: Db, actor: Actor, id: string, input: { version: number; findings: string; attachmentIds: string[] }) {
  const row = await forChange(db, actor, id, 'verify', input.version);
  const evidence = await attachmentsOf(db, actor, input.attachmentIds);
  return applyChange(db, actor, row, {
    status: 'verifying', findings: input.findings, attachments: [...(row.attachments as unknown[]), ...evidence.map((e) => ({ ...e, evidence: true }))],
  }, { action: 'verify', note: input.findings, publicText: row.status === 'assigned' ? '正在调查核实。' : null });
}

const OUTCOME_PUBLIC: Record<Outcome, string> = {
  no_violation: '经调查核实，未发现所反映的违法行为。',
  rectification: '经调查核实，已责令被投诉单位整改。',
  lead: '经调查核实，已作为案源线索依法进一步查处。',
};

export async function handleComplaint(db: Db, actor: Actor, id: string, input: { version: number; outcome: Outcome; note: string | null }) {
  const row = await forChange(db, actor, id, 'handle', input.version);
  if (!row.findings) throw invalid([{ field: 'findings', label: '核查情况', message: '请先登记核查情况' }]);
  return applyChange(db, actor, row, { status: 'handled', outcome: input.outcome }, {
    action: 'handle', note: [OUTCOMES[input.outcome], input.note].filter(Boolean).join('：'), publicText: OUTCOME_PUBLIC[input.outcome],
  }, {
    // 转为线索: the lead is created in the same transaction (server/domains/leads/service.ts)
    inTx: input.outcome === 'lead' ? async (tx) => {
      const lead = await createLeadInTx(tx, actor, {
        source: 'complaint', originType: 'complaint', originId: row.id, originRef: row.trackingCode, entityId: row.entityId,
        unitName: row.unitName ?? row.address ?? '（未注明单位）', facts: `${row.content}\n\n核查情况：${row.findings}${input.note ? `\n处理意见：${input.note}` : ''}`,
        category: row.category, receivedOn: todayIso(row.receivedAt), agencyId: row.agencyId, regionCode: row.regionCode, handlerIds: row.assigneeIds,
      });
      return { leadId: lead.id };
    } : undefined,
  });
}

export async function replyComplaint(db: Db, actor: Actor, id: string, input: { version: number; replyText: string }) {
  const row = await forChange(db, actor, id, 'reply', input.version);
  return applyChange(db, actor, row, { status: 'replied', replyText: input.replyText, repliedAt: new Date() }, {
    action: 'reply', note: input.replyText, publicText: '已答复，答复内容见下方。',
  });
}

export async function closeComplaint(db: Db, actor: Actor, id: string, version: number) {
  const row = await forChange(db, actor, id, 'close', version);
  const [rules, calendar, people] = await Promise.all([
    loadSla(db), loadCalendar(db), db.select({ phone: complainants.phone }).from(complainants).where(eq(complainants.complaintId, id)),
  ]);
  const callbackDue = dueDate(calendar, todayIso(), resolveSla(rules, row.channel, row.category, 'callback'));
  return applyChange(db, actor, row, { status: 'closed', closedAt: new Date() }, { action: 'close', publicText: '已办结。' }, {
    callbackDue, reachable: !row.anonymous && people.some((p) => !!p.phone),
  });
}

export async function callbackComplaint(db: Db, actor: Actor, id: string, input: { version: number; satisfaction: 1 | 2 | 3 | null; note: string | null }) {
  const row = await forChange(db, actor, id, 'callback', input.version);
  if (row.callbackAt) throw conflict('该投诉已回访');
  return applyChange(db, actor, row, { satisfaction: input.satisfaction, callbackAt: new Date(), callbackNote: input.note }, {
    action: 'callback', note: [input.satisfaction ? `满意度：${SATISFACTION[input.satisfaction]}` : '未取得评价', input.note].filter(Boolean).join('；'),
    publicText: '已回访，感谢您的监督。',
  });
}

/** 延期: once, by up to the SLA's extension limit, approved by the head (信访工作条例 Art. 34). */
export async function extendComplaint(db: Db, actor: Actor, id: string, input: { version: number; days: number; reason: string }) {
  const row = await forChange(db, actor, id, 'extend', input.version);
  if (row.extendedDue) throw conflict('办理期限只能延长一次');
  if (!row.concludeDue) throw conflict('该投诉尚无办结期限');
  const [rules, calendar] = await Promise.all([loadSla(db), loadCalendar(db)]);
  const limit = resolveSla(rules, row.channel, row.category, 'extend');
  if (input.days > limit.days) {
    throw invalid([{ field: 'days', label: '延长天数', message: `延长不能超过 ${limit.days} ${limit.unit === 'working' ? '个工作日' : '日'}（${limit.basis ?? '时限规则'}）` }]);
  }
  const extendedDue = dueDate(calendar, row.concludeDue, { days: input.days, unit: limit.unit as 'working' | 'natural' });
  return applyChange(db, actor, row, { extendedDue, extensionReason: input.reason, extensionApprovedBy: actor.userId }, {
    action: 'extend', note: `延长至 ${extendedDue}：${input.reason}`, publicText: `因情况复杂，经批准办理期限延长至 ${extendedDue}。`,
  });
}

/**
 * 并案: a duplicate joins another complaint, which carries the work. The duplicate keeps its complainants
 * and its tracking code, and its tracking page follows the master's progress and shows its reply.
 */
export async function mergeComplaint(db: Db, actor: Actor, id: string, input: { version: number; masterId: string; note: string | null }) {
  if (input.masterId === id) throw invalid([{ field: 'masterId', label: '主投诉', message: '不能与自身并案' }]);
  const row = await forChange(db, actor, id, 'merge', input.version);
  const master = await loadComplaint(db, actor, input.masterId, 'write').catch(() => null);
  if (!master) throw invalid([{ field: 'masterId', label: '主投诉', message: '主投诉不存在或不在您的辖区内' }]);
  if (['merged', 'rejected', 'closed'].includes(master.status)) {
    throw invalid([{ field: 'masterId', label: '主投诉', message: `主投诉当前为“${COMPLAINT_STATUS[master.status as ComplaintStatus]}”，不能并入` }]);
  }
  const updated = await applyChange(db, actor, row, { status: 'merged', mergedInto: master.id }, {
    action: 'merge', note: [`并入投诉 ${master.trackingCode}`, input.note].filter(Boolean).join('；'), publicText: '该投诉与反映同一问题的其他投诉合并办理，办理进度和答复见下方。',
  }, {
    inTx: async (tx) => {
      await tx.insert(complaintEvents).values({
        complaintId: master.id, action: 'merge_in', fromStatus: master.status, toStatus: master.status,
        note: [`投诉 ${row.trackingCode} 并入本件`, input.note].filter(Boolean).join('；'), actorId: actor.userId, actorName: actor.displayName,
      });
    },
  });
  return updated;
}

/** Action dispatch for the routes. */
export const COMMANDS = {
  accept: acceptComplaint, reject: rejectComplaint, assign: assignComplaint, transfer: transferComplaint, verify: verifyComplaint,
  handle: handleComplaint, reply: replyComplaint, close: closeComplaint, callback: callbackComplaint, extend: extendComplaint, merge: mergeComplaint,
};
