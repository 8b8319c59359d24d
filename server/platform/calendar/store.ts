/**
 * Persistence of the working-day calendar (table calendar_days): seeding from the `chinese-days`
 * package, administrator edits (each year's 国务院办公厅 notice can be entered by hand before the package
 * is updated), and a per-database cache of the built WorkCalendar.
 *
 * Audit logging of administrator edits is done by the callers.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { calendarDays } from '../../db/schema/index';
import { WorkCalendar, parseDay, type DayKind } from './calendar';
import { seedExceptionsFromChineseDays } from './seed';

/**
 * How long a loaded calendar is reused. Edits through this module invalidate the cache at once; the
 * TTL only bounds staleness when several app servers share one PostgreSQL database and another server
 * made the edit.
 */
export const CALENDAR_CACHE_TTL_MS = 60_000;

interface CacheEntry {
  promise: Promise<WorkCalendar>;
  loadedAt: number;
}

const cache = new WeakMap<Db, CacheEntry>();

const SEED_CHUNK = 500;
const NAME_MAX = 64;

/**
 * Insert the package's holidays and make-up working days with source 'seed'. Existing rows are left
 * alone (ON CONFLICT DO NOTHING), so administrator edits are never overwritten and a second run inserts
 * nothing. Note: a seeded day that an administrator *removed* comes back on the next seed — to neutralise
 * a seeded day, upsert it with the opposite kind instead (a 'workday' on a weekday or a 'holiday' on a
 * weekend is an ordinary day). Returns the number of rows inserted.
 */
export async function seedCalendar(db: Db): Promise<number> {
  const rows = seedExceptionsFromChineseDays().map((e) => ({
    day: e.day,
    kind: e.kind,
    name: e.name,
    source: 'seed' as const,
  }));
  let inserted = 0;
  for (let i = 0; i < rows.length; i += SEED_CHUNK) {
    const result = await db
      .insert(calendarDays)
      .values(rows.slice(i, i + SEED_CHUNK))
      .onConflictDoNothing({ target: calendarDays.day })
      .returning({ day: calendarDays.day });
    inserted += result.length;
  }
  if (inserted > 0) invalidateCalendar(db);
  return inserted;
}

/**
 * The WorkCalendar built from all rows of calendar_days. Cached per `db` object (concurrent callers share
 * one query); invalidated by seedCalendar, upsertCalendarDay, removeCalendarDay and invalidateCalendar,
 * and reloaded after CALENDAR_CACHE_TTL_MS.
 */
export function loadCalendar(db: Db): Promise<WorkCalendar> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.loadedAt < CALENDAR_CACHE_TTL_MS) return hit.promise;
  const entry: CacheEntry = { loadedAt: Date.now(), promise: readCalendar(db) };
  cache.set(db, entry);
  entry.promise.catch(() => {
    if (cache.get(db) === entry) cache.delete(db); // do not cache failures
  });
  return entry.promise;
}

async function readCalendar(db: Db): Promise<WorkCalendar> {
  const rows = await db
    .select({ day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name })
    .from(calendarDays);
  return new WorkCalendar(rows.map((r) => ({ day: r.day, kind: r.kind as DayKind, name: r.name })));
}

/**
 * Add or change one day (source 'admin', version incremented on change). Use kind 'holiday' for a
 * 法定节假日 falling on a weekday and 'workday' for a 调休 make-up working day on a weekend.
 */
export async function upsertCalendarDay(
  db: Db,
  input: { day: string; kind: DayKind; name: string },
  actorId: string | null,
): Promise<void> {
  const day = parseDay(input.day);
  if (input.kind !== 'holiday' && input.kind !== 'workday') {
    throw new Error(`日历类型无效：“${String(input.kind)}”，应为 holiday（节假日）或 workday（调休上班）`);
  }
  const name = (input.name ?? '').trim();
  if (!name) throw new Error('日历名称不能为空（如“国庆节”“国庆节调休上班”）');
  if ([...name].length > NAME_MAX) throw new Error(`日历名称不能超过 ${NAME_MAX} 个字`);
  const now = new Date();
  await db
    .insert(calendarDays)
    .values({ day, kind: input.kind, name, source: 'admin', updatedAt: now, updatedBy: actorId })
    .onConflictDoUpdate({
      target: calendarDays.day,
      set: {
        kind: input.kind,
        name,
        source: 'admin',
        version: sql`${calendarDays.version} + 1`,
        updatedAt: now,
        updatedBy: actorId,
      },
    });
  invalidateCalendar(db);
}

/** Delete one day's entry, so the day follows the Mon–Fri rule again. */
export async function removeCalendarDay(db: Db, day: string): Promise<void> {
  await db.delete(calendarDays).where(eq(calendarDays.day, parseDay(day)));
  invalidateCalendar(db);
}

/** Drop the cached calendar of `db`; the next loadCalendar reads the table again. */
export function invalidateCalendar(db: Db): void {
  cache.delete(db);
}
