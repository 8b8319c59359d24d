/**
 * Working-day calendar (工作日历) for statutory periods.
 *
 * Pure functions only — no I/O. Dates are local calendar dates written 'YYYY-MM-DD'; internally each
 * date is converted to a UTC day number (days since 1970-01-01), so there is no time zone or DST
 * arithmetic anywhere.
 *
 * Legal basis:
 * - 《行政处罚法》第八十五条：本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日。
 * - 《民法典》第二百零一条：按照年、月、日、小时计算期间的，开始的当日不计入，自下一日开始计算。
 * - 《民法典》第二百零三条：期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。
 * - 国务院《全国年节及纪念日放假办法》and the yearly 国务院办公厅 holiday notice: 法定节假日 and the
 *   调休 make-up working days (weekend days declared working days) — loaded as data (exceptions).
 */

export type DayKind = 'holiday' | 'workday';

/** One deviation from the Mon–Fri rule: a weekday holiday, or a weekend make-up working day (调休上班). */
export interface CalendarException {
  day: string;
  kind: DayKind;
  name: string;
}

export interface DayInfo {
  working: boolean;
  /** Name of the holiday / make-up working day when the day is listed as an exception. */
  name?: string;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Validate a calendar date written 'YYYY-MM-DD' (a real date: no 2025-02-30) and return it unchanged.
 * Throws an Error with a Chinese message otherwise.
 */
export function parseDay(s: string): string {
  toDayNumber(s);
  return s;
}

/** 'YYYY-MM-DD' → days since 1970-01-01 (UTC day number). Throws on malformed or impossible dates. */
function toDayNumber(s: string): number {
  if (typeof s !== 'string') throw new Error(`日期必须是字符串（YYYY-MM-DD），收到：${String(s)}`);
  const m = DAY_RE.exec(s);
  if (!m) throw new Error(`日期格式无效：“${s}”，应为 YYYY-MM-DD（如 2025-10-01）`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new Error(`日期不存在：${s}`);
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900+
  return Math.round(date.getTime() / MS_PER_DAY);
}

/** UTC day number → 'YYYY-MM-DD'. */
function fromDayNumber(n: number): string {
  const date = new Date(n * MS_PER_DAY);
  const y = date.getUTCFullYear();
  if (!(y >= 0 && y <= 9999)) throw new RangeError(`日期超出可表示范围（0000–9999 年）：第 ${n} 日`);
  return `${String(y).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Day of week for a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

function isWeekday(n: number): boolean {
  const w = weekdayOf(n);
  return w >= 1 && w <= 5;
}

/**
 * Number of Mon–Fri days with day number ≤ n, counted from the Monday 1970-01-05 (day 4); negative
 * before it. Only differences W(b) − W(a) are meaningful: they count the weekdays in (a, b].
 */
function weekdaysUpTo(n: number): number {
  const t = n - 4; // days since Monday 1970-01-05
  const weeks = Math.floor(t / 7);
  const r = t - weeks * 7; // 0 = Monday … 6 = Sunday
  return weeks * 5 + Math.min(r + 1, 5);
}

function checkInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what}必须是整数，收到：${n}`);
}

/**
 * A working-day calendar: Monday–Friday are working days, Saturday and Sunday rest days, except for the
 * listed exceptions (法定节假日 on weekdays; 调休 make-up working days on weekends).
 *
 * Exceptions are kept in a Map keyed by day number (O(1) look-up) plus a sorted array of the exceptions
 * that actually change a day's status, with prefix sums, so counting working days over any interval is
 * O(log exceptions).
 */
export class WorkCalendar {
  private readonly byDay = new Map<number, CalendarException>();
  /** Sorted day numbers of exceptions that change the Mon–Fri status (weekday holiday / weekend workday). */
  private readonly adjDays: number[] = [];
  /** adjPrefix[i] = sum of adjustments (−1 per weekday holiday, +1 per weekend workday) of adjDays[0..i). */
  private readonly adjPrefix: number[] = [0];
  private readonly years: number[];

