// The fixed set of helpers staff templates may use. Each is pure and reads the recipient's locale and
// timezone from the render root, so "3 March" is written the way the customer reads dates.
import type { HelperOptions } from 'handlebars';

export const MAX_EACH_ITEMS = 1000;

export interface Phrases {
  [locale: string]: Record<string, string>;
}

type Root = { customer?: { locale?: string; timezone?: string } };
const rootOf = (options: HelperOptions): Root => ((options?.data as { root?: Root })?.root ?? {}) as Root;
const localeOf = (options: HelperOptions) => rootOf(options).customer?.locale || 'en';
const zoneOf = (options: HelperOptions) => rootOf(options).customer?.timezone || 'UTC';
/** Helpers are called with the options hash last; a helper's own optional arguments come before it. */
const split = (args: unknown[]): [unknown[], HelperOptions] => [args.slice(0, -1), args[args.length - 1] as HelperOptions];

const DATE_STYLES: Record<string, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'long' },
  datetime: { dateStyle: 'long', timeStyle: 'short', timeZoneName: 'short' } as Intl.DateTimeFormatOptions,
  time: { timeStyle: 'short', timeZoneName: 'short' } as Intl.DateTimeFormatOptions,
};

export function formatDate(...args: unknown[]): string {
  const [[value, style = 'datetime'], options] = split(args);
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) throw new Error(`formatDate: '${String(value)}' is not a date`);
  const opts = DATE_STYLES[String(style)];
  if (!opts) throw new Error(`formatDate: style must be one of ${Object.keys(DATE_STYLES).join(', ')}`);
  // dateStyle/timeStyle may not be combined with timeZoneName in every engine: add the zone by hand
  const { timeZoneName, ...rest } = opts as Intl.DateTimeFormatOptions & { timeZoneName?: string };
  const text = new Intl.DateTimeFormat(localeOf(options), { ...rest, timeZone: zoneOf(options) }).format(d);
  if (!timeZoneName) return text;
  const zone = new Intl.DateTimeFormat(localeOf(options), { timeZone: zoneOf(options), timeZoneName: 'short' })
    .formatToParts(d)
    .find((p) => p.type === 'timeZoneName')?.value;
  return zone ? `${text} ${zone}` : text;
}

export function formatNumber(...args: unknown[]): string {
  const [[value], options] = split(args);
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new Error(`formatNumber: '${String(value)}' is not a number`);
  return new Intl.NumberFormat(localeOf(options)).format(n);
}

export function pluralize(...args: unknown[]): string {
  const [[count, singular, plural]] = split(args);
  const n = Number(count);
  return `${Number.isFinite(n) ? n : count} ${n === 1 ? String(singular) : String(plural ?? `${String(singular)}s`)}`;
}

/** Only absolute https links: no javascript:, data:, relative or plain-http URLs in a breach notice. */
export function url(...args: unknown[]): string {
  const [[value]] = split(args);
  let u: URL;
  try {
    u = new URL(String(value));
  } catch {
    throw new Error(`url: '${String(value)}' is not an absolute URL`);
  }
  if (u.protocol !== 'https:') throw new Error(`url: only https links are allowed, not '${u.protocol}'`);
  return u.toString();
}

export const upper = (...args: unknown[]) => String(split(args)[0][0] ?? '').toUpperCase();
export const lower = (...args: unknown[]) => String(split(args)[0][0] ?? '').toLowerCase();

export function defaultValue(...args: unknown[]): unknown {
  const [[value, fallback]] = split(args);
  return value === undefined || value === null || value === '' ? fallback : value;
}

/** `t` looks a shared phrase up in the recipient's locale, then its language, then English. */
export function makeT(phrases: Phrases) {
  return (...args: unknown[]): string => {
    const [[key], options] = split(args);
    const locale = localeOf(options);
    for (const l of [locale, locale.split('-')[0], 'en']) {
      const hit = phrases[l]?.[String(key)];
      if (hit !== undefined) return hit;
    }
    throw new Error(`t: no phrase '${String(key)}'`);
  };
}

export const HELPER_NAMES = ['formatDate', 'formatNumber', 'pluralize', 'url', 'upper', 'lower', 'default', 't'] as const;
export const BLOCK_HELPERS = ['if', 'unless', 'each', 'with'] as const;
