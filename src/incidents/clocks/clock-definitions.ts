// Which legal deadlines exist, to whom each applies (the organisation's profile, the incident's type and
// jurisdictions) and when each is due. Sources are quoted in docs/regulatory-clocks.md.
import { addUsBusinessDays, localDate, zonedTime } from './business-days';
import { addCalendarDays, addCalendarDaysAt, addCalendarMonths, earliest } from './calendar';
import { europeanZones, usZones } from './legal-time-zones';

export const CLOCK_IDS = [
  'gdpr-art33',
  'gdpr-art34',
  'nis2-early-warning',
  'nis2-notification',
  'nis2-final-report',
  'nydfs-500.17',
  'nydfs-500.17b-notice',
  'nydfs-500.17b-explanation',
  'hipaa-individuals',
  'hipaa-hhs',
  'hipaa-hhs-log',
  'hipaa-media',
  'hipaa-business-associate',
  'sec-8k-1.05',
] as const;
export type ClockId = (typeof CLOCK_IDS)[number];

/** Clock ids of earlier versions, still accepted in runbooks already written, and what they mean now. */
export const LEGACY_CLOCK_IDS = { 'hipaa-hhs-media': 'hipaa-hhs' } as const satisfies Record<string, ClockId>;
export const ACCEPTED_CLOCK_IDS = [...CLOCK_IDS, ...(Object.keys(LEGACY_CLOCK_IDS) as (keyof typeof LEGACY_CLOCK_IDS)[])] as const;
export const canonicalClockId = (id: string): string => (LEGACY_CLOCK_IDS as Record<string, string>)[id] ?? id;

const EU = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'EU'];
const EEA = [...EU, 'IS', 'LI', 'NO'];
export const PERSONAL_DATA_TYPES = ['data_breach', 'personal_data_breach', 'phi_breach', 'ransomware', 'account_takeover'];
export const NIS2_TYPES = ['nis2_significant_incident', 'significant_incident'];
export const NYDFS_TYPES = ['cybersecurity_event', 'cybersecurity_incident', 'ransomware', ...PERSONAL_DATA_TYPES];
export const SEC_TYPES = ['material_cybersecurity_incident'];
/** HIPAA's thresholds (45 CFR 164.406(a): "more than 500 residents of a State"; 164.408(b): "500 or more individuals"). */
export const HIPAA_HHS_THRESHOLD = 500;
export const HIPAA_MEDIA_THRESHOLD = 500;

/** Who the organisation is: decides which laws apply, whatever the incident's jurisdictions. */
export interface OrganisationProfile {
  /** ISO 3166 codes (FR, US, US-NY …) of the places the organisation is established in */
  establishedIn: string[];
  /** files with the SEC (Form 8-K item 1.05 applies to a material incident anywhere) */
  secRegistrant: boolean;
  /** an essential or important entity under NIS2 (art. 3) */
  nis2Entity: boolean;
  hipaa: 'covered_entity' | 'business_associate' | 'none';
  /** licensed by the New York DFS (23 NYCRR 500.1) */
  nydfsCoveredEntity: boolean;
}

export interface ClockIncident {
  type: string;
  jurisdictions: string[];
  awareAt: Date;
  materialityAt: Date | null;
  /** NYDFS 500.17(a): when the organisation determined a cybersecurity incident occurred */
  determinedAt?: Date | null;
  /** NYDFS 500.17(b): when an extortion payment was made */
  extortionPaidAt?: Date | null;
  affectedCount: number;
  /** affected customers per US State (customers' attributes.state); HIPAA's media rule counts one State */
  byState?: Record<string, number>;
  /** the organisation profile frozen at declaration; null: none set, jurisdictions alone decide (as before profiles) */
  profile?: OrganisationProfile | null;
}

export interface ClockDef {
  id: ClockId;
  regulation: string;
  article: string;
  audience: string;
  applies: (i: ClockIncident) => boolean;
  /** undefined: a flag without a deadline; null: not started yet (see waitsFor) */
  due: (i: ClockIncident, met: Map<string, Date>) => Date | null | undefined;
  /** what starts a clock that can wait */
  waitsFor?: string;
  /** deadlines counted in US business days: steps timed before them land on business days too */
  businessDays?: boolean;
  note?: (i: ClockIncident) => string | undefined;
}

