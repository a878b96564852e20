// Legal deadlines derived from an incident: which apply (from its jurisdictions and type), when each is
// due (UTC, computed from awareness or the materiality determination), and whether a step has met it.
import { addUsBusinessDays, localDate, zonedTime } from './business-days';

export const CLOCK_IDS = [
  'gdpr-art33',
  'gdpr-art34',
  'nis2-early-warning',
  'nis2-notification',
  'nis2-final-report',
  'nydfs-500.17',
  'hipaa-individuals',
  'hipaa-hhs-media',
  'sec-8k-1.05',
] as const;
export type ClockId = (typeof CLOCK_IDS)[number];

const EU = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'EU'];
const EEA = [...EU, 'IS', 'LI', 'NO'];
export const PERSONAL_DATA_TYPES = ['data_breach', 'personal_data_breach', 'phi_breach', 'ransomware', 'account_takeover'];
export const NIS2_TYPES = ['nis2_significant_incident', 'significant_incident'];
export const NYDFS_TYPES = ['cybersecurity_event', 'ransomware', ...PERSONAL_DATA_TYPES];
export const SEC_TYPES = ['material_cybersecurity_incident'];

export interface ClockIncident {
  type: string;
  jurisdictions: string[];
  awareAt: Date;
  materialityAt: Date | null;
  affectedCount: number;
}

export interface ClockStep {
  stepKey: string;
  meets: string[];
  completedAt: Date | null;
  /** the step completed but every one of its notices failed (or was suppressed): it meets nothing */
  reachedNobody?: boolean;
}

export interface ClockView {
  id: ClockId;
  regulation: string;
  article: string;
  audience: string;
  /** null: no fixed deadline ("without undue delay") or the clock has not started */
  dueAt: string | null;
  status: 'running' | 'met' | 'missed' | 'waiting' | 'flag';
  metBy: string | null;
  metAt: string | null;
  hoursLeft: number | null;
  elapsedHours: number;
  note?: string;
}

const H = 3600_000;
const inAny = (list: string[], codes: string[]) => list.some((j) => codes.includes(j) || codes.includes(j.split('-')[0]));
const isUs = (j: string[]) => j.some((x) => x === 'US' || x.startsWith('US-'));
const addMonth = (d: Date) => {
  const t = new Date(d);
  t.setUTCMonth(t.getUTCMonth() + 1);
  return t;
};

interface ClockDef {
  id: ClockId;
  regulation: string;
  article: string;
  audience: string;
  applies: (i: ClockIncident) => boolean;
  /** undefined: a flag without a deadline; null: not started yet */
  due: (i: ClockIncident, met: Map<string, Date>) => Date | null | undefined;
  note?: (i: ClockIncident) => string | undefined;
}

export const CLOCKS: ClockDef[] = [
  {
    id: 'gdpr-art33',
    regulation: 'GDPR',
    article: 'Art. 33(1): notify the supervisory authority within 72 hours of becoming aware',
    audience: 'regulator',
    applies: (i) => inAny(i.jurisdictions, EEA) && PERSONAL_DATA_TYPES.includes(i.type),
    due: (i) => new Date(i.awareAt.getTime() + 72 * H),
  },
  {
    id: 'gdpr-art34',
    regulation: 'GDPR',
    article: 'Art. 34(1): communicate to data subjects without undue delay (high risk)',
    audience: 'affected_customers',
    applies: (i) => inAny(i.jurisdictions, EEA) && PERSONAL_DATA_TYPES.includes(i.type),
    due: () => undefined,
  },
  {
    id: 'nis2-early-warning',
    regulation: 'NIS2',
    article: 'Art. 23(4)(a): early warning to the CSIRT or authority within 24 hours',
    audience: 'regulator',
    applies: (i) => inAny(i.jurisdictions, EU) && NIS2_TYPES.includes(i.type),
    due: (i) => new Date(i.awareAt.getTime() + 24 * H),
  },
  {
    id: 'nis2-notification',
    regulation: 'NIS2',
    article: 'Art. 23(4)(b): incident notification within 72 hours',
    audience: 'regulator',
    applies: (i) => inAny(i.jurisdictions, EU) && NIS2_TYPES.includes(i.type),
    due: (i) => new Date(i.awareAt.getTime() + 72 * H),
  },
  {
    id: 'nis2-final-report',
    regulation: 'NIS2',
    article: 'Art. 23(4)(d): final report within one month of the incident notification',
    audience: 'regulator',
    applies: (i) => inAny(i.jurisdictions, EU) && NIS2_TYPES.includes(i.type),
    due: (i, met) => addMonth(met.get('nis2-notification') ?? new Date(i.awareAt.getTime() + 72 * H)),
  },
  {
    id: 'nydfs-500.17',
    regulation: 'NYDFS',
    article: '23 NYCRR 500.17(a): notify the superintendent within 72 hours of determining a cybersecurity incident',
    audience: 'regulator',
    applies: (i) => i.jurisdictions.includes('US-NY') && NYDFS_TYPES.includes(i.type),
    due: (i) => new Date(i.awareAt.getTime() + 72 * H),
  },
  {
    id: 'hipaa-individuals',
    regulation: 'HIPAA',
    article: '45 CFR 164.404: notify individuals without unreasonable delay, at most 60 calendar days after discovery',
    audience: 'affected_customers',
    applies: (i) => isUs(i.jurisdictions) && i.type === 'phi_breach',
    due: (i) => new Date(i.awareAt.getTime() + 60 * 24 * H),
  },
  {
    id: 'hipaa-hhs-media',
    regulation: 'HIPAA',
    article: '45 CFR 164.406 and 164.408: media and HHS within 60 days when 500 or more residents of a state are affected',
    audience: 'regulator',
    applies: (i) => isUs(i.jurisdictions) && i.type === 'phi_breach' && i.affectedCount >= 500,
    due: (i) => new Date(i.awareAt.getTime() + 60 * 24 * H),
    note: () => 'applies from 500 affected in total; check the per-state count (164.406 counts residents of one state)',
  },
  {
    id: 'sec-8k-1.05',
    regulation: 'SEC',
    article: 'Form 8-K item 1.05: file within four business days after determining the incident is material',
    audience: 'internal',
    applies: (i) => isUs(i.jurisdictions) && (SEC_TYPES.includes(i.type) || i.materialityAt !== null),
    // EDGAR accepts filings until 17:30 Eastern on the due business day
    due: (i) => (i.materialityAt ? zonedTime(addUsBusinessDays(localDate(i.materialityAt, 'America/New_York'), 4), 17, 30, 'America/New_York') : null),
    note: (i) => (i.materialityAt ? undefined : 'starts when materiality is determined (POST /incidents/{id}/materiality)'),
  },
];

