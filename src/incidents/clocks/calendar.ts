// Calendar arithmetic for legal periods (EU Regulation 1182/71 on periods, dates and time limits), counted
// on the calendar of the place whose law sets the period: a day or a month is a day or a month on the
// authority's wall clock, never a multiple of 24 UTC hours (a period across a DST change, or started in the
// hour after local midnight, would otherwise end on the day after the one the law gives).

interface Wall {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  ss: number;
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallOf(at: Date, timeZone: string): Wall {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return { y: p.year, m: p.month, d: p.day, hh: p.hour, mm: p.minute, ss: p.second, ms: at.getUTCMilliseconds() };
}

const asUtc = (w: Wall) => Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mm, w.ss, w.ms);

/**
 * The instant of a wall-clock time in a time zone. A time that exists twice (the autumn change) is the
 * earlier one; a time that does not exist (the spring change, 02:30 in Paris on the last Sunday of March)
 * is the earlier of its two readings (01:30 CET): a deadline is never moved later.
 */
function fromWall(w: Wall, timeZone: string): Date {
  const wall = asUtc(w);
  const offset = (t: number) => asUtc({ ...wallOf(new Date(t), timeZone), ms: 0 }) - (t - (((t % 1000) + 1000) % 1000));
  const candidates = [wall - offset(wall - 86_400_000), wall - offset(wall + 86_400_000)].sort((a, b) => a - b);
  const exact = candidates.find((t) => asUtc(wallOf(new Date(t), timeZone)) === wall);
  return new Date(exact ?? candidates[0]);
}

/**
 * `months` calendar months after `from`, at the same wall-clock time in `timeZone`. Art. 3(2)(c) of
 * Regulation 1182/71: a period in months ends on the day of the last month with the same date as the
 * starting day, or, when that month has no such day (a month from 31 January), on the LAST day of that
 * month: it never spills into the month after (31 January + 1 month = 28 or 29 February, never 3 March).
 * The dates are those of `timeZone` (the authority's), so a notification sent at 00:30 in Paris on
 * 31 January (still 30 January in UTC) gives 28 February, not 1 March 00:30. The time of day is kept,
 * which is never later than the end of that day the Regulation allows.
 */
export function addCalendarMonths(from: Date, months: number, timeZone = 'UTC'): Date {
  const w = wallOf(from, timeZone);
  const lastDay = new Date(Date.UTC(w.y, w.m - 1 + months + 1, 0)).getUTCDate();
  const target = new Date(Date.UTC(w.y, w.m - 1 + months, 1));
  return fromWall({ ...w, y: target.getUTCFullYear(), m: target.getUTCMonth() + 1, d: Math.min(w.d, lastDay) }, timeZone);
}

/**
 * `days` calendar days after `from`, at the same wall-clock time in `timeZone` (the day of `from` is day
 * 0). Across a DST change this is 23 or 25 hours more or less than `days` × 24 h: 60 days from 23:30 on
 * 1 February in New York ends on 2 April at 23:30 EDT, not at 00:30 on 3 April.
 */
export function addCalendarDaysAt(from: Date, days: number, timeZone: string): Date {
  const w = wallOf(from, timeZone);
  const t = new Date(Date.UTC(w.y, w.m - 1, w.d + days));
  return fromWall({ ...w, y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() }, timeZone);
}

/** `days` calendar days after a YYYY-MM-DD date. */
export function addCalendarDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The earliest of a deadline computed on several calendars: never later than any of the laws' readings. */
export function earliest(zones: string[], due: (timeZone: string) => Date): Date {
  return new Date(Math.min(...zones.map((z) => due(z).getTime())));
}
