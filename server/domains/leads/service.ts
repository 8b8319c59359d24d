/**
 * Commands and queries of the lead ledger (线索台账). Every read and write is scoped through
 * access.scopeWhere; every change is one transaction with its lead_event and its audit record.
 */
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agencies, complainants, entities, inspectors, leadEvents, leads, plans, settings, tasks, users } from '../../db/schema/index';
import { type Actor, canWriteRegion, scopeWhere } from '../../platform/access';
import { recordAudit } from '../../platform/audit';
import type { WorkCalendar } from '../../platform/calendar/calendar';
import { loadCalendar } from '../../platform/calendar/store';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors';
import { todayIso } from '../../platform/dates';
import { isRealDate } from '../../platform/fields';
import { regionScopePrefix } from '../regions/region-code';
import {
  actionProblem, deadlineState, DEFAULT_VERIFY_WORKING_DAYS, dispositionProblems, dispositionValues, extendedDeadline, extensionDecisionProblem,
  extensionPending, extensionRequestProblem, filingDeadline, leadCode, mayAct, nextLeadSeq, redactIdentity, statusAfter, verificationProblems, verifyDeadline,
  verifyOverdueCutoff, type DispositionContext, type LeadAction, type MergeTarget,
} from './rules';
import {
  DISPOSITIONS, LEAD_SOURCES, LEAD_STATUS, type Disposition, type DisposeInput, type LeadInput, type LeadQuery, type LeadSource, type LeadStatus,
} from './schema';

export type LeadRow = typeof leads.$inferSelect;

/** Namespace of the transaction-scoped advisory lock that serialises numbering per agency and year. */
const LEAD_NUMBER_LOCK = 727301;

export interface CreateLeadInput {
  source: LeadSource;
  /** 'complaint' | 'task' | … — the kind of record `originId` points to. */
  originType?: string;
  originId?: string;
  /** Human reference of the origin: a complaint's tracking code, a document number, a media item. */
  originRef?: string;
  entityId?: string | null;
  unitName: string;
  facts: string;
  category?: string | null;
  /** YYYY-MM-DD: when the lead was received or discovered. */
  receivedOn: string;
  agencyId: string;
  regionCode: string;
  /** Users (or inspectors, mapped to their user accounts) who handle the lead. */
  handlerIds?: string[];
  /** Refuse (400) instead of leaving out handlers who cannot handle a lead (the ledger's own form). */
  strictHandlers?: boolean;
}

/**
 * Number a lead, insert it, write its first event and its audit record — all inside the caller's
 * transaction (so a complaint or task turned into a lead and the lead commit together). The number is
 * `${docPrefix}线〔year〕seq号`, gap-free per agency and registration year: a transaction-scoped advisory
 * lock on (agency, year) serialises concurrent registrations and a rolled-back one releases its number.
 */
export async function createLeadInTx(tx: Db, actor: Actor, input: CreateLeadInput): Promise<{ id: string; code: string }> {
  const [agency] = await tx.select({ id: agencies.id, regionCode: agencies.regionCode, docPrefix: agencies.docPrefix })
    .from(agencies).where(and(eq(agencies.id, input.agencyId), eq(agencies.recordStatus, 'active')));
  if (!agency) throw invalid([{ field: 'agencyId', label: '承办机构', message: '承办机构不存在或已停用' }]);
  if (!canWriteRegion(actor, agency.regionCode) && !canWriteRegion(actor, input.regionCode)) {
    throw invalid([{ field: 'agencyId', label: '承办机构', message: '只能为本机构或下级机构登记线索' }]);
  }
  if (!input.regionCode.startsWith(regionScopePrefix(agency.regionCode))) {
    throw invalid([{ field: 'regionCode', label: '所属区划', message: '线索所属区划不在承办机构的辖区内' }]);
  }
  const today = todayIso();
  if (input.receivedOn > today) throw invalid([{ field: 'receivedOn', label: '收到日期', message: '收到日期不能晚于今天' }]);
  // other domains pass their own assignees: those who cannot handle a lead are left out (the chief assigns later)
  const handlers = await resolveHandlers(tx, input.handlerIds ?? [], agency.regionCode, { lenient: !input.strictHandlers });
  // a lead from a complaint never carries the complainant's identity (the ledger is read and exported widely)
  const facts = input.source === 'complaint' ? redactIdentity(input.facts, input.originId ? await complainantsOf(tx, [input.originId]) : []) : input.facts;

  const year = Number(today.slice(0, 4));
  await tx.execute(sql`select pg_advisory_xact_lock(${LEAD_NUMBER_LOCK}, hashtext(${`${agency.id}:${year}`}))`);
  const [{ maxSeq }] = await tx.select({ maxSeq: sql<number | null>`max(${leads.seq})` }).from(leads)
    .where(and(eq(leads.agencyId, agency.id), eq(leads.year, year)));
  const seq = nextLeadSeq(maxSeq == null ? null : Number(maxSeq));
  const code = leadCode(agency.docPrefix, year, seq);
  const status = handlers.length ? 'verifying' : 'registered';
  const [row] = await tx.insert(leads).values({
    regionCode: input.regionCode, code, agencyId: agency.id, year, seq, source: input.source,
    originType: input.originType ?? null, originId: input.originId ?? null, originRef: input.originRef?.slice(0, 200) ?? null,
    entityId: input.entityId ?? null, unitName: input.unitName.slice(0, 200), facts, category: input.category ?? null,
    receivedOn: input.receivedOn, handlerIds: handlers.map((h) => h.id), handlerNames: handlers.map((h) => h.name), status,
    createdBy: actor.userId, updatedBy: actor.userId,
  }).returning();
  await tx.insert(leadEvents).values({
    leadId: row.id, action: 'register', fromStatus: null, toStatus: status, actorId: actor.userId, actorName: actor.displayName,
    note: handlers.length ? `登记线索，承办人：${handlers.map((h) => h.name).join('、')}` : '登记线索',
  });
  await recordAudit(tx, actor, { action: 'create', resource: 'leads', resourceId: row.id, regionCode: row.regionCode, after: row });
  return { id: row.id, code };
}

