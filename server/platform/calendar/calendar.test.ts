import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar, parseDay, type CalendarException } from './calendar';
import { seedExceptionsFromChineseDays } from './seed';

const seeded = seedExceptionsFromChineseDays();
const cal = new WorkCalendar(seeded);
const plain = new WorkCalendar([]);

// Independent reference helpers (Date-based, UTC) for the property tests.
const MS = 86_400_000;
const dayNum = (s: string) => Date.parse(`${s}T00:00:00Z`) / MS;
const dayStr = (n: number) => new Date(n * MS).toISOString().slice(0, 10);
const isMonFri = (s: string) => {
  const w = new Date(`${s}T00:00:00Z`).getUTCDay();
  return w >= 1 && w <= 5;
};
const arbDay = fc.integer({ min: dayNum('2020-01-01'), max: dayNum('2027-12-31') }).map(dayStr);
const arbN = fc.integer({ min: 0, max: 400 });

function naiveBetween(c: WorkCalendar, from: string, to: string): number {
  const a = dayNum(from);
  const b = dayNum(to);
  let count = 0;
  for (let d = Math.min(a, b) + 1; d <= Math.max(a, b); d++) if (c.isWorkingDay(dayStr(d))) count++;
  return b >= a ? count : -count;
}

describe('seed data (国务院办公厅放假通知, via chinese-days)', () => {
  it('2025 国庆节、中秋节: 10-01..10-08 are holidays, 09-28 (Sun) and 10-11 (Sat) are 调休 working days', () => {
    for (let d = dayNum('2025-10-01'); d <= dayNum('2025-10-08'); d++) {
      expect(cal.isWorkingDay(dayStr(d)), dayStr(d)).toBe(false);
    }
    expect(cal.dayInfo('2025-10-01')).toEqual({ working: false, name: '国庆节' });
    expect(cal.dayInfo('2025-10-06')).toEqual({ working: false, name: '中秋节' });
    expect(cal.dayInfo('2025-09-28')).toEqual({ working: true, name: '国庆节调休上班' });
    expect(cal.dayInfo('2025-10-11')).toEqual({ working: true, name: '国庆节调休上班' });
    expect(cal.dayInfo('2025-10-12')).toEqual({ working: false }); // ordinary Sunday
    expect(cal.dayInfo('2025-10-09')).toEqual({ working: true }); // ordinary Thursday
  });

  it('2026 春节: 02-15..02-23 holidays, 02-14 and 02-28 (Saturdays) make-up working days', () => {
    for (let d = dayNum('2026-02-15'); d <= dayNum('2026-02-23'); d++) {
      expect(cal.dayInfo(dayStr(d))).toEqual({ working: false, name: '春节' });
    }
    expect(cal.dayInfo('2026-02-14')).toEqual({ working: true, name: '春节调休上班' });
    expect(cal.dayInfo('2026-02-28')).toEqual({ working: true, name: '春节调休上班' });
  });

  it('lists only true exceptions: holidays never on an ordinary weekend outside a run, make-up days only on weekends', () => {
    for (const e of seeded) {
      if (e.kind === 'workday') expect(isMonFri(e.day), e.day).toBe(false);
      expect(e.name.length).toBeGreaterThan(0);
      expect(e.name.length).toBeLessThanOrEqual(64);
    }
    // Weekend days appear as holidays only inside holiday runs (or on the festival day itself, e.g.
    // 中秋节 on Sunday 2015-09-27) — a small fraction of all weekend days, never plain weekends en masse.
    const weekendHolidays = seeded.filter((e) => e.kind === 'holiday' && !isMonFri(e.day));
    const years = new Set(seeded.map((e) => e.day.slice(0, 4))).size;
    expect(weekendHolidays.length).toBeLessThan(years * 104 * 0.15);
    for (const e of weekendHolidays) expect(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']).toContain(e.name);
    expect(new Set(seeded.map((e) => e.day)).size).toBe(seeded.length);
    expect(seeded.map((e) => e.day)).toEqual([...seeded.map((e) => e.day)].sort());
  });

  it('uses official festival names', () => {
    const names = new Set(seeded.filter((e) => e.kind === 'holiday').map((e) => e.name));
    for (const n of ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']) expect(names.has(n), n).toBe(true);
    expect(cal.dayInfo('2025-04-04').name).toBe('清明节');
    expect(cal.dayInfo('2025-05-31').name).toBe('端午节');
  });

  it('coveredYears lists every year of the package (2004–2026 at least)', () => {
    const years = cal.coveredYears();
    for (let y = 2004; y <= 2026; y++) expect(years).toContain(y);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(plain.coveredYears()).toEqual([]);
  });
});

describe('addWorkingDays', () => {
  it('行政处罚法第八十五条: 1 working day after 2025-09-30 skips the National Day holiday → 2025-10-09', () => {
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
  });

  it('行政处罚法第八十五条: a 调休 Sunday counts — 1 working day after Friday 2025-09-26 is Sunday 2025-09-28', () => {
    expect(cal.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-26', 2)).toBe('2025-09-29');
  });

  it('行政处罚法第八十五条: a 7-working-day period (送达 within 7 days) from 2025-09-30 spans the holiday → 2025-10-16', () => {
    // 10-09, 10-10, 10-11 (调休 Sat), 10-13, 10-14, 10-15, 10-16
    expect(cal.addWorkingDays('2025-09-30', 7)).toBe('2025-10-16');
    expect(plain.addWorkingDays('2025-09-30', 7)).toBe('2025-10-09');
  });

  it('行政处罚法第八十五条: 5 working days across 2026 春节 from Thursday 2026-02-12 → 2026-02-26', () => {
    // 02-13, 02-14 (调休 Sat), 02-24, 02-25, 02-26
    expect(cal.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
  });

  it('民法典第二百零一条: the starting day is not counted, even when it is a holiday; n = 0 returns the start', () => {
    expect(cal.addWorkingDays('2025-10-01', 1)).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-10-09', 1)).toBe('2025-10-10');
    expect(cal.addWorkingDays('2025-10-04', 0)).toBe('2025-10-04');
  });

  it('counts backwards for negative n (the |n|th working day before the start)', () => {
    expect(cal.addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
    expect(cal.addWorkingDays('2025-09-29', -1)).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-10-16', -7)).toBe('2025-09-30');
  });

  it('rejects non-integer counts and invalid dates', () => {
    expect(() => cal.addWorkingDays('2025-10-01', 1.5)).toThrow(/整数/);
    expect(() => cal.addWorkingDays('2025-13-01', 1)).toThrow(/日期不存在/);
  });
});

describe('addNaturalDays', () => {
  it('民法典第二百零三条: a period ending on holiday 2025-10-03 ends on the next working day 2025-10-09', () => {
    expect(cal.addNaturalDays('2025-09-30', 3)).toBe('2025-10-09');
    expect(cal.addNaturalDays('2025-09-30', 3, { extendIfRestDay: false })).toBe('2025-10-03');
  });

  it('民法典第二百零三条: a period ending on a 调休 working Saturday is not extended', () => {
    expect(cal.addNaturalDays('2025-09-26', 15)).toBe('2025-10-11');
  });

  it('民法典第二百零三条: a period ending on an ordinary weekend moves to Monday; 民法典第二百零一条 start not counted', () => {
    expect(cal.addNaturalDays('2025-11-07', 15)).toBe('2025-11-24'); // 11-22 is a Saturday
    expect(cal.addNaturalDays('2025-11-07', 0)).toBe('2025-11-07');
  });
});

describe('workingDaysBetween', () => {
  it('行政处罚法第八十五条: (2025-09-26, 2025-10-12] holds 6 working days (09-28, 09-29, 09-30, 10-09, 10-10, 10-11)', () => {
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-12')).toBe(6);
    expect(plain.workingDaysBetween('2025-09-26', '2025-10-12')).toBe(10);
    expect(cal.workingDaysBetween('2025-10-12', '2025-09-26')).toBe(-6);
    expect(cal.workingDaysBetween('2025-10-01', '2025-10-08')).toBe(0);
    expect(cal.workingDaysBetween('2025-10-08', '2025-10-08')).toBe(0);
  });

  it('matches a day-by-day count over whole years', () => {
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(naiveBetween(cal, '2024-12-31', '2025-12-31'));
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248); // 2025: 248 working days
  });
});

describe('WorkCalendar construction and parseDay', () => {
  it('a later exception for the same day replaces an earlier one; admin can neutralise a holiday', () => {
    const c = new WorkCalendar([
      { day: '2025-10-01', kind: 'holiday', name: '国庆节' },
      { day: '2025-10-01', kind: 'workday', name: '更正' },
    ]);
    expect(c.dayInfo('2025-10-01')).toEqual({ working: true, name: '更正' });
    expect(c.workingDaysBetween('2025-09-30', '2025-10-01')).toBe(1);
  });

  it('rejects bad exceptions', () => {
    expect(() => new WorkCalendar([{ day: '2025-02-30', kind: 'holiday', name: 'x' }])).toThrow(/日期不存在/);
    expect(
      () => new WorkCalendar([{ day: '2025-02-03', kind: 'rest' as never, name: 'x' } as CalendarException]),
    ).toThrow(/类型无效/);
  });

  it('parseDay validates format and real dates with Chinese messages', () => {
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay('2000-02-29')).toBe('2000-02-29');
    expect(() => parseDay('2100-02-29')).toThrow(/日期不存在/);
    expect(() => parseDay('2025-02-30')).toThrow(/日期不存在/);
    expect(() => parseDay('2025-04-31')).toThrow(/日期不存在/);
    expect(() => parseDay('2025-00-10')).toThrow(/日期不存在/);
    expect(() => parseDay('2025-1-5')).toThrow(/日期格式无效/);
    expect(() => parseDay('2025-01-05T00:00:00Z')).toThrow(/日期格式无效/);
    expect(() => parseDay('')).toThrow(/日期格式无效/);
    expect(() => parseDay(undefined as never)).toThrow(/日期/);
  });

  it('handles years before 100 and far-future dates without Date.UTC pitfalls', () => {
    expect(plain.addNaturalDays('0099-12-31', 1, { extendIfRestDay: false })).toBe('0100-01-01');
    expect(plain.addNaturalDays('2399-12-31', 1, { extendIfRestDay: false })).toBe('2400-01-01');
  });
});

describe('properties (fast-check, dates 2020–2027, n in 0..400)', () => {
  it('行政处罚法第八十五条: addWorkingDays(d, n) is a working day for n ≥ 1', () => {
    fc.assert(fc.property(arbDay, fc.integer({ min: 1, max: 400 }), (d, n) => cal.isWorkingDay(cal.addWorkingDays(d, n))));
  });

  it('民法典第二百零一条: workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
    fc.assert(fc.property(arbDay, arbN, (d, n) => cal.workingDaysBetween(d, cal.addWorkingDays(d, n)) === n));
  });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(arbDay, arbN, arbN, (d, a, b) => {
        if (a === b) return cal.addWorkingDays(d, a) === cal.addWorkingDays(d, b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        return cal.addWorkingDays(d, lo) < cal.addWorkingDays(d, hi);
      }),
    );
  });

  it('addWorkingDays(d, n) is the first day with n working days in (d, result]', () => {
    fc.assert(
      fc.property(arbDay, fc.integer({ min: 1, max: 400 }), (d, n) => {
        const r = cal.addWorkingDays(d, n);
        return naiveBetween(cal, d, r) === n && naiveBetween(cal, d, dayStr(dayNum(r) - 1)) === n - 1;
      }),
      { numRuns: 50 },
    );
  });

  it('negative n: the result is a working day before d and counting forward returns to d’s position', () => {
    fc.assert(
      fc.property(arbDay, fc.integer({ min: 1, max: 400 }), (d, k) => {
        const r = cal.addWorkingDays(d, -k);
        return (
          r < d &&
          cal.isWorkingDay(r) &&
          cal.workingDaysBetween(r, d) === k - 1 + (cal.isWorkingDay(d) ? 1 : 0)
        );
      }),
    );
  });

  it('workingDaysBetween agrees with a day-by-day count and is antisymmetric', () => {
    fc.assert(
      fc.property(arbDay, arbDay, (a, b) => {
        const w = cal.workingDaysBetween(a, b);
        return w === naiveBetween(cal, a, b) && w === -cal.workingDaysBetween(b, a);
      }),
      { numRuns: 200 },
    );
  });

  it('民法典第二百零一条: addNaturalDays without extension differs by exactly n days', () => {
    fc.assert(
      fc.property(arbDay, arbN, (d, n) => dayNum(cal.addNaturalDays(d, n, { extendIfRestDay: false })) - dayNum(d) === n),
    );
  });

  it('民法典第二百零三条: with extension the result is a working day, ≥ the plain result, with only rest days between', () => {
    fc.assert(
      fc.property(arbDay, arbN, (d, n) => {
        const base = cal.addNaturalDays(d, n, { extendIfRestDay: false });
        const ext = cal.addNaturalDays(d, n);
        if (!cal.isWorkingDay(ext) || ext < base) return false;
        for (let x = dayNum(base); x < dayNum(ext); x++) if (cal.isWorkingDay(dayStr(x))) return false;
        return true;
      }),
    );
  });

  it('with no exceptions the calendar is plain Mon–Fri counting', () => {
    fc.assert(
      fc.property(arbDay, arbN, (d, n) => {
        if (plain.isWorkingDay(d) !== isMonFri(d)) return false;
        let x = dayNum(d);
        for (let left = n; left > 0; ) if (isMonFri(dayStr(++x))) left--;
        if (plain.addWorkingDays(d, n) !== dayStr(x)) return false;
        let count = 0;
        for (let y = dayNum(d) + 1; y <= dayNum(d) + n; y++) if (isMonFri(dayStr(y))) count++;
        return plain.workingDaysBetween(d, dayStr(dayNum(d) + n)) === count;
      }),
    );
  });
});

describe('performance', () => {
  it('addWorkingDays / workingDaysBetween stay fast with the full seed (10 000 calls, n ≤ 400)', () => {
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const d = dayStr(dayNum('2020-01-01') + (i % 2900));
      const r = cal.addWorkingDays(d, i % 401);
      cal.workingDaysBetween(d, r);
    }
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
