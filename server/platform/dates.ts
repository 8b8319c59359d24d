/** Dates as the agencies see them: calendar days in China Standard Time, 'YYYY-MM-DD'. */
const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export const todayIso = (now: Date = new Date()): string => fmt.format(now);
export const daysFromToday = (days: number, now: Date = new Date()): string => fmt.format(new Date(now.getTime() + days * 86400_000));

/** How far ahead reminders look (licences, 校验, credentials). */
export const REMINDER_DAYS = 60;