async function complainantsOf(db: Db, complaintIds: string[]) {
  const ids = complaintIds.filter((x) => /^[0-9a-f-]{36}$/i.test(x));
  if (!ids.length) return [];
  return db.select({ complaintId: complainants.complaintId, name: complainants.name, phone: complainants.phone, idNumber: complainants.idNumber })
    .from(complainants).where(inArray(complainants.complaintId, ids));
}

/**
 * Handlers are user accounts of staff inside the agency's jurisdiction. An inspector id (执法人员名录库) is
 * accepted too and mapped to the inspector's user account.
 */
export async function resolveHandlers(db: Db, ids: string[], agencyRegion: string, opts: { lenient?: boolean } = {}): Promise<{ id: string; name: string }[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const found = await db.select({ id: users.id, name: users.displayName, regionCode: users.regionCode, roles: users.roles, status: users.recordStatus })
    .from(users).where(inArray(users.id, unique));
  const byId = new Map(found.map((u) => [u.id, u]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length) {
    const viaInspector = await db.select({ inspectorId: inspectors.id, id: users.id, name: users.displayName, regionCode: users.regionCode, roles: users.roles, status: users.recordStatus })
      .from(inspectors).innerJoin(users, eq(users.id, inspectors.userId)).where(and(inArray(inspectors.id, missing), eq(inspectors.recordStatus, 'active')));
    for (const v of viaInspector) byId.set(v.inspectorId, v);
  }
  const prefix = regionScopePrefix(agencyRegion);
  const out: { id: string; name: string }[] = [];
  for (const id of unique) {
    const u = byId.get(id);
    if (!u || u.status !== 'active' || !u.roles.some((r) => ['inspector', 'chief', 'head'].includes(r))) {
      if (opts.lenient) continue;
      throw invalid([{ field: 'handlerIds', label: '承办人', message: '承办人须为在职的执法人员或科室负责人' }]);
    }
    if (!u.regionCode.startsWith(prefix) && !prefix.startsWith(regionScopePrefix(u.regionCode))) {
      if (opts.lenient) continue;
      throw invalid([{ field: 'handlerIds', label: '承办人', message: `承办人“${u.name}”不属于承办机构或其上级机构` }]);
    }
    if (!out.some((o) => o.id === u.id)) out.push({ id: u.id, name: u.name });
  }
  return out;
}

// ======================================================================= queries

const leadScope = { region: leads.regionCode };

const stale = (version: number, current: number) =>
  conflict(`该线索已被他人修改（您操作的是第 ${version} 版，当前为第 ${current} 版）。请刷新后重试。`, { currentVersion: current });

/** The agency's own verification period (working days), settings key `leads.verifyWorkingDays`. */
export async function verifyWorkingDays(db: Db): Promise<number> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'leads.verifyWorkingDays'));
  const n = Number(row?.value);
  return Number.isInteger(n) && n > 0 && n <= 365 ? n : DEFAULT_VERIFY_WORKING_DAYS;
}