  /** Build a calendar from exceptions; a later entry for the same day replaces an earlier one. */
  constructor(exceptions: Iterable<CalendarException>) {
    for (const e of exceptions) {
      const n = toDayNumber(e.day);
      if (e.kind !== 'holiday' && e.kind !== 'workday') {
        throw new Error(`日历例外 ${e.day} 的类型无效：“${String(e.kind)}”，应为 holiday（节假日）或 workday（调休上班）`);
      }
      this.byDay.set(n, { day: e.day, kind: e.kind, name: e.name });
    }
    const adjustments: Array<[number, number]> = [];
    const years = new Set<number>();
    for (const [n, e] of this.byDay) {
      years.add(Number(e.day.slice(0, 4)));
      const weekday = isWeekday(n);
      if (e.kind === 'holiday' && weekday) adjustments.push([n, -1]);
      else if (e.kind === 'workday' && !weekday) adjustments.push([n, +1]);
    }
    adjustments.sort((a, b) => a[0] - b[0]);
    for (const [n, delta] of adjustments) {
      this.adjDays.push(n);
      this.adjPrefix.push(this.adjPrefix[this.adjPrefix.length - 1] + delta);
    }
    this.years = [...years].sort((a, b) => a - b);
  }

  /**
   * Whether `day` is a working day (工作日): Monday–Friday unless listed as a holiday (法定节假日,
   * 《全国年节及纪念日放假办法》); Saturday/Sunday only when listed as a make-up working day (调休上班).
   */
  isWorkingDay(day: string): boolean {
    return this.isWorkingN(toDayNumber(day));
  }

  /** Working status of `day` and, when it is a listed holiday or make-up working day, its name. */
  dayInfo(day: string): DayInfo {
    const n = toDayNumber(day);
    const e = this.byDay.get(n);
    return e ? { working: e.kind === 'workday', name: e.name } : { working: isWeekday(n) };
  }

  /**
   * The Nth working day after `start`, for periods counted in working days.
   * 《行政处罚法》第八十五条: the “二日/三日/五日/七日” periods are working days, 不含法定节假日;
   * 《民法典》第二百零一条: 开始的当日不计入 — so `start` itself is never counted, whether or not it is a
   * working day. n = 0 returns `start` unchanged. A negative n counts backwards: the |n|th working day
   * before `start` (again not counting `start`), e.g. the latest day for a notice due 7 working days
   * before a hearing.
   */
  addWorkingDays(start: string, n: number): string {
    checkInteger(n, '工作日数');
    let d = toDayNumber(start);
    const step = n < 0 ? -1 : 1;
    for (let left = Math.abs(n); left > 0; ) {
      d += step;
      if (this.isWorkingN(d)) left--;
    }
    return fromDayNumber(d);
  }

  /**
   * `start` + n natural days (自然日). Per 《民法典》第二百零一条 the starting day is not counted, so the
   * period ends on start + n. When `extendIfRestDay` (default true) and that last day is not a working
   * day (法定休假日, including weekends), the period ends on the next working day — 《民法典》第二百零三条:
   * 以法定休假日结束的次日为期间的最后一日. A 调休 make-up working day is a working day and ends the
   * period. For negative n the result is start − |n|; any extension still moves forward.
   */
  addNaturalDays(start: string, n: number, opts: { extendIfRestDay?: boolean } = {}): string {
    checkInteger(n, '天数');
    let d = toDayNumber(start) + n;
    if (opts.extendIfRestDay ?? true) {
      while (!this.isWorkingN(d)) d++;
    }
    return fromDayNumber(d);
  }

  /**
   * Number of working days in the half-open interval (from, to] — `from` not counted, `to` counted
   * (《民法典》第二百零一条 开始的当日不计入; 《行政处罚法》第八十五条 working days, 不含法定节假日).
   * Negative when to < from (minus the working days in (to, from]). For any n ≥ 0,
   * workingDaysBetween(d, addWorkingDays(d, n)) === n. O(log exceptions).
   */
  workingDaysBetween(from: string, to: string): number {
    return this.countUpTo(toDayNumber(to)) - this.countUpTo(toDayNumber(from));
  }

  /**
   * Years that have at least one exception loaded, ascending. The official holiday schedule is published
   * yearly by 国务院办公厅; callers should warn when a date falls in a year not listed here, because the
   * calendar then silently falls back to plain Mon–Fri counting.
   */
  coveredYears(): number[] {
    return [...this.years];
  }

  private isWorkingN(n: number): boolean {
    const e = this.byDay.get(n);
    return e ? e.kind === 'workday' : isWeekday(n);
  }

  /** Working days with day number ≤ n, up to a constant: weekdays plus the exception adjustments. */
  private countUpTo(n: number): number {
    // Number of adjDays ≤ n (upper bound by binary search).
    let lo = 0;
    let hi = this.adjDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.adjDays[mid] <= n) lo = mid + 1;
      else hi = mid;
    }
    return weekdaysUpTo(n) + this.adjPrefix[lo];
  }
}
