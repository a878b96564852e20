import { Injectable, Logger } from '@nestjs/common';
import { IncidentStep, Prisma } from '@prisma/client';
import { Actor, APPROVER_ROLES, Role, roleSatisfies } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { Clock } from '../../common/time/clock';
import { DispatchQueue } from '../../queue/dispatch-queue.service';
import { RunbookStep } from '../../runbooks/runbook-definition';
import { TemplatePinning } from '../../templates/template-pinning.service';
import { ClockReplanner } from '../clocks/clock-replanner';
import { missingLateFacts } from '../clocks/late-facts';
import { OrganisationProfile } from '../clocks/regulatory-clocks';
import { planStep } from '../declare-incident/plan-step';
import { ScheduleRepository } from './schedule.repository';

const LIVE = ['declared', 'notifying', 'monitoring', 'paused'];

/**
 * Approval gates, the `confirmed` and materiality milestones, and fact edits. What an approver approves
 * is frozen (facts and template versions); a later fact edit sends approved-but-unsent steps back for
 * a fresh approval.
 */
@Injectable()
export class ScheduleUseCases {
  private readonly logger = new Logger(ScheduleUseCases.name);

  constructor(
    private readonly schedule: ScheduleRepository,
    private readonly pinning: TemplatePinning,
    private readonly queue: DispatchQueue,
    private readonly clock: Clock,
    private readonly replanner: ClockReplanner,
  ) {}

  async approve(incidentId: string, stepRef: string, actor: Actor) {
    const incident = await this.load(incidentId);
    const step = incident.steps.find((s) => s.id === stepRef || s.stepKey === stepRef);
    if (!step) throw AppException.notFound('Step', stepRef);
    if (!LIVE.includes(incident.state)) throw new AppException(ErrorCode.Conflict, `The incident is ${incident.state}`, { state: incident.state });
    if (step.state !== 'awaiting_approval') throw new AppException(ErrorCode.Conflict, `Step '${step.stepKey}' is ${step.state}, not awaiting approval`, { state: step.state });
    const gate = (step.definition as Partial<RunbookStep>).approval;
    const role = (gate?.role as Role | undefined) ?? Role.commander; // re-approval of a late step: the commander
    // least privilege: whatever an (older) runbook names, only an approver role may approve
    if (!roleSatisfies(actor.role, [role]) || !APPROVER_ROLES.includes(actor.role)) {
      throw new AppException(ErrorCode.Forbidden, `Approving '${step.stepKey}' needs the role ${APPROVER_ROLES.includes(role) ? role : APPROVER_ROLES.join(' or ')}; your key has '${actor.role}'`);
    }
    if (gate?.differentFromDeclarer && actor.id === incident.declaredBy) {
      throw new AppException(ErrorCode.Forbidden, `'${step.stepKey}' must be approved by someone other than the person who declared the incident`);
    }
    const sendAt = new Date(Math.max(this.clock.now().getTime(), step.dueAt?.getTime() ?? 0));
    const clockIncident = { ...incident, affectedCount: 0, profile: incident.organisationProfile as OrganisationProfile | null };
    const late = missingLateFacts((step.definition as Partial<RunbookStep>).meets ?? [], clockIncident, sendAt, incident.facts as Record<string, unknown>);
    if (late.length) {
      throw new AppException(
        ErrorCode.MissingFacts,
        `'${step.stepKey}' goes out after the ${late[0].clock} deadline (${late[0].dueAt.toISOString()}): ${late[0].why}; add the fact ${late.map((l) => l.fact).join(', ')} (PUT /incidents/${incidentId}/facts) and approve again`,
        late.map((l) => ({ fact: l.fact, steps: [step.stepKey], why: l.why })),
      );
    }
    const snapshot = { facts: incident.facts, templateVersions: step.templateVersions } as Prisma.InputJsonValue;
    const ok = await this.schedule.approve(step, snapshot, actor, {
      actorId: actor.id,
      actorName: actor.name,
      action: 'step.approved',
      data: { step: step.stepKey, reason: step.waitingReason, before: 'awaiting_approval', after: 'scheduled' },
    });
    if (!ok) throw new AppException(ErrorCode.Conflict, `Step '${step.stepKey}' was approved or changed meanwhile`);
    await this.fire([{ ...step, state: 'scheduled' }]);
    return { step: step.stepKey, state: 'scheduled', approvedBy: actor.name, dueAt: step.dueAt };
  }