export async function loadLead(db: Db, actor: Actor, id: string, mode: 'read' | 'write'): Promise<LeadRow> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound('线索');
  const [row] = await db.select().from(leads).where(and(eq(leads.id, id), eq(leads.recordStatus, 'active'), scopeWhere(actor, leadScope, mode)));
  if (!row) throw notFound('线索');
  return row;
}

export interface LedgerClock { today: string; calendar: WorkCalendar; verifyDays: number }

export async function ledgerClock(db: Db, now = new Date()): Promise<LedgerClock> {
  const [calendar, verifyDays] = await Promise.all([loadCalendar(db), verifyWorkingDays(db)]);
  return { today: todayIso(now), calendar, verifyDays };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** SQL for "past its deadline and not disposed of": the filing decision (Art. 32) or the verification period. */
function overdueSql(clock: LedgerClock): SQL {
  const cutoff = verifyOverdueCutoff(clock.calendar, clock.today, clock.verifyDays);
  return sql`((${leads.status} = 'verified' and coalesce(${leads.extendedDue}, ${leads.filingDue}) < ${clock.today})
    or (${leads.status} in ('registered', 'verifying') and ${leads.receivedOn} <= ${cutoff}))`;
}

export function ledgerConditions(actor: Actor, q: Omit<LeadQuery, 'page' | 'pageSize'>, clock: LedgerClock): SQL {
  const conds: (SQL | undefined)[] = [eq(leads.recordStatus, 'active'), scopeWhere(actor, leadScope, 'read')];
  if (q.q) {
    const p = `%${escapeLike(q.q)}%`;
    conds.push(sql`(${leads.code} like ${p} or ${leads.unitName} like ${p} or ${leads.facts} like ${p} or ${leads.originRef} like ${p})`);
  }
  if (q.source) conds.push(eq(leads.source, q.source));
  if (q.status === 'open') conds.push(sql`${leads.status} <> 'disposed'`);
  else if (q.status) conds.push(eq(leads.status, q.status));
  if (q.disposition) conds.push(eq(leads.disposition, q.disposition));
  if (q.overdue === 'true') conds.push(overdueSql(clock));
  if (q.overdue === 'false') conds.push(sql`not ${overdueSql(clock)}`);
  if (q.handlerId) conds.push(sql`${leads.handlerIds} @> array[${q.handlerId}]::uuid[]`);
  if (q.mine === 'true') conds.push(sql`${leads.handlerIds} @> array[${actor.userId}]::uuid[]`);
  if (q.from && isRealDate(q.from)) conds.push(gte(leads.receivedOn, q.from));
  if (q.to && isRealDate(q.to)) conds.push(lte(leads.receivedOn, q.to));
  if (q.agencyId) conds.push(eq(leads.agencyId, q.agencyId));
  return and(...conds)!;
}

export async function listLeads(db: Db, actor: Actor, q: LeadQuery) {
  const clock = await ledgerClock(db);
  const where = ledgerConditions(actor, q, clock);
  const [rows, [{ total }], [{ overdue }]] = await Promise.all([
    db.select().from(leads).where(where).orderBy(desc(leads.year), desc(leads.seq), asc(leads.id))
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(leads).where(where),
    db.select({ overdue: sql<number>`count(*)::int` }).from(leads)
      .where(and(eq(leads.recordStatus, 'active'), scopeWhere(actor, leadScope, 'read'), overdueSql(clock))),
  ]);
  const names = await relatedNames(db, rows);
  return { items: rows.map((r) => presentLead(r, clock, names)), total, page: q.page, pageSize: q.pageSize, overdueTotal: overdue };
}

/** Count of overdue leads in the actor's jurisdiction (home page card). */
export async function overdueCount(db: Db, actor: Actor) {
  const clock = await ledgerClock(db);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(leads)
    .where(and(eq(leads.recordStatus, 'active'), scopeWhere(actor, leadScope, 'read'), overdueSql(clock)));
  const [{ mine }] = await db.select({ mine: sql<number>`count(*)::int` }).from(leads)
    .where(and(eq(leads.recordStatus, 'active'), scopeWhere(actor, leadScope, 'read'), overdueSql(clock),
      sql`${leads.handlerIds} @> array[${actor.userId}]::uuid[]`));
  return { overdue: n, mineOverdue: mine };
}

export interface RelatedNames { agencies: Map<string, string>; codes: Map<string, string> }

export async function relatedNames(db: Db, rows: LeadRow[]): Promise<RelatedNames> {
  const agencyIds = [...new Set(rows.map((r) => r.agencyId))];
  const mergedIds = [...new Set(rows.map((r) => r.mergedInto).filter((x): x is string => !!x))];
  const [ags, codes] = await Promise.all([
    agencyIds.length ? db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, agencyIds)) : [],
    mergedIds.length ? db.select({ id: leads.id, code: leads.code }).from(leads).where(inArray(leads.id, mergedIds)) : [],
  ]);
  return { agencies: new Map(ags.map((a) => [a.id, a.name])), codes: new Map(codes.map((c) => [c.id, c.code])) };
}

