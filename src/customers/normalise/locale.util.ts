import { FieldResult, ok, refuse } from './field-result';

// Intl lookups are slow compared with a million-row import; the set of locales and zones in a file is small.
const locales = new Map<string, FieldResult>();
const zones = new Map<string, FieldResult>();
const CACHE_MAX = 10_000;

function remember(cache: Map<string, FieldResult>, key: string, r: FieldResult): FieldResult {
  if (cache.size < CACHE_MAX) cache.set(key, r);
  return r;
}

/** A BCP 47 tag in its canonical form (en-us → en-US). */
export function normaliseLocale(raw: string): FieldResult {
  const v = raw.trim();
  const hit = locales.get(v);
  if (hit) return hit;
  let r: FieldResult;
  try {
    const canon = v.length >= 2 && v.length <= 35 ? Intl.getCanonicalLocales(v) : [];
    r = canon.length === 1 ? ok(canon[0]) : refuse('is not a valid BCP 47 locale (e.g. en, fr-CA)');
  } catch {
    r = refuse('is not a valid BCP 47 locale (e.g. en, fr-CA)');
  }
  return remember(locales, v, r);
}

/** An IANA time zone name known to this runtime. */
export function normaliseTimezone(raw: string): FieldResult {
  const v = raw.trim();
  const hit = zones.get(v);
  if (hit) return hit;
  let r: FieldResult;
  try {
    r = v.length <= 64 ? ok(new Intl.DateTimeFormat('en', { timeZone: v }).resolvedOptions().timeZone) : refuse('is not a known IANA time zone');
  } catch {
    r = refuse('is not a known IANA time zone (e.g. Europe/Paris)');
  }
  return remember(zones, v, r);
}
