// Facts the law asks for only when a notice is late: GDPR art. 33(1) — a notification to the supervisory
// authority made after 72 hours "shall be accompanied by reasons for the delay".
import { canonicalClockId, ClockIncident } from './clock-definitions';
import { clockDue } from './regulatory-clocks';

export const LATE_FACTS: Record<string, { fact: string; why: string }> = {
  'gdpr-art33': { fact: 'reasonsForDelay', why: 'GDPR art. 33(1): a notification made after 72 hours is accompanied by the reasons for the delay' },
};

export interface LateFact {
  fact: string;
  clock: string;
  dueAt: Date;
  why: string;
}

/** The facts a step meeting `meets` must carry when it goes out at `sendAt`, and the incident does not give. */
export function missingLateFacts(meets: string[], i: ClockIncident, sendAt: Date, facts: Record<string, unknown>): LateFact[] {
  const out: LateFact[] = [];
  for (const clock of meets.map(canonicalClockId)) {
    const rule = LATE_FACTS[clock];
    if (!rule) continue;
    const due = clockDue(clock, i);
    const given = facts[rule.fact];
    if (due && sendAt > due && (given === undefined || given === null || given === '')) out.push({ fact: rule.fact, clock, dueAt: due, why: rule.why });
  }
  return out;
}