/** What the ledger shows of a lead: its fields, labels, the deadline in force and whether it has passed. */
export function presentLead(r: LeadRow, clock: LedgerClock, names: RelatedNames) {
  const verifyDue = verifyDeadline(clock.calendar, r.receivedOn, clock.verifyDays);
  const dl = deadlineState({ status: r.status as LeadStatus, receivedOn: r.receivedOn, filingDue: r.filingDue, extendedDue: r.extendedDue, dispositionOn: r.dispositionOn }, clock.today, verifyDue);
  return {
    id: r.id, code: r.code, year: r.year, seq: r.seq, regionCode: r.regionCode, agencyId: r.agencyId, agencyName: names.agencies.get(r.agencyId) ?? null,
    source: r.source, sourceLabel: LEAD_SOURCES[r.source as LeadSource] ?? r.source, originType: r.originType, originId: r.originId, originRef: r.originRef,
    entityId: r.entityId, unitName: r.unitName, facts: r.facts, category: r.category, receivedOn: r.receivedOn,
    registeredOn: todayIso(r.createdAt), handlerIds: r.handlerIds, handlerNames: r.handlerNames,
    status: r.status, statusLabel: LEAD_STATUS[r.status as LeadStatus] ?? r.status,
    verification: r.verification, verifiedOn: r.verifiedOn, filingDue: r.filingDue, extendedDue: r.extendedDue,
    extensionReason: r.extensionReason, extensionApprovedBy: r.extensionApprovedBy,
    extensionPending: extensionPending({ status: r.status as LeadStatus, filingDue: r.filingDue, extendedDue: r.extendedDue, extensionReason: r.extensionReason, extensionApprovedBy: r.extensionApprovedBy }),
    disposition: r.disposition, dispositionLabel: r.disposition ? DISPOSITIONS[r.disposition as Disposition] : null, dispositionOn: r.dispositionOn,
    dispositionReason: r.dispositionReason, approvedBy: r.approvedBy, approverName: r.approverName,
    transferTo: r.transferTo, transferDocNo: r.transferDocNo, mergedInto: r.mergedInto, mergedIntoCode: r.mergedInto ? names.codes.get(r.mergedInto) ?? null : null,
    deadlineKind: dl.kind, due: dl.due, overdue: dl.overdue, disposedLate: dl.disposedLate,
    daysLeft: dl.due && dl.kind ? clock.calendar.workingDaysBetween(clock.today, dl.due) : null,
    version: r.version, createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
}
export type PresentedLead = ReturnType<typeof presentLead>;

/** Detail: the lead, its timeline, leads merged into it, and what the actor may do now. */
export async function leadDetail(db: Db, actor: Actor, id: string) {
  const row = await loadLead(db, actor, id, 'read');
  const clock = await ledgerClock(db);
  const [events, children, names] = await Promise.all([
    db.select().from(leadEvents).where(eq(leadEvents.leadId, id)).orderBy(asc(leadEvents.at), asc(leadEvents.id)),
    db.select({ id: leads.id, code: leads.code, unitName: leads.unitName, dispositionOn: leads.dispositionOn }).from(leads)
      .where(and(eq(leads.mergedInto, id), scopeWhere(actor, leadScope, 'read'))).orderBy(asc(leads.year), asc(leads.seq)),
    relatedNames(db, [row]),
  ]);
  const presented = presentLead(row, clock, names);
  const writable = canWriteRegion(actor, row.regionCode);
  const who = { roles: actor.roles, isHandler: row.handlerIds.includes(actor.userId) };
  const status = row.status as LeadStatus;
  const can = (action: LeadAction) => writable && mayAct(action, who) && !actionProblem(action, status);
  const facts = { status, filingDue: row.filingDue, extendedDue: row.extendedDue, extensionReason: row.extensionReason, extensionApprovedBy: row.extensionApprovedBy };
  return {
    ...presented,
    events: events.map((e) => ({ id: e.id, at: e.at, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, actorName: e.actorName })),
    mergedLeads: children,
    originLink: row.originType === 'task' && row.originId ? `/tasks/${row.originId}` : row.originType === 'complaint' && row.originId ? `/complaints/${row.originId}` : null,
    actions: {
      assign: can('assign'),
      verify: can('verify'),
      requestExtension: writable && mayAct('requestExtension', who) && !extensionRequestProblem(facts, clock.today),
      decideExtension: writable && mayAct('decideExtension', who) && !extensionDecisionProblem(facts, clock.today, false),
      dispose: can('dispose'),
      disposeFile: can('dispose') && !actionProblem('dispose', status, 'file'),
    },
  };
}

/** Agencies the actor may register leads for, their staff who may handle leads, and the heads who may approve filing. */
export async function leadOptions(db: Db, actor: Actor, agencyId?: string) {
  const ags = await db.select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode, docPrefix: agencies.docPrefix })
    .from(agencies).where(and(eq(agencies.recordStatus, 'active'), scopeWhere(actor, { region: agencies.regionCode }, 'read')))
    .orderBy(asc(agencies.regionCode));
  const agency = ags.find((a) => a.id === agencyId) ?? ags.find((a) => a.id === actor.agencyId) ?? ags[0];
  if (!agency) return { agencies: ags, handlers: [], approvers: [] };
  const prefix = regionScopePrefix(agency.regionCode);
  const staff = await db.select({ id: users.id, name: users.displayName, roles: users.roles, regionCode: users.regionCode, agencyId: users.agencyId })
    .from(users).where(and(eq(users.recordStatus, 'active'), sql`${users.roles} && array['inspector','chief','head']::text[]`))
    .orderBy(asc(users.displayName));
  const covers = (u: { regionCode: string }) => prefix.startsWith(regionScopePrefix(u.regionCode));
  return {
    agencies: ags,
    agencyId: agency.id,
    handlers: staff.filter((u) => u.regionCode.startsWith(prefix) || covers(u)).map((u) => ({ id: u.id, name: u.name, roles: u.roles })),
    approvers: staff.filter((u) => u.roles.includes('head') && covers(u)).map((u) => ({ id: u.id, name: u.name })),
  };
}

