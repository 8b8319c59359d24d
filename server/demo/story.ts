/**
 * The demo's clock: staff act on working days (the holiday calendar with its make-up days) between 08:30 and 17:30
 * China time, never after the moment the demo is loaded. Pure: a calendar and moments in, moments out.
 */
import type { WorkCalendar } from '../platform/calendar/calendar';

export const DAY_START = 8 * 60 + 30;
export const DAY_END = 17 * 60 + 30;
const CST = 8 * 3600_000;

/** The China-time calendar day and minute of the day of a moment. */
export function localParts(t: Date): { day: string; minute: number } {
  const x = new Date(t.getTime() + CST);
  return { day: x.toISOString().slice(0, 10), minute: x.getUTCHours() * 60 + x.getUTCMinutes() };
}

/** The moment at `minute` of `day`, China time. */
export const momentOf = (day: string, minute: number): Date => new Date(Date.parse(`${day}T00:00:00+08:00`) + minute * 60_000);

const step = (cal: WorkCalendar, day: string, n: number) => cal.addNaturalDays(day, n, { extendIfRestDay: false });

/** The working day itself, or the nearest one before (`back`) or after (`forward`) it. */
export function workingDay(cal: WorkCalendar, day: string, dir: 'back' | 'forward'): string {
  let d = day;
  for (let i = 0; i < 60 && !cal.isWorkingDay(d); i++) d = step(cal, d, dir === 'back' ? -1 : 1);
  return d;
}

/** The latest moment at or before `notAfter` that lies inside working hours of a working day. */
export function latestWorkingMoment(cal: WorkCalendar, notAfter: Date): Date {
  const { day, minute } = localParts(notAfter);
  if (cal.isWorkingDay(day) && minute >= DAY_START) return minute < DAY_END ? notAfter : momentOf(day, DAY_END - 1);
  return momentOf(workingDay(cal, step(cal, day, -1), 'back'), DAY_END - 1);
}

/**
 * A staff action on `day` at `minute` (kept within working hours): moved to a working day in direction `dir`, and
 * never later than `notAfter` (then the latest working moment before it).
 */
export function workingMoment(cal: WorkCalendar, day: string, minute: number, notAfter: Date, dir: 'back' | 'forward' = 'forward'): Date {
  const m = Math.min(Math.max(minute, DAY_START), DAY_END - 1);
  const t = momentOf(workingDay(cal, day, dir), m);
  return t > notAfter ? latestWorkingMoment(cal, notAfter) : t;
}

/** Whether a moment is a plausible staff action time: a working day, 08:30–18:00 China time. */
export function isWorkingTime(cal: WorkCalendar, t: Date): boolean {
  const { day, minute } = localParts(t);
  return cal.isWorkingDay(day) && minute >= DAY_START && minute < 18 * 60;
}
