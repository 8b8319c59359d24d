/**
 * Seed data for the working-day calendar from the `chinese-days` package, which tracks the yearly
 * 国务院办公厅 holiday notices (法定节假日 and 调休 make-up working days).
 *
 * The package ships its data as dist/chinese-days.json (documented in its README for non-JS use):
 *   { holidays: { 'YYYY-MM-DD': 'English,中文,n' }, workdays: {…}, inLieuDays: {…} }
 * - holidays: every day off of a holiday run (weekend days inside the run included);
 * - workdays: weekend days declared working days (调休上班);
 * - inLieuDays: the subset of holidays that are "borrowed" days — not needed here.
 */
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { CalendarException } from './calendar';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

const data = chineseDaysData as unknown as ChineseDaysData;

/** The package uses short names for some festivals; the official notices use these. */
const OFFICIAL_NAMES: Record<string, string> = {
  清明: '清明节',
  端午: '端午节',
  中秋: '中秋节',
};

/** 'National Day,国庆节,3' → '国庆节'. */
function chineseName(raw: string): string {
  const parts = raw.split(',');
  const zh = (parts.length >= 2 ? parts[1] : parts[0]).trim();
  return OFFICIAL_NAMES[zh] ?? zh;
}

/**
 * All holidays (with their Chinese names, e.g. '国庆节', '春节') and make-up working days (named e.g.
 * '国庆节调休上班') for every year the `chinese-days` package covers, sorted by day. Weekend days inside
 * a holiday run are listed as holidays (harmless: they are rest days anyway); ordinary weekends are not
 * listed. A day listed both ways (never the case in the package data) is taken as a working day.
 */
export function seedExceptionsFromChineseDays(): CalendarException[] {
  const byDay = new Map<string, CalendarException>();
  for (const [day, raw] of Object.entries(data.holidays)) {
    byDay.set(day, { day, kind: 'holiday', name: chineseName(raw) });
  }
  for (const [day, raw] of Object.entries(data.workdays)) {
    byDay.set(day, { day, kind: 'workday', name: `${chineseName(raw)}调休上班` });
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