// ======================================================================= commands

/** 登记线索 from the ledger's own form (complaints and tasks call createLeadInTx themselves). */
export async function registerLead(db: Db, actor: Actor, input: LeadInput) {
  let regionCode: string | null = null;
  if (input.entityId) {
    const [e] = await db.select({ regionCode: entities.regionCode, name: entities.name }).from(entities)
      .where(and(eq(entities.id, input.entityId), scopeWhere(actor, { region: entities.regionCode }, 'read')));
    if (!e) throw invalid([{ field: 'entityId', label: '当事人（名录库）', message: '检查对象不存在或不在本辖区' }]);
    regionCode = e.regionCode;
  }
  const [agency] = await db.select({ regionCode: agencies.regionCode }).from(agencies).where(eq(agencies.id, input.agencyId));
  if (!agency) throw invalid([{ field: 'agencyId', label: '承办机构', message: '承办机构不存在' }]);
  if (!canWriteRegion(actor, agency.regionCode)) throw invalid([{ field: 'agencyId', label: '承办机构', message: '只能为本机构或下级机构登记线索' }]);
  if (!regionCode || !regionCode.startsWith(regionScopePrefix(agency.regionCode))) regionCode = agency.regionCode;
  const { id } = await db.transaction((tx) => createLeadInTx(tx, actor, {
    source: input.source, originRef: input.originRef ?? undefined, entityId: input.entityId, unitName: input.unitName, facts: input.facts,
    category: input.category, receivedOn: input.receivedOn, agencyId: input.agencyId, regionCode: regionCode!, handlerIds: input.handlerIds,
    strictHandlers: true,
  }));
  return leadDetail(db, actor, id);
}

/** Load a lead for a change: in write scope, the actor allowed to act, the version current. */
async function leadForChange(db: Db, actor: Actor, id: string, action: LeadAction, version: number) {
  const row = await loadLead(db, actor, id, 'write');
  if (!mayAct(action, { roles: actor.roles, isHandler: row.handlerIds.includes(actor.userId) })) {
    throw forbidden(action === 'decideExtension' ? '延期须由机构负责人审批'
      : action === 'dispose' || action === 'assign' ? '只有科室负责人或机构负责人可以执行此操作'
        : '只有该线索的承办人或科室负责人可以执行此操作');
  }
  if (row.version !== version) throw stale(version, row.version);
  return row;
}

