import type Handlebars from 'handlebars';

const pad = (n: number) => String(n).padStart(2, '0');

/** Small, pure helpers for console views (HTML escaping stays on: only `when` returns a SafeString, built from a Date alone). */
export function registerConsoleHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('includes', (list: unknown, v: unknown) => Array.isArray(list) && list.includes(v));
  /** "2026-11-26 07:05 UTC": staff read times in UTC, like the deadlines are stored */
  hbs.registerHelper('datetime', (v: unknown) => {
    if (v === null || v === undefined || v === '') return '';
    const d = v instanceof Date ? v : new Date(String(v));
    if (Number.isNaN(d.getTime())) return '';
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
  });
  /** `<time datetime="…">2026-11-26 07:05 UTC</time>`: the console's one way to show a time (console.js adds the viewer's local time on hover) */
  hbs.registerHelper('when', (v: unknown) => {
    if (v === null || v === undefined || v === '') return '';
    const d = v instanceof Date ? v : new Date(String(v));
    if (Number.isNaN(d.getTime())) return '';
    const text = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
    // only digits, dashes, colons and letters from a Date: nothing to escape
    return new hbs.SafeString(`<time datetime="${d.toISOString()}">${text}</time>`);
  });
  /** ISO string, for <time datetime> and data attributes read by the page's script */
  hbs.registerHelper('iso', (v: unknown) => (v instanceof Date ? v.toISOString() : v ? new Date(String(v)).toISOString() : ''));
  hbs.registerHelper('percent', (part: unknown, whole: unknown) => {
    const p = Number(part);
    const w = Number(whole);
    return w > 0 ? Math.min(100, Math.floor((p / w) * 100)) : 0;
  });
  hbs.registerHelper('number', (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? v.toLocaleString('en') : String(v ?? '')));
}
