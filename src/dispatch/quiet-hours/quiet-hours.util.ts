// Quiet hours: a local-time window (e.g. 21:00-08:00) in which non-urgent SMS are not sent. Plain Intl
// arithmetic: the customer's wall clock is read with Intl.DateTimeFormat, and the window's end is turned
// back into an instant by correcting for the zone's UTC offset at that moment (twice, for DST changes).

/** Minutes after local midnight; a window whose start is after its end runs over midnight. */
export interface QuietWindow {
  start: number;
  end: number;
  /** as configured, for reasons shown to people */
  label: string;
}

export const QUIET_HOURS_PATTERN = /^(off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/;

/** `HH:MM-HH:MM`, or `off` (never quiet). */
export function parseQuietHours(value: string): QuietWindow | null {
  if (!QUIET_HOURS_PATTERN.test(value) || value === 'off') return null;
  const [start, end] = value.split('-').map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)));
  return start === end ? null : { start, end, label: value };
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of an instant in a zone. */
function wallClock(at: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    if (formatters.size > 500) formatters.clear();
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return { y: p.year, mo: p.month, d: p.day, h: p.hour, mi: p.minute, s: p.second };
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetMs(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * When `now` falls inside the quiet window in `timeZone`, the instant the window ends there (when the
 * message may go); null when it is not quiet. The window includes its start and excludes its end.
 */
export function quietUntil(now: Date, timeZone: string, w: QuietWindow): Date | null {
  const local = wallClock(now, timeZone);
  const minute = local.h * 60 + local.mi;
  const wraps = w.start > w.end;
  const inside = wraps ? minute >= w.start || minute < w.end : minute >= w.start && minute < w.end;
  if (!inside) return null;
  // the end is later today, or tomorrow when we are in the evening part of a window that runs over midnight
  const dayShift = wraps && minute >= w.start ? 1 : 0;
  const wall = Date.UTC(local.y, local.mo - 1, local.d + dayShift, Math.floor(w.end / 60), w.end % 60, 0);
  let guess = wall - offsetMs(new Date(wall), timeZone);
  guess = wall - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}
