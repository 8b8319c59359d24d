import { asc, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bulkAppend } from '../db/bulk';
import { auditEvents } from '../db/schema/index';
import { canonicalJson, sha256Hex, toPlainJson } from './canonical';
import type { Actor } from './access';

/** Secrets never enter the audit trail. */
const REDACTED_KEYS = new Set(['passwordHash', 'password_hash', 'tokenHash']);
const redact = (v: unknown): unknown => {
  const plain = toPlainJson(v ?? null);
  if (plain && typeof plain === 'object' && !Array.isArray(plain)) {
    for (const k of Object.keys(plain)) if (REDACTED_KEYS.has(k)) (plain as Record<string, unknown>)[k] = '[已隐去]';
  }
  return plain;
};

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK = 727275;

export interface AuditInput {
  action: string; // create | update | delete | restore | login | logout | password | import | …
  resource: string;
  resourceId: string;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

type AuditRow = typeof auditEvents.$inferSelect;

/** The exact content that is hashed for one event. */
export function auditEventHash(e: Omit<AuditRow, 'hash'>): string {
  const body = canonicalJson({
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    resource: e.resource,
    resourceId: e.resourceId,
    regionCode: e.regionCode,
    before: e.before,
    after: e.after,
    reason: e.reason,
  });
  return sha256Hex(e.prevHash + body);
}

/**
 * Append an event to the chain. Must be called inside the transaction that makes the change, so the
 * change and its audit record commit or fail together. A transaction-scoped advisory lock serialises
 * writers so the chain stays linear.
 */
export async function recordAudit(tx: Db, actor: Pick<Actor, 'userId' | 'displayName'> | null, input: AuditInput) {
  await recordAuditBatch(tx, actor, [input]);
}

/** Append many events at once (imports): one lock, ids reserved in one round trip, rows sent as one JSON parameter. */
export async function recordAuditBatch(tx: Db, actor: Pick<Actor, 'userId' | 'displayName'> | null, inputs: AuditInput[]) {
  if (inputs.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const last = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(sql`${auditEvents.id} desc`).limit(1);
  const res = await tx.execute(
    sql`select nextval(pg_get_serial_sequence('audit_events', 'id'))::bigint as id from generate_series(1, ${inputs.length})`,
  );
  const ids = (res as unknown as { rows: { id: string | number }[] }).rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  let prevHash = last[0]?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows: AuditRow[] = inputs.map((input, i) => {
    const row: Omit<AuditRow, 'hash'> = {
      id: ids[i],
      at,
      actorId: actor?.userId ?? null,
      actorName: actor?.displayName ?? null,
      action: input.action,
      resource: input.resource,
      resourceId: input.resourceId,
      regionCode: input.regionCode ?? null,
      before: redact(input.before),
      after: redact(input.after),
      reason: input.reason ?? null,
      prevHash,
    };
    const hash = auditEventHash(row);
    prevHash = hash;
    return { ...row, hash };
  });
  if (rows.length === 1) await tx.insert(auditEvents).values(rows[0]);
  else for (let i = 0; i < rows.length; i += 2000) await bulkAppend(tx, auditEvents, rows.slice(i, i + 2000));
}

export type VerifyResult =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; brokenId: number; reason: string };

/** Walk the whole chain in id order; report the first event whose link or content does not match. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.id, lastId)).orderBy(asc(auditEvents.id)).limit(batchSize);
    if (rows.length === 0) return { ok: true, count, lastHash: prev };
    for (const row of rows) {
      if (row.prevHash !== prev) {
        return { ok: false, count, brokenId: row.id, reason: `prev_hash 与上一事件的哈希不一致（上一事件可能被删除或篡改）` };
      }
      const { hash, ...rest } = row;
      if (auditEventHash(rest) !== hash) {
        return { ok: false, count, brokenId: row.id, reason: '事件内容与其哈希不一致（事件内容被篡改）' };
      }
      prev = hash;
      lastId = row.id;
      count++;
    }
  }
}
