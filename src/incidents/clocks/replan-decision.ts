// What re-planning does to one step timed against a clock, decided without I/O (the re-planner applies it).
import { IncidentStep } from '@prisma/client';
import { DEADLINE_NOT_APPLICABLE, PlannedStep } from '../declare-incident/plan-step';

type StepNow = Pick<IncidentStep, 'state' | 'dueAt' | 'waitingReason' | 'approvedAt'>;

/** States a step timed against a clock can still move out of: nothing has been sent. */
export const MOVABLE: IncidentStep['state'][] = ['waiting_milestone', 'scheduled', 'awaiting_approval', 'skipped'];

/**
 * The step's next plan given a fresh `plan` from planStep, or null when it stays as it is:
 * - skipped for its condition, or held for re-approval because it ran late: not the clock's business;
 * - an approval already given stands (what was approved is unchanged; only its time moved), and a step
 *   still awaiting approval keeps the reason it waits for;
 * - nothing changes when the state, the due time and (for a waiting step) the reason are the same.
 */
export function replanDecision(step: StepNow, plan: PlannedStep): PlannedStep | null {
  if (!MOVABLE.includes(step.state)) return null;
  if (step.state === 'skipped' && !step.waitingReason?.startsWith(DEADLINE_NOT_APPLICABLE)) return null;
  if (step.state === 'awaiting_approval' && step.waitingReason?.startsWith('running late')) return null;
  let next = plan;
  if (plan.state === 'awaiting_approval' && step.approvedAt) next = { ...plan, state: 'scheduled', waitingReason: null };
  if (next.state === 'awaiting_approval' && step.state === 'awaiting_approval') next = { ...next, waitingReason: step.waitingReason };
  const sameTime = (next.dueAt?.getTime() ?? null) === (step.dueAt?.getTime() ?? null);
  if (next.state === step.state && sameTime && (next.state !== 'waiting_milestone' || next.waitingReason === step.waitingReason)) return null;
  return next;
}
