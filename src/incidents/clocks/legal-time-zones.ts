// On whose calendar a period in days or months is counted: the authority's. An incident's jurisdictions
// (and the organisation's places of establishment) name the places; several places give several readings
// and the clocks take the earliest, so a deadline is never later than any of them.

/** EU/EEA member states whose civil time is not Central European Time. */
const EUROPE: Record<string, string> = {
  PT: 'Europe/Lisbon',
  IE: 'Europe/Dublin',
  IS: 'Atlantic/Reykjavik',
  BG: 'Europe/Sofia',
  CY: 'Asia/Nicosia',
  EE: 'Europe/Tallinn',
  FI: 'Europe/Helsinki',
  GR: 'Europe/Athens',
  LV: 'Europe/Riga',
  LT: 'Europe/Vilnius',
  RO: 'Europe/Bucharest',
};
const CET = 'Europe/Brussels';

/**
 * US States and territories by civil time. A State split between two zones (Florida, Idaho, Indiana,
 * Kansas, Kentucky, Michigan, Nebraska, North and South Dakota, Oregon, Tennessee, Texas) is read in its
 * western zone: the earlier deadline of the two.
 */
const US_WEST_FIRST: Record<string, string[]> = {
  'America/New_York': ['CT', 'DE', 'DC', 'GA', 'ME', 'MD', 'MA', 'NH', 'NJ', 'NY', 'NC', 'OH', 'PA', 'RI', 'SC', 'VT', 'VA', 'WV'],
  'America/Chicago': ['AL', 'AR', 'FL', 'IL', 'IN', 'IA', 'KY', 'LA', 'MI', 'MN', 'MS', 'MO', 'OK', 'TN', 'WI'],
  'America/Denver': ['CO', 'KS', 'MT', 'NE', 'NM', 'ND', 'SD', 'TX', 'UT', 'WY'],
  'America/Phoenix': ['AZ'],
  'America/Los_Angeles': ['CA', 'ID', 'NV', 'OR', 'WA'],
  'America/Anchorage': ['AK'],
  'Pacific/Honolulu': ['HI'],
  'America/Puerto_Rico': ['PR', 'VI'],
  'Pacific/Guam': ['GU', 'MP'],
  'Pacific/Pago_Pago': ['AS'],
};
const US: Record<string, string> = Object.fromEntries(Object.entries(US_WEST_FIRST).flatMap(([zone, states]) => states.map((s) => [s, zone])));
export const US_EASTERN = 'America/New_York';

/** The calendars of the EU/EEA places among `codes` (ISO 3166: FR, DE, PT …; `EU` is Brussels). */
export function europeanZones(codes: string[], member: (code: string) => boolean): string[] {
  const zones = codes.map((c) => c.split('-')[0].toUpperCase()).filter(member).map((c) => EUROPE[c] ?? CET);
  return zones.length ? [...new Set(zones)] : [CET];
}

/** The calendars of the US States among `codes` (`US-CA` …); a bare `US`, or none, is US Eastern. */
export function usZones(codes: string[]): string[] {
  const zones = codes.filter((c) => /^US-/i.test(c)).map((c) => US[c.slice(3).toUpperCase()]).filter(Boolean);
  return zones.length ? [...new Set(zones)] : [US_EASTERN];
}
