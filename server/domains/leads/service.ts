/**
 * Commands and queries of the lead ledger (线索台账). Every read and write is scoped through
 * access.scopeWhere; every change is one transaction with its lead_event and its audit record.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agencies, inspectors, leadEvents, leads, users } from '../../db/schema/index';
import { type Actor, canWriteRegion } from '../../platform/access';
import { recordAudit } from '../../platform/audit';
import { invalid } from '../../platform/errors';
import { todayIso } from '../../platform/dates';
import { regionScopePrefix } from '../regions/region-code';
import { leadCode, nextLeadSeq } from './rules';
import type { LeadSource } from './schema';

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
  const handlers = await resolveHandlers(tx, input.handlerIds ?? [], agency.regionCode);

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
    entityId: input.entityId ?? null, unitName: input.unitName.slice(0, 200), facts: input.facts, category: input.category ?? null,
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

/**
 * Handlers are user accounts of staff inside the agency's jurisdiction. An inspector id (执法人员名录库) is
 * accepted too and mapped to the inspector's user account.
 */
export async function resolveHandlers(db: Db, ids: string[], agencyRegion: string): Promise<{ id: string; name: string }[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const found = await db.select({ id: users.id, name: users.displayName, regionCode: users.regionCode, roles: users.roles, status: users.recordStatus })
    .from(users).where(inArray(users.id, unique));
  const byId = new Map(found.map((u) => [u.id, u]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length) {
    const viaInspector = await db.select({ inspectorId: inspectors.id, id: users.id, name: users.displayName, regionCode: users.regionCode, roles: users.roles, status: users.recordStatus })
      .from(inspectors).innerJoin(users, eq(users.id, inspectors.userId)).where(and(inArray(inspectors.id, missing), isNull(inspectors.deletedReason)));
    for (const v of viaInspector) byId.set(v.inspectorId, v);
  }
  const prefix = regionScopePrefix(agencyRegion);
  const out: { id: string; name: string }[] = [];
  for (const id of unique) {
    const u = byId.get(id);
    if (!u || u.status !== 'active' || !u.roles.some((r) => ['inspector', 'chief', 'head'].includes(r))) {
      throw invalid([{ field: 'handlerIds', label: '承办人', message: '承办人须为在职的执法人员或科室负责人' }]);
    }
    if (!u.regionCode.startsWith(prefix) && !prefix.startsWith(regionScopePrefix(u.regionCode))) {
      throw invalid([{ field: 'handlerIds', label: '承办人', message: `承办人“${u.name}”不属于承办机构或其上级机构` }]);
    }
    if (!out.some((o) => o.id === u.id)) out.push({ id: u.id, name: u.name });
  }
  return out;
}
