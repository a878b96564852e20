import { Injectable, Logger } from '@nestjs/common';
import { Actor } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { Clock } from '../../common/time/clock';
import { DispatchQueue } from '../../queue/dispatch-queue.service';
import { allowedFrom, IncidentAction, nextState } from './incident-state-machine';
import { IncidentLifecycleRepository } from './incident-lifecycle.repository';
import { ScheduleUseCases } from '../steps/schedule.usecases';

const afterResolution = (s: { state: string; definition: unknown }) =>
  s.state === 'waiting_milestone' && (s.definition as { timing?: { milestone?: string } } | null)?.timing?.milestone === 'resolved';

const STARTED = ['fanning_out', 'dispatched', 'completed'];
const FINISHED = ['completed', 'skipped', 'cancelled'];

/**
 * Pause, resume, cancel, resolve, close. Pause is the kill switch: workers check the incident state per
 * batch and per fan-out page, so sending stops within a batch. Resume re-fires the due steps now; the
 * reconciler re-queues the notifications that were waiting.
 */
@Injectable()
export class ChangeIncidentStateUseCase {
  private readonly logger = new Logger(ChangeIncidentStateUseCase.name);

  constructor(
    private readonly incidents: IncidentLifecycleRepository,
    private readonly queue: DispatchQueue,
    private readonly clock: Clock,
    private readonly schedule: ScheduleUseCases,
  ) {}

  async execute(id: string, action: IncidentAction, actor: Actor, reason?: string) {
    const incident = await this.incidents.find(id);
    if (!incident) throw AppException.notFound('Incident', id);
    // a step waiting for the resolved milestone is not unfinished work of the incident itself
    const steps = incident.steps.map((s) => ({ started: STARTED.includes(s.state), finished: FINISHED.includes(s.state) || afterResolution(s) }));
    const to = nextState(action, incident.state, steps, !!incident.resolvedAt);
    if (!to) {
      throw new AppException(ErrorCode.Conflict, `Cannot ${action} an incident that is ${incident.state} (allowed from: ${allowedFrom(action).join(', ')})`, {
        state: incident.state,
      });
    }
    const done = await this.incidents.transition(id, incident.state, to, {
      actorId: actor.id,
      actorName: actor.name,
      action: `incident.${action}`,
      data: { before: incident.state, after: to, ...(reason ? { reason } : {}) },
    });
    if (!done) {
      const now = await this.incidents.find(id);
      throw new AppException(ErrorCode.Conflict, `The incident changed meanwhile; it is now ${now?.state}`, { state: now?.state });
    }
    if (action === 'resolve') {
      // the resolved milestone: steps timed from it get their time now (and are fired)
      const planned = await this.schedule.planAfterResolution(id);
      return { id, state: to, previousState: incident.state, ...(planned.length ? { scheduled: planned } : {}) };
    }
    if (action === 'resume') {
      const now = this.clock.now();
      for (const s of incident.steps.filter((x) => x.dueAt && (x.state === 'scheduled' || x.state === 'fanning_out'))) {
        await this.queue.scheduleFanout(s.id, s.dueAt as Date, now).catch((e: Error) => this.logger.warn(`step ${s.id}: ${e.message}; the reconciler will fire it`));
      }
    }
    return { id, state: to, previousState: incident.state };
  }
}
