import { StepState } from '@prisma/client';
import { ClockIncident, clockDue } from '../clocks/regulatory-clocks';
import { conditionFails, RunbookStep } from '../../runbooks/runbook-definition';

export interface PlanIncident extends ClockIncident {
  severity: string;
  declaredAt: Date;
  confirmedAt: Date | null;
}

export interface PlannedStep {
  dueAt: Date | null;
  state: Extract<StepState, 'scheduled' | 'awaiting_approval' | 'waiting_milestone' | 'skipped'>;
  waitingReason: string | null;
}

/**
 * When a step is due and what it waits for, from the incident as it stands: skipped when its condition
 * fails or its deadline does not apply; waiting for a milestone not yet reached; gated behind approval.
 * Pure, so declare, confirm and materiality all plan the same way.
 */
export function planStep(step: RunbookStep, i: PlanIncident): PlannedStep {
  const failed = conditionFails(step, i);
  if (failed) return { dueAt: null, state: 'skipped', waitingReason: `condition not met: ${failed}` };

  let dueAt: Date | null;
  if ('milestone' in step.timing) {
    const base = step.timing.milestone === 'aware' ? i.awareAt : step.timing.milestone === 'declared' ? i.declaredAt : i.confirmedAt;
    if (!base) return { dueAt: null, state: 'waiting_milestone', waitingReason: 'waits for the incident to be confirmed' };
    dueAt = new Date(base.getTime() + step.timing.offsetMinutes * 60_000);
  } else {
    const due = clockDue(step.timing.deadline, i);
    if (due === undefined) return { dueAt: null, state: 'skipped', waitingReason: `deadline ${step.timing.deadline} does not apply to this incident` };
    if (due === null) return { dueAt: null, state: 'waiting_milestone', waitingReason: `waits for the ${step.timing.deadline} clock to start (materiality determination)` };
    dueAt = new Date(Math.max(due.getTime() - step.timing.beforeMinutes * 60_000, i.declaredAt.getTime()));
  }
  if (step.approval) {
    const who = step.approval.differentFromDeclarer ? `${step.approval.role} other than the declarer` : step.approval.role;
    return { dueAt, state: 'awaiting_approval', waitingReason: `approval by ${who} required` };
  }
  return { dueAt, state: 'scheduled', waitingReason: null };
}