  /** The `confirmed` milestone (or the SEC materiality determination): steps waiting for it get their time. */
  async reachMilestone(incidentId: string, milestone: 'confirmed' | 'materiality', at: Date | undefined, actor: Actor) {
    const incident = await this.load(incidentId);
    if (!LIVE.includes(incident.state)) throw new AppException(ErrorCode.Conflict, `The incident is ${incident.state}`, { state: incident.state });
    const when = at ?? this.clock.now();
    if (when.getTime() > this.clock.now().getTime() + 5 * 60_000) throw new AppException(ErrorCode.ValidationFailed, `${milestone} time is in the future`);
    const field = milestone === 'confirmed' ? 'confirmedAt' : 'materialityAt';
    const ok = await this.schedule.setMilestone(incidentId, field, when, {
      actorId: actor.id,
      actorName: actor.name,
      action: `incident.${milestone}`,
      data: { at: when.toISOString() },
    });
    if (!ok) throw new AppException(ErrorCode.Conflict, `The incident's ${milestone} milestone is already set (${incident[field]?.toISOString()})`);
    await this.planWaiting(incidentId);
    await this.replanner.replan(incidentId, `${milestone} reached`);
    // what the milestone changed, read from the steps: the worker's clock sweep may re-plan a clock-timed step
    // between the milestone's commit and the re-planning above (then this call's own re-planning finds it done)
    const before = new Map(incident.steps.map((s) => [s.id, `${s.state}|${s.dueAt?.toISOString()}`]));
    const after = (await this.schedule.find(incidentId))!.steps;
    return {
      id: incidentId,
      [field]: when,
      scheduled: after
        .filter((s) => before.get(s.id) !== `${s.state}|${s.dueAt?.toISOString()}`)
        .map((s) => ({ step: s.stepKey, state: s.state, dueAt: s.dueAt })),
    };
  }

  /**
   * The `resolved` milestone (the incident was just resolved; incident.resolvedAt is set): steps timed from it
   * get their time and are fired. There is no re-open in the lifecycle (resolved leads only to closed, or to
   * paused and back): closing cancels what has not gone yet, pausing holds it.
   */
  async planAfterResolution(incidentId: string): Promise<{ step: string; state: string; dueAt: Date | null }[]> {
    return (await this.planWaiting(incidentId)).map((s) => ({ step: s.stepKey, state: s.state, dueAt: s.dueAt }));
  }

  /** Steps timed from a milestone that is now reached get their due time (or approval gate), and are fired. */
  private async planWaiting(incidentId: string): Promise<IncidentStep[]> {
    const updated = (await this.schedule.find(incidentId))!;
    const planFor = { ...updated, affectedCount: await this.schedule.affectedCount(incidentId) };
    const planned: IncidentStep[] = [];
    // steps timed from the milestone here; steps timed against a clock (materiality starts SEC's) by the
    // re-planner, which sees the clocks whole (the organisation profile, counts per State, filings)
    const fromMilestone = (s: IncidentStep) => 'milestone' in ((s.definition as Partial<RunbookStep>).timing ?? {});
    for (const step of updated.steps.filter((s) => s.state === 'waiting_milestone' && fromMilestone(s))) {
      const plan = planStep(step.definition as unknown as RunbookStep, planFor);
      if (plan.state !== 'waiting_milestone' && (await this.schedule.replan(step.id, plan))) planned.push({ ...step, ...plan });
    }
    await this.fire(planned);
    return planned;
  }

  async updateFacts(incidentId: string, facts: Record<string, unknown>, actor: Actor) {
    const incident = await this.load(incidentId);
    if (!LIVE.includes(incident.state)) throw new AppException(ErrorCode.Conflict, `The incident is ${incident.state}`, { state: incident.state });
    const active = incident.steps.filter((s) => !['skipped', 'cancelled', 'completed', 'dispatched'].includes(s.state));
    const { missing } = await this.pinning.pin(
      active.map((s) => ({ stepKey: s.stepKey, templateKey: s.templateKey, channel: s.channel })),
      facts,
    );
    if (missing.length) throw new AppException(ErrorCode.MissingFacts, `The runbook's templates need facts that are missing: ${missing.map((m) => m.fact).join(', ')}`, missing);
    const reapprove = await this.schedule.updateFacts(incidentId, facts as Prisma.InputJsonValue, {
      actorId: actor.id,
      actorName: actor.name,
      action: 'incident.facts_updated',
      data: { before: incident.facts as Prisma.InputJsonValue, after: facts as Prisma.InputJsonValue },
    });
    // a step that waited for facts its newly applicable clock asked for can go now
    await this.replanner.replan(incidentId, 'facts updated');
    return { id: incidentId, facts, needReapproval: reapprove };
  }

  private async load(id: string) {
    const incident = await this.schedule.find(id);
    if (!incident) throw AppException.notFound('Incident', id);
    return incident;
  }

  private async fire(steps: IncidentStep[]): Promise<void> {
    const now = this.clock.now();
    for (const s of steps) {
      if (s.state !== 'scheduled' || !s.dueAt) continue;
      await this.queue.scheduleFanout(s.id, s.dueAt, now).catch((e: Error) => this.logger.warn(`step ${s.id}: ${e.message}; the reconciler will fire it`));
    }
  }
}
