import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client';
import { calendarDays } from '../../db/schema/index';
import { seedExceptionsFromChineseDays } from './seed';
import { invalidateCalendar, loadCalendar, removeCalendarDay, seedCalendar, upsertCalendarDay } from './store';

const ADMIN = '00000000-0000-4000-8000-000000000001';

// Each test opens a fresh in-memory PGlite with migrations (1–3 s); allow for a loaded machine.
describe('calendar store (calendar_days)', { timeout: 30_000 }, () => {
  let database: Database;

  beforeEach(async () => {
    database = await openDatabase({});
  }, 60_000);

  afterEach(async () => {
    await database?.close();
  });

  it('seedCalendar inserts every seed row once; a second call inserts 0', async () => {
    const { db } = database;
    const expected = seedExceptionsFromChineseDays().length;
    expect(await seedCalendar(db)).toBe(expected);
    expect(await seedCalendar(db)).toBe(0);
    const rows = await db.select().from(calendarDays);
    expect(rows).toHaveLength(expected);
    const oct1 = rows.find((r) => r.day === '2025-10-01');
    expect(oct1).toMatchObject({ kind: 'holiday', name: '国庆节', source: 'seed', version: 1, updatedBy: null });
  });

  it('行政处罚法第八十五条: the loaded calendar counts working days with the seeded holidays', async () => {
    const { db } = database;
    await seedCalendar(db);
    const cal = await loadCalendar(db);
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(cal.coveredYears()).toContain(2026);
  });

  it('an admin upsert overrides a seeded day and survives a re-seed', async () => {
    const { db } = database;
    await seedCalendar(db);
    await upsertCalendarDay(db, { day: '2025-10-08', kind: 'workday', name: '更正：恢复上班' }, ADMIN);
    expect(await seedCalendar(db)).toBe(0);
    const [row] = await db.select().from(calendarDays).where(eq(calendarDays.day, '2025-10-08'));
    expect(row).toMatchObject({ kind: 'workday', name: '更正：恢复上班', source: 'admin', version: 2, updatedBy: ADMIN });
    const cal = await loadCalendar(db);
    expect(cal.dayInfo('2025-10-08')).toEqual({ working: true, name: '更正：恢复上班' });
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-08');
  });

  it('admin rows entered before seeding are kept (ON CONFLICT DO NOTHING)', async () => {
    const { db } = database;
    await upsertCalendarDay(db, { day: '2025-10-01', kind: 'holiday', name: '国庆节（手工录入）' }, null);
    expect(await seedCalendar(db)).toBe(seedExceptionsFromChineseDays().length - 1);
    const [row] = await db.select().from(calendarDays).where(eq(calendarDays.day, '2025-10-01'));
    expect(row).toMatchObject({ name: '国庆节（手工录入）', source: 'admin', version: 1, updatedBy: null });
  });

  it('loadCalendar is cached per db and reflects upsert / remove (cache invalidation)', async () => {
    const { db } = database;
    const empty = await loadCalendar(db);
    expect(await loadCalendar(db)).toBe(empty); // cached
    expect(empty.isWorkingDay('2027-10-01')).toBe(true); // a Friday, no schedule loaded

    await upsertCalendarDay(db, { day: '2027-10-01', kind: 'holiday', name: '国庆节' }, ADMIN);
    const afterUpsert = await loadCalendar(db);
    expect(afterUpsert).not.toBe(empty);
    expect(afterUpsert.dayInfo('2027-10-01')).toEqual({ working: false, name: '国庆节' });
    expect(afterUpsert.coveredYears()).toEqual([2027]);

    await upsertCalendarDay(db, { day: '2027-09-26', kind: 'workday', name: '国庆节调休上班' }, ADMIN);
    expect((await loadCalendar(db)).isWorkingDay('2027-09-26')).toBe(true); // a Sunday

    await removeCalendarDay(db, '2027-10-01');
    const afterRemove = await loadCalendar(db);
    expect(afterRemove.isWorkingDay('2027-10-01')).toBe(true);
    expect(afterRemove.isWorkingDay('2027-09-26')).toBe(true);

    // Direct writes bypassing the store are seen after an explicit invalidation.
    await db.delete(calendarDays);
    expect((await loadCalendar(db)).isWorkingDay('2027-09-26')).toBe(true);
    invalidateCalendar(db);
    expect((await loadCalendar(db)).isWorkingDay('2027-09-26')).toBe(false);
  });

  it('seedCalendar invalidates the cache when it inserts rows', async () => {
    const { db } = database;
    expect((await loadCalendar(db)).isWorkingDay('2025-10-01')).toBe(true);
    await seedCalendar(db);
    expect((await loadCalendar(db)).isWorkingDay('2025-10-01')).toBe(false);
  });

  it('upsertCalendarDay and removeCalendarDay validate their input', async () => {
    const { db } = database;
    await expect(upsertCalendarDay(db, { day: '2025-02-30', kind: 'holiday', name: 'x' }, null)).rejects.toThrow(/日期不存在/);
    await expect(upsertCalendarDay(db, { day: '2025-02-03', kind: 'rest' as never, name: 'x' }, null)).rejects.toThrow(/类型无效/);
    await expect(upsertCalendarDay(db, { day: '2025-02-03', kind: 'holiday', name: '  ' }, null)).rejects.toThrow(/名称不能为空/);
    await expect(upsertCalendarDay(db, { day: '2025-02-03', kind: 'holiday', name: '节'.repeat(65) }, null)).rejects.toThrow(/64/);
    await expect(removeCalendarDay(db, '2025/10/01')).rejects.toThrow(/日期格式无效/);
    expect(await db.select().from(calendarDays)).toHaveLength(0);
  });
});
