import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { IncidentState, StepState } from '@prisma/client';
import { PrismaService } from '../database/prisma.service';

export interface StepContext {
  id: string;
  incidentId: string;
  stepKey: string;
  channel: string;
  templateKey: string;
  /** locale → template version id, frozen at declaration */
  templateVersions: unknown;
  audience: string;
  /** the runbook step as declared */
  definition: unknown;
  approvedAt: Date | null;
  /** { facts, templateVersions } as approved; sends use exactly this */
  approvedSnapshot: unknown;
  dueAt: Date | null;
  state: StepState;
  fanoutCursor: string | null;
  /** the remedy offer its messages carry ({{offer.*}}), if any */
  offerId?: string | null;
  incident: {
    id: string;
    state: IncidentState;
    title: string;
    type: string;
    severity: string;
    awareAt: Date;
    declaredAt: Date;
    jurisdictions: string[];
    facts: unknown;
    defaultLocale: string;
  };
}

/** Incident states in which nothing may be sent. */
export const HALTED: IncidentState[] = ['paused', 'cancelled', 'closed'];

@Injectable()
export class StepRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditRepository,
  ) {}

  async load(stepId: string): Promise<StepContext | null> {
    const s = await this.prisma.incidentStep.findUnique({
      where: { id: stepId },
      include: { incident: { include: { runbookVersion: { select: { definition: true } } } } },
    });
    if (!s) return null;
    const { runbookVersion, ...incident } = s.incident;
    const def = runbookVersion.definition as { defaultLocale?: string };
    return { ...s, incident: { ...incident, defaultLocale: def.defaultLocale ?? 'en' } };
  }

  async incidentState(incidentId: string): Promise<IncidentState | null> {
    const i = await this.prisma.incident.findUnique({ where: { id: incidentId }, select: { state: true } });
    return i?.state ?? null;
  }

  /** scheduled → fanning_out (or continue one already fanning out); false if the step is past that. */
  async startFanout(stepId: string): Promise<boolean> {
    const n = await this.prisma.incidentStep.updateMany({
      where: { id: stepId, state: { in: ['scheduled', 'fanning_out'] } },
      data: { state: 'fanning_out', startedAt: new Date() },
    });
    return n.count === 1;
  }

  /** scheduled → awaiting_approval because the step is found too late (e.g. after downtime). */
  async holdLate(stepId: string, incidentId: string, dueAt: Date, now: Date): Promise<boolean> {
    const reason = `running late: due ${dueAt.toISOString()}, found ${now.toISOString()}; re-approve to send`;
    const n = await this.prisma.incidentStep.updateMany({ where: { id: stepId, state: 'scheduled' }, data: { state: 'awaiting_approval', waitingReason: reason } });
    if (n.count) await this.systemEvent(incidentId, 'step.held_late', { step: stepId, reason }, { type: 'incident_step', id: stepId });
    return n.count === 1;
  }

  async markNotifying(incidentId: string): Promise<void> {
    const n = await this.prisma.incident.updateMany({ where: { id: incidentId, state: 'declared' }, data: { state: 'notifying' } });
    if (n.count) await this.systemEvent(incidentId, 'incident.notifying', { before: 'declared', after: 'notifying' });
  }

  /** Timeline entries for what Tocsin itself did (no human actor). */
  private async systemEvent(incidentId: string, action: string, data: Record<string, string>, entity = { type: 'incident', id: incidentId }): Promise<void> {
    await this.audit.record({ actorName: 'tocsin', action, entityType: entity.type, entityId: entity.id, incidentId, data });
  }

  async saveCursor(stepId: string, cursor: string): Promise<void> {
    await this.prisma.incidentStep.update({ where: { id: stepId }, data: { fanoutCursor: cursor } });
  }

  async markDispatched(stepId: string): Promise<void> {
    await this.prisma.incidentStep.updateMany({ where: { id: stepId, state: 'fanning_out' }, data: { state: 'dispatched', dispatchedAt: new Date() } });
  }

  /**
   * A step is complete only when every one of its notifications is final (a deferred one is not), never because a reader ran out
   * of rows; the incident moves on to monitoring when all its steps are complete.
   */
  async completeIfDone(stepId: string, incidentId: string): Promise<boolean> {
    // from the reach counters (kept in the same transaction as every state change), not the rows: this runs
    // after every send batch, and near the end of a big step the rows still to send sit behind a million
    // versions already sent. Correlated, so nothing is read unless the step is dispatched.
    const { rowCount: done } = await this.prisma.pool.query(
      `UPDATE incident_step s SET state = 'completed', completed_at = now()
       WHERE s.id = $1::uuid AND s.state = 'dispatched'
         AND NOT EXISTS (SELECT 1 FROM reach_counter r WHERE r.step_id = s.id AND r.state IN ('pending', 'queued', 'sending', 'deferred') AND r.n > 0)`,
      [stepId],
    );
    if (done) {
      await this.systemEvent(incidentId, 'step.completed', { step: stepId }, { type: 'incident_step', id: stepId });
      const monitoring = await this.prisma.$executeRaw`
        UPDATE incident SET state = 'monitoring', updated_at = now()
        WHERE id = ${incidentId}::uuid AND state = 'notifying'
          AND NOT EXISTS (SELECT 1 FROM incident_step WHERE incident_id = ${incidentId}::uuid AND state NOT IN ('completed', 'skipped', 'cancelled')
                          -- steps timed from the resolved milestone wait for the end: they do not hold it back
                          AND NOT (state = 'waiting_milestone' AND definition->'timing'->>'milestone' = 'resolved'))`;
      if (monitoring) await this.systemEvent(incidentId, 'incident.monitoring', { before: 'notifying', after: 'monitoring' });
    }
    return (done ?? 0) > 0;
  }

  /** Steps the scheduler must make sure have a fan-out job: due and not yet dispatched, incident live. */
  async dueSteps(now: Date, limit: number): Promise<{ id: string; dueAt: Date }[]> {
    const rows = await this.prisma.incidentStep.findMany({
      where: { state: { in: ['scheduled', 'fanning_out'] }, dueAt: { lte: now }, incident: { state: { in: ['declared', 'notifying', 'monitoring', 'resolved'] } } },
      select: { id: true, dueAt: true },
      orderBy: { dueAt: 'asc' },
      take: limit,
    });
    return rows.map((r) => ({ id: r.id, dueAt: r.dueAt as Date }));
  }

  /** Dispatched steps whose last notifications may have finished without a batch noticing. */
  dispatchedSteps(limit: number): Promise<{ id: string; incidentId: string }[]> {
    return this.prisma.incidentStep.findMany({ where: { state: 'dispatched' }, select: { id: true, incidentId: true }, take: limit });
  }
}
