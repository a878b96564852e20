// US federal holidays (5 U.S.C. 6103, with the weekend "observed" rule) and business-day arithmetic,
// for clocks such as SEC Form 8-K (four business days).

const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** nth weekday (0=Sunday) of a month; n = -1 for the last one. */
function nthWeekday(y: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(y, month - 1, 1)).getUTCDay();
    return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
  }
  const lastDay = new Date(Date.UTC(y, month, 0)).getUTCDate();
  const last = new Date(Date.UTC(y, month - 1, lastDay)).getUTCDay();
  return lastDay - ((last - weekday + 7) % 7);
}

/** A fixed-date holiday on a Saturday is observed the Friday before, on a Sunday the Monday after. */
function observed(y: number, m: number, d: number): string {
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const shift = wd === 6 ? -1 : wd === 0 ? 1 : 0;
  const t = new Date(Date.UTC(y, m - 1, d + shift));
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function usFederalHolidays(y: number): Set<string> {
  return new Set([
    observed(y, 1, 1), // New Year's Day
    ymd(y, 1, nthWeekday(y, 1, 1, 3)), // Martin Luther King Jr. Day
    ymd(y, 2, nthWeekday(y, 2, 1, 3)), // Washington's Birthday
    ymd(y, 5, nthWeekday(y, 5, 1, -1)), // Memorial Day
    observed(y, 6, 19), // Juneteenth
    observed(y, 7, 4), // Independence Day
    ymd(y, 9, nthWeekday(y, 9, 1, 1)), // Labor Day
    ymd(y, 10, nthWeekday(y, 10, 1, 2)), // Columbus Day
    observed(y, 11, 11), // Veterans Day
    ymd(y, 11, nthWeekday(y, 11, 4, 4)), // Thanksgiving
    observed(y, 12, 25), // Christmas
    observed(y + 1, 1, 1), // next New Year's Day observed on Dec 31 when Jan 1 is a Saturday
  ]);
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The UTC instant of a wall-clock time on a date in a time zone (DST-aware). */
export function zonedTime(date: string, hh: number, mm: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  let guess = Date.UTC(y, m - 1, d, hh, mm);
  for (let i = 0; i < 3; i++) {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
        .formatToParts(new Date(guess))
        .map((p) => [p.type, p.value]),
    );
    const seen = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
    guess += Date.UTC(y, m - 1, d, hh, mm) - seen;
  }
  return new Date(guess);
}

/** A weekday that is not a US federal holiday (YYYY-MM-DD). */
export function isUsBusinessDay(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd !== 0 && wd !== 6 && !usFederalHolidays(y).has(ymd(y, m, d));
}

/** The date `n` US business days after `date` (n < 0: before it); the day itself does not count. */
export function addUsBusinessDays(date: string, n: number): string {
  const step = n < 0 ? -1 : 1;
  let [y, m, d] = date.split('-').map(Number);
  let left = Math.abs(n);
  while (left > 0) {
    const t = new Date(Date.UTC(y, m - 1, d + step));
    [y, m, d] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
    if (isUsBusinessDay(ymd(y, m, d))) left--;
  }
  return ymd(y, m, d);
}

/** The wall-clock hour and minute of an instant in a time zone. */
function wallTime(at: Date, timeZone: string): [number, number] {
  const [hh, mm] = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).format(at).split(':').map(Number);
  return [hh, mm];
}

/**
 * `minutes` before a business-day deadline, counted so the result is a business day too: each whole day
 * of `minutes` is one US business day back (a step "two days before" a Monday deadline is due on the
 * Thursday, not on the Saturday), the rest is wall-clock minutes; a remainder that lands on a weekend or
 * a holiday moves back to the same wall time on the business day before.
 */
export function usBusinessTimeBefore(deadline: Date, minutes: number, timeZone = 'America/New_York'): Date {
  const [hh, mm] = wallTime(deadline, timeZone);
  const date = addUsBusinessDays(localDate(deadline, timeZone), -Math.floor(minutes / 1440));
  const at = new Date(zonedTime(date, hh, mm, timeZone).getTime() - (minutes % 1440) * 60_000);
  const day = localDate(at, timeZone);
  if (isUsBusinessDay(day)) return at;
  const [h2, m2] = wallTime(at, timeZone);
  return zonedTime(addUsBusinessDays(day, -1), h2, m2, timeZone);
}
