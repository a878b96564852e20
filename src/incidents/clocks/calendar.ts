// Calendar arithmetic for legal periods (EU Regulation 1182/71 on periods, dates and time limits).

/**
 * `months` calendar months after `from`, at the same time of day (UTC). Art. 3(2)(c) of Regulation
 * 1182/71: a period in months ends on the day of the last month with the same date as the starting day,
 * or, when that month has no such day (a month from 31 January), on the LAST day of that month: it never
 * spills into the month after (31 January + 1 month = 28 or 29 February, never 3 March).
 * The time of day is kept, which is never later than the end of that day the Regulation allows.
 */
export function addCalendarMonths(from: Date, months: number): Date {
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(from.getUTCDate(), lastDay);
  return new Date(Date.UTC(y, m, day, from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds()));
}

/** `days` calendar days after a YYYY-MM-DD date. */
export function addCalendarDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