export const clockById = (id: string) => CLOCKS.find((c) => c.id === id);

/** Deadlines at a fixed distance from awareness (hours), for checking a runbook's timing at publish. */
export const HOURS_FROM_AWARENESS: Partial<Record<ClockId, number>> = {
  'gdpr-art33': 72,
  'nis2-early-warning': 24,
  'nis2-notification': 72,
  'nydfs-500.17': 72,
  'hipaa-individuals': 60 * 24,
  'hipaa-hhs-media': 60 * 24,
};

/** Due time of one clock for an incident: Date, null (not started) or undefined (no fixed deadline / not applicable). */
export function clockDue(id: string, i: ClockIncident): Date | null | undefined {
  const c = clockById(id);
  if (!c || !c.applies(i)) return undefined;
  return c.due(i, new Map());
}

export function computeClocks(i: ClockIncident, steps: ClockStep[], now: Date): ClockView[] {
  const metAt = new Map<string, { step: string; at: Date }>();
  for (const s of steps) {
    if (!s.completedAt || s.reachedNobody) continue;
    for (const id of s.meets) {
      const prev = metAt.get(id);
      if (!prev || s.completedAt < prev.at) metAt.set(id, { step: s.stepKey, at: s.completedAt });
    }
  }
  const metDates = new Map([...metAt].map(([k, v]) => [k, v.at]));
  return CLOCKS.filter((c) => c.applies(i)).map((c) => {
    const due = c.due(i, metDates);
    const met = metAt.get(c.id) ?? null;
    const meetingSteps = steps.filter((s) => s.meets.includes(c.id));
    let status: ClockView['status'];
    if (due === undefined) status = met ? 'met' : 'flag';
    else if (due === null) status = 'waiting';
    else if (met) status = met.at <= due ? 'met' : 'missed';
    else status = now > due ? 'missed' : 'running';
    const failedSteps = met ? [] : meetingSteps.filter((s) => s.completedAt && s.reachedNobody).map((s) => s.stepKey);
    const notes = [
      c.note?.(i),
      meetingSteps.length ? undefined : 'no step of the runbook meets this deadline',
      failedSteps.length ? `${failedSteps.join(', ')} completed without reaching any recipient: not met` : undefined,
    ].filter(Boolean);
    return {
      id: c.id,
      regulation: c.regulation,
      article: c.article,
      audience: c.audience,
      dueAt: due ? due.toISOString() : null,
      status,
      metBy: met?.step ?? meetingSteps[0]?.stepKey ?? null,
      metAt: met ? met.at.toISOString() : null,
      hoursLeft: due && !met ? Math.round(((due.getTime() - now.getTime()) / H) * 10) / 10 : null,
      elapsedHours: Math.round(((now.getTime() - i.awareAt.getTime()) / H) * 10) / 10,
      ...(notes.length ? { note: notes.join('; ') } : {}),
    };
  });
}