/** Apply a versioned change with its event and audit record in one transaction. */
async function applyLeadChange(db: Db, actor: Actor, row: LeadRow, values: Partial<typeof leads.$inferInsert>, event: {
  action: string; note: string | null; auditAction?: string; reason?: string | null;
}, extra?: (tx: Db, updated: LeadRow) => Promise<void>) {
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(leads).set({ ...values, version: sql`${leads.version} + 1`, updatedAt: sql`now()`, updatedBy: actor.userId })
      .where(and(eq(leads.id, row.id), eq(leads.version, row.version))).returning();
    if (!updated) {
      const [cur] = await tx.select({ version: leads.version }).from(leads).where(eq(leads.id, row.id));
      throw stale(row.version, cur?.version ?? row.version + 1);
    }
    await tx.insert(leadEvents).values({
      leadId: row.id, action: event.action, fromStatus: row.status, toStatus: updated.status, note: event.note, actorId: actor.userId, actorName: actor.displayName,
    });
    await recordAudit(tx, actor, {
      action: event.auditAction ?? event.action, resource: 'leads', resourceId: row.id, regionCode: updated.regionCode,
      before: changedFields(row, values), after: changedFields(updated, values), reason: event.reason ?? null,
    });
    if (extra) await extra(tx, updated);
    return updated;
  });
}

const changedFields = (row: LeadRow, values: Partial<typeof leads.$inferInsert>) => {
  const out: Record<string, unknown> = { status: row.status, version: row.version };
  for (const k of Object.keys(values)) out[k] = (row as Record<string, unknown>)[k];
  return out;
};

export async function assignLead(db: Db, actor: Actor, id: string, input: { handlerIds: string[]; version: number }) {
  const row = await leadForChange(db, actor, id, 'assign', input.version);
  const problem = actionProblem('assign', row.status as LeadStatus);
  if (problem) throw conflict(problem);
  const [agency] = await db.select({ regionCode: agencies.regionCode }).from(agencies).where(eq(agencies.id, row.agencyId));
  const handlers = await resolveHandlers(db, input.handlerIds, agency?.regionCode ?? row.regionCode);
  await applyLeadChange(db, actor, row, {
    handlerIds: handlers.map((h) => h.id), handlerNames: handlers.map((h) => h.name), status: statusAfter('assign', row.status as LeadStatus),
  }, { action: 'assign', note: `承办人：${handlers.map((h) => h.name).join('、')}` });
  return leadDetail(db, actor, id);
}

/** 核查: record the findings and the date; the filing-decision deadline (Art. 32) starts to run. */
export async function verifyLead(db: Db, actor: Actor, id: string, input: { verification: string; verifiedOn: string; version: number }) {
  const row = await leadForChange(db, actor, id, 'verify', input.version);
  const problem = actionProblem('verify', row.status as LeadStatus);
  if (problem) throw conflict(problem);
  const clock = await ledgerClock(db);
  const errors = verificationProblems(input, row, clock.today);
  if (errors.length) throw invalid(errors);
  const due = filingDeadline(clock.calendar, input.verifiedOn);
  await applyLeadChange(db, actor, row, {
    verification: input.verification, verifiedOn: input.verifiedOn, filingDue: due, status: 'verified',
  }, { action: 'verify', note: `核查完成（${input.verifiedOn}），立案决定期限 ${due}` });
  return leadDetail(db, actor, id);
}

export async function requestExtension(db: Db, actor: Actor, id: string, input: { reason: string; version: number }) {
  const row = await leadForChange(db, actor, id, 'requestExtension', input.version);
  const clock = await ledgerClock(db);
  const problem = extensionRequestProblem({ ...row, status: row.status as LeadStatus }, clock.today);
  if (problem) throw conflict(problem);
  await applyLeadChange(db, actor, row, { extensionReason: input.reason }, { action: 'extension_request', note: `申请延长立案决定期限：${input.reason}` });
  return leadDetail(db, actor, id);
}

/** The head approves (+7 working days from the original deadline) or refuses the pending request. */
export async function decideExtension(db: Db, actor: Actor, id: string, input: { approve: boolean; note: string | null; version: number }) {
  const row = await leadForChange(db, actor, id, 'decideExtension', input.version);
  const clock = await ledgerClock(db);
  const problem = extensionDecisionProblem({ ...row, status: row.status as LeadStatus }, clock.today, input.approve);
  if (problem) throw conflict(problem);
  if (input.approve) {
    const due = extendedDeadline(clock.calendar, row.filingDue!);
    await applyLeadChange(db, actor, row, { extendedDue: due, extensionApprovedBy: actor.userId },
      { action: 'extension_approve', note: `负责人批准延期，立案决定期限延至 ${due}${input.note ? `。${input.note}` : ''}` });
  } else {
    await applyLeadChange(db, actor, row, { extensionReason: null },
      { action: 'extension_reject', note: `负责人不同意延期${input.note ? `：${input.note}` : ''}（原申请理由：${row.extensionReason}）`, reason: input.note });
  }
  return leadDetail(db, actor, id);
}