const H = 3600_000;
const ET = 'America/New_York';
const jurisdictionsOf = (i: ClockIncident) => [...i.jurisdictions, ...(i.profile?.establishedIn ?? [])];
const inAny = (list: string[], codes: string[]) => list.some((j) => codes.includes(j) || codes.includes(j.split('-')[0]));
const isUs = (j: string[]) => j.some((x) => x === 'US' || x.startsWith('US-'));
const after = (at: Date | null | undefined, ms: number) => (at ? new Date(at.getTime() + ms) : null);
/** Calendar days on the calendars of the incident's US States (HIPAA: the day of discovery is day 0). */
const usDaysAfter = (i: ClockIncident, at: Date, days: number) => earliest(usZones(jurisdictionsOf(i)), (tz) => addCalendarDaysAt(at, days, tz));

const gdpr = (i: ClockIncident) => inAny(jurisdictionsOf(i), EEA) && PERSONAL_DATA_TYPES.includes(i.type);
const nis2 = (i: ClockIncident) => NIS2_TYPES.includes(i.type) && inAny(jurisdictionsOf(i), EU) && (i.profile ? i.profile.nis2Entity : true);
const nydfs = (i: ClockIncident) => NYDFS_TYPES.includes(i.type) && (i.profile ? i.profile.nydfsCoveredEntity : jurisdictionsOf(i).includes('US-NY'));
const hipaaCoveredEntity = (i: ClockIncident) => i.type === 'phi_breach' && (i.profile ? i.profile.hipaa === 'covered_entity' : isUs(jurisdictionsOf(i)));
const statesOver = (i: ClockIncident, n: number) => Object.entries(i.byState ?? {}).filter(([, count]) => count > n);

/**
 * 45 CFR 164.408(c): a breach of fewer than 500 is logged and reported "not later than 60 days after the
 * end of each calendar year": the end (24:00 local) of the 60th day after 31 December of the year of
 * discovery, i.e. 1 March, or 29 February in a leap year. The year is the one of the covered entity's
 * calendar (`timeZone`): 22:00 on 31 December in California is 2027 there, though 2028 in New York.
 */
export function hipaaAnnualLogDue(discovery: Date, timeZone = ET): Date {
  const year = Number(localDate(discovery, timeZone).slice(0, 4));
  return zonedTime(addCalendarDays(`${year}-12-31`, 61), 0, 0, timeZone);
}

