// Which incident actions are allowed from which state. Pure: the use case applies it with a
// compare-and-set update, so two racing commanders cannot both win.
import { IncidentState } from '@prisma/client';

export const ACTIONS = ['pause', 'resume', 'cancel', 'resolve', 'close'] as const;
export type IncidentAction = (typeof ACTIONS)[number];

const FROM: Record<IncidentAction, IncidentState[]> = {
  // resolved: the steps timed from resolution (apology, survey) are still sending, so they have a kill switch too
  pause: ['declared', 'notifying', 'monitoring', 'resolved'],
  resume: ['paused'],
  cancel: ['declared', 'notifying', 'monitoring', 'paused'],
  // declared/notifying only when nothing is left but steps waiting for resolution (a plan of post-resolution steps only)
  resolve: ['monitoring', 'declared', 'notifying'],
  close: ['resolved'],
};

export interface StepProgress {
  started: boolean;
  finished: boolean;
}

/** The state an action leads to, or null when it is not allowed from `current`. */
export function nextState(action: IncidentAction, current: IncidentState, steps: StepProgress[], resolved = false): IncidentState | null {
  if (!FROM[action].includes(current)) return null;
  switch (action) {
    case 'pause':
      return 'paused';
    case 'cancel':
      return 'cancelled';
    case 'resolve':
      return current === 'monitoring' || steps.every((s) => s.finished) ? 'resolved' : null;
    case 'close':
      return 'closed';
    case 'resume':
      // back to where the schedule actually is (an incident paused after resolution goes back to resolved)
      if (resolved) return 'resolved';
      if (!steps.some((s) => s.started)) return 'declared';
      return steps.every((s) => s.finished) ? 'monitoring' : 'notifying';
  }
}

export const allowedFrom = (action: IncidentAction) => FROM[action];
