import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { regions } from '../../db/schema/index';

/**
 * Region full names for display, cached in-process: every list and detail shows them, and they change
 * only when an administrator edits the region register (which clears the cache). The TTL bounds
 * staleness when several app servers share one database.
 */
const TTL_MS = 10 * 60_000;
const cache = new Map<string, { name: string | null; at: number }>();

export function clearRegionNames() {
  cache.clear();
}

export async function regionNames(db: Db, codes: string[]): Promise<Map<string, string | null>> {
  const now = Date.now();
  const out = new Map<string, string | null>();
  const missing: string[] = [];
  for (const code of codes) {
    const hit = cache.get(code);
    if (hit && now - hit.at < TTL_MS) out.set(code, hit.name);
    else missing.push(code);
  }
  if (missing.length) {
    const rows = await db.select({ code: regions.code, fullName: regions.fullName }).from(regions).where(inArray(regions.code, missing));
    const found = new Map(rows.map((r) => [r.code, r.fullName]));
    for (const code of missing) {
      const name = found.get(code) ?? null;
      if (cache.size > 100_000) cache.clear();
      cache.set(code, { name, at: now });
      out.set(code, name);
    }
  }
  return out;
}
