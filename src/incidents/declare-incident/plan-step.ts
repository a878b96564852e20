import { StepState } from '@prisma/client';
import { usBusinessTimeBefore } from '../clocks/business-days';
import { ClockIncident, clockById, clockDue } from '../clocks/regulatory-clocks';
import { conditionFails, RunbookStep } from '../../runbooks/runbook-definition';

export interface PlanIncident extends ClockIncident {
  severity: string;
  declaredAt: Date;
  confirmedAt: Date | null;
  /** the `resolved` milestone; absent or null until the incident is resolved */
  resolvedAt?: Date | null;
}

/** The start of the reason of a step skipped because its deadline does not apply (yet): the re-planner looks at these again. */
export const DEADLINE_NOT_APPLICABLE = 'deadline';
/** The waiting reason of a step timed from the `resolved` milestone before resolution: shown as "after resolution", not a date. */
export const AFTER_RESOLUTION = 'after resolution: planned when the incident is resolved';

/** "after resolution + 2 d" for a step timed from the resolved milestone: what the schedule shows instead of a date. */
export function afterResolutionLabel(offsetMinutes: number): string {
  if (!offsetMinutes) return 'after resolution';
  const d = offsetMinutes % 1440 === 0 ? `${offsetMinutes / 1440} d` : offsetMinutes % 60 === 0 ? `${offsetMinutes / 60} h` : `${offsetMinutes} min`;
  return `after resolution + ${d}`;
}

/** The step's timing when it is taken from the resolved milestone, else null. */
export function resolvedTiming(definition: unknown): { milestone: 'resolved'; offsetMinutes: number; label: string } | null {
  const t = (definition as { timing?: { milestone?: string; offsetMinutes?: number } } | null)?.timing;
  if (t?.milestone !== 'resolved') return null;
  const offsetMinutes = t.offsetMinutes ?? 0;
  return { milestone: 'resolved', offsetMinutes, label: afterResolutionLabel(offsetMinutes) };
}

export interface PlannedStep {
  dueAt: Date | null;
  state: Extract<StepState, 'scheduled' | 'awaiting_approval' | 'waiting_milestone' | 'skipped'>;
  waitingReason: string | null;
}

/**
 * When a step is due and what it waits for, from the incident as it stands: skipped when its condition
 * fails or its deadline does not apply; waiting for a milestone not yet reached; gated behind approval.
 * Pure, so declare, confirm, materiality and the clock re-planner all plan the same way. `met`: when each
 * clock was met so far (a clock that starts from another one's submission, such as NIS2's final report).
 */
export function planStep(step: RunbookStep, i: PlanIncident, met: Map<string, Date> = new Map()): PlannedStep {
  const failed = conditionFails(step, i);
  if (failed) return { dueAt: null, state: 'skipped', waitingReason: `condition not met: ${failed}` };

  let dueAt: Date | null;
  if ('milestone' in step.timing) {
    const m = step.timing.milestone;
    const base = m === 'aware' ? i.awareAt : m === 'declared' ? i.declaredAt : m === 'confirmed' ? i.confirmedAt : (i.resolvedAt ?? null);
    if (!base) return { dueAt: null, state: 'waiting_milestone', waitingReason: m === 'resolved' ? AFTER_RESOLUTION : 'waits for the incident to be confirmed' };
    dueAt = new Date(base.getTime() + step.timing.offsetMinutes * 60_000);
  } else {
    const clock = clockById(step.timing.deadline);
    const due = clockDue(step.timing.deadline, i, met);
    if (due === undefined) return { dueAt: null, state: 'skipped', waitingReason: `${DEADLINE_NOT_APPLICABLE} ${step.timing.deadline} does not apply to this incident` };
    if (due === null) return { dueAt: null, state: 'waiting_milestone', waitingReason: `waits for the ${step.timing.deadline} clock to start (${clock?.waitsFor ?? 'its starting event'})` };
    // before a business-day deadline the step lands on a business day too
    const before = clock?.businessDays ? usBusinessTimeBefore(due, step.timing.beforeMinutes) : new Date(due.getTime() - step.timing.beforeMinutes * 60_000);
    dueAt = new Date(Math.max(before.getTime(), i.declaredAt.getTime()));
  }
  if (step.approval) {
    const who = step.approval.differentFromDeclarer ? `${step.approval.role} other than the declarer` : step.approval.role;
    return { dueAt, state: 'awaiting_approval', waitingReason: `approval by ${who} required` };
  }
  return { dueAt, state: 'scheduled', waitingReason: null };
}