export const CLOCKS: ClockDef[] = [
  {
    id: 'gdpr-art33',
    regulation: 'GDPR',
    article: 'Art. 33(1): notify the supervisory authority within 72 hours of becoming aware',
    audience: 'regulator',
    applies: gdpr,
    due: (i) => after(i.awareAt, 72 * H),
  },
  {
    id: 'gdpr-art34',
    regulation: 'GDPR',
    article: 'Art. 34(1): communicate to data subjects without undue delay (high risk)',
    audience: 'affected_customers',
    applies: gdpr,
    due: () => undefined,
  },
  {
    id: 'nis2-early-warning',
    regulation: 'NIS2',
    article: 'Art. 23(4)(a): early warning to the CSIRT or competent authority within 24 hours of becoming aware',
    audience: 'regulator',
    applies: nis2,
    due: (i) => after(i.awareAt, 24 * H),
  },
  {
    id: 'nis2-notification',
    regulation: 'NIS2',
    article: 'Art. 23(4)(b): incident notification within 72 hours of becoming aware',
    audience: 'regulator',
    applies: nis2,
    due: (i) => after(i.awareAt, 72 * H),
  },
  {
    id: 'nis2-final-report',
    regulation: 'NIS2',
    article: 'Art. 23(4)(d): final report not later than one month after the submission of the incident notification',
    audience: 'regulator',
    applies: nis2,
    // a calendar month (Regulation 1182/71 art. 3(2)(c)) from the notification the authority received, on
    // the member state's calendar (several member states: the earliest reading)
    due: (i, met) => {
      const sent = met.get('nis2-notification');
      return sent ? earliest(europeanZones(jurisdictionsOf(i), (c) => EU.includes(c)), (tz) => addCalendarMonths(sent, 1, tz)) : null;
    },
    waitsFor: 'the incident notification (nis2-notification) to be submitted',
  },
  {
    id: 'nydfs-500.17',
    regulation: 'NYDFS',
    article: '23 NYCRR 500.17(a)(1): notify the superintendent within 72 hours of determining that a cybersecurity incident has occurred',
    audience: 'regulator',
    applies: nydfs,
    due: (i) => after(i.determinedAt, 72 * H),
    waitsFor: 'the determination that a cybersecurity incident occurred (POST /incidents/{id}/determination)',
  },
  {
    id: 'nydfs-500.17b-notice',
    regulation: 'NYDFS',
    article: '23 NYCRR 500.17(b)(1)(i): notice of an extortion payment within 24 hours of making it',
    audience: 'regulator',
    applies: (i) => nydfs(i) && !!i.extortionPaidAt,
    due: (i) => after(i.extortionPaidAt, 24 * H),
  },
  {
    id: 'nydfs-500.17b-explanation',
    regulation: 'NYDFS',
    article: '23 NYCRR 500.17(b)(1)(ii): written description of the reasons the payment was necessary, alternatives considered and diligence performed, within 30 days of the payment',
    audience: 'regulator',
    applies: (i) => nydfs(i) && !!i.extortionPaidAt,
    due: (i) => (i.extortionPaidAt ? addCalendarDaysAt(i.extortionPaidAt, 30, ET) : null), // days on New York's calendar
  },
  {
    id: 'hipaa-individuals',
    regulation: 'HIPAA',
    article: '45 CFR 164.404(b): notify individuals without unreasonable delay, at most 60 calendar days after discovery',
    audience: 'affected_customers',
    applies: hipaaCoveredEntity,
    due: (i) => usDaysAfter(i, i.awareAt, 60),
  },
  {
    id: 'hipaa-hhs',
    regulation: 'HIPAA',
    article: '45 CFR 164.408(b): 500 or more individuals in total: notify HHS at the same time as the individuals, at most 60 calendar days after discovery',
    audience: 'regulator',
    applies: (i) => hipaaCoveredEntity(i) && i.affectedCount >= HIPAA_HHS_THRESHOLD,
    due: (i) => usDaysAfter(i, i.awareAt, 60),
    note: (i) => `${i.affectedCount} individuals affected in total`,
  },
  {
    id: 'hipaa-hhs-log',
    regulation: 'HIPAA',
    article: '45 CFR 164.408(c): fewer than 500 individuals: log the breach and report it to HHS within 60 days after the end of the calendar year of discovery',
    audience: 'regulator',
    applies: (i) => hipaaCoveredEntity(i) && i.affectedCount < HIPAA_HHS_THRESHOLD,
    due: (i) => earliest(usZones(jurisdictionsOf(i)), (tz) => hipaaAnnualLogDue(i.awareAt, tz)),
    note: (i) => `${i.affectedCount} individuals affected in total (under 500)`,
  },
  {
    id: 'hipaa-media',
    regulation: 'HIPAA',
    article: '45 CFR 164.406(a): more than 500 residents of one State or jurisdiction: notify prominent media outlets serving it, at most 60 calendar days after discovery',
    audience: 'regulator',
    applies: (i) => hipaaCoveredEntity(i) && statesOver(i, HIPAA_MEDIA_THRESHOLD).length > 0,
    due: (i) => usDaysAfter(i, i.awareAt, 60),
    note: (i) => `more than 500 residents of ${statesOver(i, HIPAA_MEDIA_THRESHOLD).map(([s, n]) => `${s} (${n})`).join(', ')} (customers' attributes.state)`,
  },
  {
    id: 'hipaa-business-associate',
    regulation: 'HIPAA',
    article: '45 CFR 164.410(b): a business associate notifies the covered entity without unreasonable delay, at most 60 calendar days after discovery',
    audience: 'regulator',
    applies: (i) => i.type === 'phi_breach' && i.profile?.hipaa === 'business_associate',
    due: (i) => usDaysAfter(i, i.awareAt, 60),
  },
  {
    id: 'sec-8k-1.05',
    regulation: 'SEC',
    article: 'Form 8-K item 1.05: file within four business days after determining the incident is material',
    audience: 'regulator',
    // an SEC registrant files for a material incident wherever it happened
    applies: (i) => (SEC_TYPES.includes(i.type) || i.materialityAt !== null) && (i.profile ? i.profile.secRegistrant : isUs(jurisdictionsOf(i))),
    // EDGAR accepts filings until 17:30 Eastern on the due business day
    due: (i) => (i.materialityAt ? zonedTime(addUsBusinessDays(localDate(i.materialityAt, ET), 4), 17, 30, ET) : null),
    waitsFor: 'the materiality determination (POST /incidents/{id}/materiality)',
    businessDays: true,
  },
];

export const clockById = (id: string) => CLOCKS.find((c) => c.id === canonicalClockId(id));

/** Deadlines at a fixed distance from awareness (hours), for checking a runbook's timing at publish. */
export const HOURS_FROM_AWARENESS: Partial<Record<ClockId, number>> = {
  'gdpr-art33': 72,
  'nis2-early-warning': 24,
  'nis2-notification': 72,
  'hipaa-individuals': 60 * 24,
  'hipaa-hhs': 60 * 24,
  'hipaa-media': 60 * 24,
  'hipaa-business-associate': 60 * 24,
};
