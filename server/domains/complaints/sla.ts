/**
 * The SLA table of complaints (complaint_sla): deadlines per channel, category and step, seeded with the
 * defaults of rules.ts (信访工作条例, 12320 practice) the first time it is read, editable by the
 * administrator. Cached per process for a minute (like the working-day calendar); an edit clears it.
 */
import { asc, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { complaintSla } from '../../db/schema/index';
import type { Actor } from '../../platform/access';
import { recordAudit } from '../../platform/audit';
import { invalid } from '../../platform/errors';
import { DEFAULT_SLA, type SlaRule } from './rules';
import type { SlaRowInput, SlaStep } from './schema';

const TTL_MS = 60_000;
const cache = new WeakMap<Db, { at: number; promise: Promise<SlaRule[]> }>();

async function readSla(db: Db): Promise<SlaRule[]> {
  let rows = await db.select().from(complaintSla).orderBy(asc(complaintSla.step), asc(complaintSla.channel), asc(complaintSla.category));
  if (rows.length === 0) {
    await db.insert(complaintSla).values(DEFAULT_SLA.map((r) => ({ ...r }))).onConflictDoNothing();
    rows = await db.select().from(complaintSla);
  }
  return rows.map((r) => ({ channel: r.channel, category: r.category, step: r.step as SlaStep, days: r.days, unit: r.unit as SlaRule['unit'], basis: r.basis }));
}

export function loadSla(db: Db): Promise<SlaRule[]> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.promise;
  const entry = { at: Date.now(), promise: readSla(db) };
  cache.set(db, entry);
  entry.promise.catch(() => { if (cache.get(db) === entry) cache.delete(db); });
  return entry.promise;
}

export const invalidateSla = (db: Db) => cache.delete(db);

/** The SLA table with versions, for the settings page. */
export async function listSla(db: Db) {
  await loadSla(db);
  return db.select().from(complaintSla).orderBy(asc(complaintSla.step), asc(complaintSla.channel), asc(complaintSla.category));
}

/**
 * Replace the whole table (the settings page edits it as one list). Every step needs a default row
 * ('*', '*') so that any complaint has a deadline.
 */
export async function replaceSla(db: Db, actor: Actor, rows: SlaRowInput[]) {
  const keys = new Set<string>();
  const errors: { field: string; label: string; message: string }[] = [];
  rows.forEach((r, i) => {
    const k = `${r.channel}|${r.category}|${r.step}`;
    if (keys.has(k)) errors.push({ field: `rows.${i}`, label: '时限规则', message: `第 ${i + 1} 行与前面的规则重复（同一渠道、类别和环节）` });
    keys.add(k);
  });
  for (const step of ['accept', 'conclude', 'extend', 'callback'] as const) {
    if (!keys.has(`*|*|${step}`)) errors.push({ field: 'rows', label: '时限规则', message: `缺少“${step}”环节的默认规则（渠道和类别均为“全部”）` });
  }
  if (errors.length) throw invalid(errors);
  const before = await listSla(db);
  await db.transaction(async (tx) => {
    await tx.delete(complaintSla).where(sql`true`);
    await tx.insert(complaintSla).values(rows.map((r) => ({ ...r, updatedBy: actor.userId })));
    await recordAudit(tx, actor, {
      action: 'update', resource: 'complaint_sla', resourceId: 'complaint_sla',
      before: before.map(({ channel, category, step, days, unit, basis }) => ({ channel, category, step, days, unit, basis })), after: rows,
    });
  });
  invalidateSla(db);
  return listSla(db);
}
