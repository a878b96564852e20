import { Injectable, Logger } from '@nestjs/common';
import { IncidentStep, Prisma } from '@prisma/client';
import { AuditRepository } from '../../audit/audit.repository';
import { Clock } from '../../common/time/clock';
import { DispatchQueue } from '../../queue/dispatch-queue.service';
import { RunbookStep } from '../../runbooks/runbook-definition';
import { TemplatePinning } from '../../templates/template-pinning.service';
import { PlannedStep, planStep } from '../declare-incident/plan-step';
import { ClockStateService, ClockedIncident } from './clock-state.service';
import { ClockRepository } from './clock.repository';
import { MOVABLE, replanDecision } from './replan-decision';

const LIVE = ['declared', 'notifying', 'monitoring', 'paused'];

export interface Replanned {
  step: string;
  before: { state: string; dueAt: string | null };
  after: { state: string; dueAt: string | null; waitingReason: string | null };
}

/**
 * Steps timed against a clock follow that clock: when its due time moves (the NIS2 notification was
 * submitted, materiality or the NYDFS determination was set, late additions crossed a HIPAA threshold, a
 * bounce un-met a notification) each such step not yet started is planned again, exactly as declare plans
 * it. Called after every API action that can move a clock, and by a sweep in the worker for what the
 * worker moves (deliveries, bounces).
 */
@Injectable()
export class ClockReplanner {
  private readonly logger = new Logger(ClockReplanner.name);

  constructor(
    private readonly repo: ClockRepository,
    private readonly state: ClockStateService,
    private readonly pinning: TemplatePinning,
    private readonly audit: AuditRepository,
    private readonly queue: DispatchQueue,
    private readonly clock: Clock,
  ) {}

  async replan(incidentId: string, why: string): Promise<Replanned[]> {
    const incident = await this.repo.incident(incidentId);
    if (!incident || !LIVE.includes(incident.state)) return [];
    const timed = incident.steps.filter((s) => 'deadline' in ((s.definition as Partial<RunbookStep>).timing ?? {}) && MOVABLE.includes(s.state));
    if (!timed.length) return [];
    const x = await this.state.inputs(incident);
    const met = this.state.metDates(x);
    const planFor = { ...x.incident, severity: incident.severity, declaredAt: incident.declaredAt, confirmedAt: incident.confirmedAt };
    const out: Replanned[] = [];
    for (const step of timed) {
      const decided = replanDecision(step, planStep(step.definition as unknown as RunbookStep, planFor, met));
      const next = decided && (await this.withTemplates(incident, step, decided));
      if (!next) continue;
      const change: Replanned = {
        step: step.stepKey,
        before: { state: step.state, dueAt: step.dueAt?.toISOString() ?? null },
        after: { state: next.state, dueAt: next.dueAt?.toISOString() ?? null, waitingReason: next.waitingReason },
      };
      const ok = await this.repo.replanStep(step, next, (tx) =>
        this.audit.record(
          { actorName: 'tocsin', action: 'step.replanned', entityType: 'incident_step', entityId: step.id, incidentId, data: { ...change, reason: why } as Prisma.InputJsonValue },
          tx,
        ),
      );
      if (!ok) continue;
      out.push(change);
      if (next.state === 'scheduled' && next.dueAt) {
        await this.queue.scheduleFanout(step.id, next.dueAt, this.clock.now()).catch((e: Error) => this.logger.warn(`step ${step.id}: ${e.message}; the reconciler will fire it`));
      }
    }
    return out;
  }

  /** A step skipped at declaration had no template frozen and its facts were not asked for: both now (or it waits for the facts). */
  private async withTemplates(incident: ClockedIncident, step: IncidentStep, decided: PlannedStep): Promise<(PlannedStep & { templateVersions?: Prisma.InputJsonValue }) | null> {
    let next: PlannedStep & { templateVersions?: Prisma.InputJsonValue } = decided;
    const pinned = step.templateVersions as Record<string, string>;
    if (next.state !== 'skipped' && !Object.keys(pinned ?? {}).length) {
      const { pins, missing } = await this.pinning.pin([{ stepKey: step.stepKey, templateKey: step.templateKey, channel: step.channel }], incident.facts as Record<string, unknown>);
      if (missing.length) {
        const reason = `needs the facts ${missing.map((m) => m.fact).join(', ')} (PUT /incidents/${incident.id}/facts) now that its ${(step.definition as { timing: { deadline: string } }).timing.deadline} clock applies`;
        if (step.state === 'waiting_milestone' && step.waitingReason === reason) return null;
        return { dueAt: null, state: 'waiting_milestone', waitingReason: reason };
      }
      next = { ...next, templateVersions: pins.get(step.stepKey) ?? {} };
    }
    return next;
  }
}