/** 处置: 立案 / 不予立案 / 移送 / 并案, each with the fields it needs (rules.dispositionProblems). */
export async function disposeLead(db: Db, actor: Actor, id: string, input: DisposeInput) {
  const row = await leadForChange(db, actor, id, 'dispose', input.version);
  const problem = actionProblem('dispose', row.status as LeadStatus, input.disposition);
  if (problem) throw conflict(problem);
  const clock = await ledgerClock(db);
  let approver: DispositionContext['approver'] = null;
  let approverName: string | null = null;
  if (input.approverId && (input.disposition === 'file' || input.disposition === 'no_file')) {
    const [u] = await db.select({ name: users.displayName, roles: users.roles, regionCode: users.regionCode, status: users.recordStatus })
      .from(users).where(eq(users.id, input.approverId));
    if (u) {
      approver = { roles: u.roles, coversLead: row.regionCode.startsWith(regionScopePrefix(u.regionCode)), active: u.status === 'active' };
      approverName = u.name;
    }
  }
  let target: MergeTarget | null = null;
  const chain = new Map<string, { mergedInto: string | null; code: string }>();
  if (input.disposition === 'merge' && input.mergedInto && input.mergedInto !== row.id) {
    const [t] = await db.select().from(leads).where(and(eq(leads.id, input.mergedInto), eq(leads.recordStatus, 'active'), scopeWhere(actor, leadScope, 'read')));
    if (t) {
      target = { id: t.id, code: t.code, agencyId: t.agencyId, status: t.status as LeadStatus, disposition: t.disposition as Disposition | null, mergedInto: t.mergedInto };
      // the target's merge chain (a few hops at most; bounded)
      for (let cur = t.mergedInto, hops = 0; cur && hops < 50 && !chain.has(cur); hops++) {
        const [n] = await db.select({ mergedInto: leads.mergedInto, code: leads.code }).from(leads).where(eq(leads.id, cur));
        if (!n) break;
        chain.set(cur, n);
        cur = n.mergedInto;
      }
    }
  }
  const errors = dispositionProblems(input, {
    lead: row, today: clock.today, approver, target,
    mergedIntoOf: (x) => chain.get(x)?.mergedInto, codeOf: (x) => chain.get(x)?.code,
  });
  if (errors.length) throw invalid(errors);
  const values = dispositionValues(input, approverName);
  const note = dispositionNote(input, approverName, target?.code ?? null);
  await applyLeadChange(db, actor, row, { ...values, status: 'disposed' }, { action: `dispose_${input.disposition}`, auditAction: 'dispose', note, reason: input.dispositionReason },
    target ? async (tx) => {
      await tx.insert(leadEvents).values({ leadId: target!.id, action: 'merged_in', note: `线索 ${row.code}（${row.unitName}）并入本线索`, actorId: actor.userId, actorName: actor.displayName });
    } : undefined);
  return leadDetail(db, actor, id);
}

function dispositionNote(d: DisposeInput, approverName: string | null, targetCode: string | null): string {
  switch (d.disposition) {
    case 'file': return `决定立案（${d.dispositionOn}），批准人：${approverName ?? ''}${d.dispositionReason ? `。${d.dispositionReason}` : ''}`;
    case 'no_file': return `决定不予立案（${d.dispositionOn}），批准人：${approverName ?? ''}。理由：${d.dispositionReason}`;
    case 'transfer': return `移送${d.transferTo}（${d.dispositionOn}），文书文号：${d.transferDocNo}${d.dispositionReason ? `。${d.dispositionReason}` : ''}`;
    case 'merge': return `并入线索 ${targetCode}（${d.dispositionOn}）${d.dispositionReason ? `。${d.dispositionReason}` : ''}`;
  }
}

// ======================================================================= inspections → leads

