import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { entities } from '../../db/schema/index';

/** Attach the linked unit's credit code and name to presented records (edit forms and exports). */
export async function withEntityNames(db: Db, items: Record<string, unknown>[]) {
  const ids = [...new Set(items.map((i) => i.entityId).filter(Boolean))] as string[];
  if (ids.length === 0) return items;
  const rows = await db.select({ id: entities.id, name: entities.name, creditCode: entities.creditCode }).from(entities).where(inArray(entities.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return items.map((i) => ({ ...i, entityName: byId.get(i.entityId as string)?.name ?? null, entityCreditCode: byId.get(i.entityId as string)?.creditCode ?? null }));
}
