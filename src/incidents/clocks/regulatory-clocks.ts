// Where each applicable deadline stands for an incident: due (UTC), running, met (and by what evidence),
// missed or waiting. The deadlines themselves are in clock-definitions.ts.
import { REACHING_STATES } from '../../common/reach-definition';
import { canonicalClockId, ClockId, ClockIncident, CLOCKS } from './clock-definitions';

export * from './clock-definitions';

/** Notification states that mean the recipient's server (or device) took the message and nothing bounced since (the one definition: src/common/reach-definition.ts). */
export const REACHED_STATES: string[] = [...REACHING_STATES];
const FAILED_STATES = ['bounced', 'failed', 'suppressed'];

/** One authority recipient of a step: how its notification stands (a later bounce turns `sent` into `bounced`). */
export interface RecipientEvidence {
  recipient: string;
  channel: string;
  state: string;
  /** when it was reached (delivery report, else the server's acceptance) */
  reachedAt: Date | null;
  /** the server's answer: its message id on acceptance, the error on failure */
  response: string | null;
}

export interface ClockStep {
  stepKey: string;
  meets: string[];
  /** internal and list steps never meet a clock: telling legal to file is not filing */
  audience?: string;
  completedAt: Date | null;
  /** the step completed but every one of its notices failed (or was suppressed): it meets nothing */
  reachedNobody?: boolean;
  /** regulator steps: one entry per recipient; the clock is met only when every one was reached */
  recipients?: RecipientEvidence[];
}

/** A filing recorded by a person (a portal upload, EDGAR): meets the clock as of submittedAt. */
export interface ClockSubmission {
  id: string;
  clockId: string;
  submittedAt: Date;
  submittedBy: string;
  reference: string;
  fileName?: string | null;
}

export type ClockEvidence =
  | { kind: 'delivery'; step: string; recipients: { recipient: string; channel: string; state: string; reachedAt: string | null; response: string | null }[] }
  | { kind: 'submission'; id: string; submittedAt: string; submittedBy: string; reference: string; fileName: string | null }
  | { kind: 'step_completed'; step: string };

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
  /** what met the clock: every authority recipient's delivery, or the recorded submission */
  evidence: ClockEvidence | null;
  /** a meeting step that reached some authority recipients and not others: who failed, and why */
  failedRecipients?: { step: string; recipient: string; state: string; response: string | null }[];
  hoursLeft: number | null;
  elapsedHours: number;
  note?: string;
}

const H = 3600_000;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

interface Met {
  at: Date;
  by: string;
  evidence: ClockEvidence;
}

/** When (and by what) a step meets its clocks, or null. */
function stepMet(s: ClockStep): Met | null {
  if (s.audience === 'internal' || s.audience === 'list') return null;
  if (s.audience === 'regulator' && s.recipients) {
    const r = s.recipients;
    if (!r.length || !r.every((x) => REACHED_STATES.includes(x.state) && x.reachedAt)) return null;
    const at = new Date(Math.max(...r.map((x) => x.reachedAt!.getTime())));
    return { at, by: s.stepKey, evidence: { kind: 'delivery', step: s.stepKey, recipients: r.map((x) => ({ ...x, reachedAt: iso(x.reachedAt) })) } };
  }
  if (!s.completedAt || s.reachedNobody) return null;
  return { at: s.completedAt, by: s.stepKey, evidence: { kind: 'step_completed', step: s.stepKey } };
}

/** The earliest evidence per clock: a step that met it, or a recorded submission. */
export function metClocks(steps: ClockStep[], submissions: ClockSubmission[] = []): Map<string, Met> {
  const out = new Map<string, Met>();
  const keep = (id: string, m: Met) => {
    const prev = out.get(id);
    if (!prev || m.at < prev.at) out.set(id, m);
  };
  for (const s of steps) {
    const m = stepMet(s);
    if (m) for (const id of s.meets) keep(canonicalClockId(id), m);
  }
  for (const x of submissions) {
    keep(canonicalClockId(x.clockId), {
      at: x.submittedAt,
      by: `submission ${x.reference}`,
      evidence: { kind: 'submission', id: x.id, submittedAt: x.submittedAt.toISOString(), submittedBy: x.submittedBy, reference: x.reference, fileName: x.fileName ?? null },
    });
  }
  return out;
}

/** Due time of one clock: Date, null (not started) or undefined (no fixed deadline / not applicable). */
export function clockDue(id: string, i: ClockIncident, met: Map<string, Date> = new Map()): Date | null | undefined {
  const c = CLOCKS.find((x) => x.id === canonicalClockId(id));
  if (!c || !c.applies(i)) return undefined;
  return c.due(i, met);
}

export function computeClocks(i: ClockIncident, steps: ClockStep[], now: Date, submissions: ClockSubmission[] = []): ClockView[] {
  const metAt = metClocks(steps, submissions);
  const metDates = new Map([...metAt].map(([k, v]) => [k, v.at]));
  return CLOCKS.filter((c) => c.applies(i)).map((c) => {
    const due = c.due(i, metDates);
    const met = metAt.get(c.id) ?? null;
    const meetingSteps = steps.filter((s) => s.meets.some((m) => canonicalClockId(m) === c.id));
    let status: ClockView['status'];
    if (met) status = due && met.at > due ? 'missed' : 'met';
    else if (due === undefined) status = 'flag';
    else if (due === null) status = 'waiting';
    else status = now > due ? 'missed' : 'running';
    const internal = meetingSteps.filter((s) => s.audience === 'internal' || s.audience === 'list').map((s) => s.stepKey);
    const failedSteps = met ? [] : meetingSteps.filter((s) => s.completedAt && s.reachedNobody && !s.recipients).map((s) => s.stepKey);
    const failedRecipients = met
      ? []
      : meetingSteps.flatMap((s) => (s.recipients ?? []).filter((r) => FAILED_STATES.includes(r.state)).map((r) => ({ step: s.stepKey, recipient: r.recipient, state: r.state, response: r.response })));
    const notes = [
      c.note?.(i),
      due === null && !met && c.waitsFor ? `waits for ${c.waitsFor}` : undefined,
      meetingSteps.length ? undefined : 'no step of the runbook meets this deadline; record the submission when filed',
      internal.length ? `${internal.join(', ')} ${internal.length > 1 ? 'are' : 'is'} internal: an internal message never meets a clock; record the submission when filed` : undefined,
      failedSteps.length ? `${failedSteps.join(', ')} completed without reaching any recipient: not met` : undefined,
      failedRecipients.length ? `not met: ${failedRecipients.map((f) => `${f.recipient} ${f.state}`).join(', ')}` : undefined,
    ].filter(Boolean);
    return {
      id: c.id,
      regulation: c.regulation,
      article: c.article,
      audience: c.audience,
      dueAt: due ? due.toISOString() : null,
      status,
      metBy: met?.by ?? meetingSteps.find((s) => s.audience !== 'internal' && s.audience !== 'list')?.stepKey ?? null,
      metAt: met ? met.at.toISOString() : null,
      evidence: met?.evidence ?? null,
      ...(failedRecipients.length ? { failedRecipients } : {}),
      hoursLeft: due && !met ? Math.round(((due.getTime() - now.getTime()) / H) * 10) / 10 : null,
      elapsedHours: Math.round(((now.getTime() - i.awareAt.getTime()) / H) * 10) / 10,
      ...(notes.length ? { note: notes.join('; ') } : {}),
    };
  });
}