/** The lead created from a task, if any (in the actor's read scope). */
export async function leadOfTask(db: Db, actor: Actor, taskId: string) {
  const [row] = await db.select({ id: leads.id, code: leads.code, status: leads.status, disposition: leads.disposition }).from(leads)
    .where(and(eq(leads.originType, 'task'), eq(leads.originId, taskId), eq(leads.recordStatus, 'active'), scopeWhere(actor, leadScope, 'read')));
  return row ? { ...row, statusLabel: LEAD_STATUS[row.status as LeadStatus], dispositionLabel: row.disposition ? DISPOSITIONS[row.disposition as Disposition] : null } : null;
}

/**
 * 转为线索: a task's finding becomes a lead (source 检查发现, origin the task). The task's inspectors
 * (or a supervisor) may do it once per task; the task's own record is not changed.
 */
export async function leadFromTask(db: Db, actor: Actor, taskId: string, input: { facts?: string | null }) {
  if (!/^[0-9a-f-]{36}$/i.test(taskId)) throw notFound('检查任务');
  const [task] = await db.select().from(tasks).where(and(eq(tasks.id, taskId), scopeWhere(actor, { region: tasks.regionCode }, 'write')));
  if (!task) throw notFound('检查任务');
  const supervisor = actor.roles.some((r) => ['admin', 'head', 'chief'].includes(r));
  const [me] = await db.select({ id: inspectors.id }).from(inspectors).where(and(eq(inspectors.userId, actor.userId), eq(inspectors.recordStatus, 'active')));
  if (!supervisor && !(me && task.inspectorIds.includes(me.id))) throw forbidden('只有该任务的检查人员或科室负责人可以将其转为线索');
  if (!['in_progress', 'done'].includes(task.status)) throw conflict('只有检查中或已完成的任务可以转为线索');
  const existing = await leadOfTask(db, actor, taskId);
  if (existing) throw conflict(`该任务已转为线索 ${existing.code}`, { leadId: existing.id });
  const facts = (input.facts ?? '').trim() || task.summary?.trim() || '';
  if (facts.length < 5) throw invalid([{ field: 'facts', label: '线索内容', message: '请填写线索内容（检查发现的问题，至少 5 个字）' }]);
  const [plan] = await db.select({ name: plans.name }).from(plans).where(eq(plans.id, task.planId));
  const { id } = await db.transaction((tx) => createLeadFromTaskInTx(tx, actor, task, facts, plan?.name ?? null));
  return leadDetail(db, actor, id);
}

/**
 * Create the lead of a task inside the caller's transaction (for the task outcome 移交立案, which the plans
 * domain may call when recording the outcome). Handlers are the task's inspectors' user accounts.
 */
export async function createLeadFromTaskInTx(tx: Db, actor: Actor, task: typeof tasks.$inferSelect, facts: string, planName: string | null) {
  const handlerUsers = task.inspectorIds.length ? await tx.select({ userId: inspectors.userId }).from(inspectors)
    .where(inArray(inspectors.id, task.inspectorIds)) : [];
  return createLeadInTx(tx, actor, {
    source: 'inspection', originType: 'task', originId: task.id, originRef: `${planName ?? '检查任务'}（检查日期 ${task.inspectedOn ?? '—'}）`,
    entityId: task.entityId, unitName: task.entityName, facts, receivedOn: task.inspectedOn ?? todayIso(),
    agencyId: task.agencyId, regionCode: task.regionCode,
    handlerIds: handlerUsers.map((h) => h.userId).filter((x): x is string => !!x),
  });
}

// ======================================================================= export

/** Every lead matching the filters, for the .xlsx ledger (at most 50,000 rows). */
export async function ledgerRows(db: Db, actor: Actor, q: Omit<LeadQuery, 'page' | 'pageSize'>) {
  const clock = await ledgerClock(db);
  const rows = await db.select().from(leads).where(ledgerConditions(actor, q, clock)).orderBy(asc(leads.year), asc(leads.seq), asc(leads.id)).limit(50_000);
  const names = await relatedNames(db, rows);
  // defence in depth for the bulk export: mask complainants' identities in leads from complaints
  const fromComplaints = rows.filter((r) => r.source === 'complaint' && r.originId).map((r) => r.originId!);
  const people = new Map<string, { name: string | null; phone: string | null; idNumber: string | null }[]>();
  for (let i = 0; i < fromComplaints.length; i += 1000) {
    for (const p of await complainantsOf(db, fromComplaints.slice(i, i + 1000))) people.set(p.complaintId, [...(people.get(p.complaintId) ?? []), p]);
  }
  return {
    rows: rows.map((r) => presentLead(r.source === 'complaint' ? { ...r, facts: redactIdentity(r.facts, people.get(r.originId ?? '') ?? []) } : r, clock, names)),
    clock,
  };
}
