import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../../audit/audit.repository';
import { Incident, IncidentStep, Prisma, StepState } from '@prisma/client';
import { PrismaService } from '../../database/prisma.service';

type AuditData = { actorId: string | null; actorName: string; action: string; data: Prisma.InputJsonValue };

/** State changes of an incident's schedule: approvals, milestones, fact edits. Each is a compare-and-set. */
@Injectable()
export class ScheduleRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditRepository,
  ) {}

  find(id: string): Promise<(Incident & { steps: IncidentStep[]; runbookVersion: { definition: Prisma.JsonValue } }) | null> {
    return this.prisma.incident.findUnique({ where: { id }, include: { steps: { orderBy: { stepKey: 'asc' } }, runbookVersion: { select: { definition: true } } } });
  }

  async affectedCount(incidentId: string): Promise<number> {
    return this.prisma.affectedCustomer.count({ where: { incidentId } });
  }

  async approve(step: IncidentStep, snapshot: Prisma.InputJsonValue, by: { id: string; name: string }, audit: AuditData): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const n = await tx.incidentStep.updateMany({
        where: { id: step.id, state: 'awaiting_approval' },
        data: { state: 'scheduled', waitingReason: null, approvedBy: by.id, approvedByName: by.name, approvedAt: new Date(), approvedSnapshot: snapshot },
      });
      if (!n.count) return false;
      await this.audit.record({ ...audit, entityType: 'incident_step', entityId: step.id, incidentId: step.incidentId }, tx);
      return true;
    });
  }

  /** A step that waited for a milestone gets its due time (or its approval gate) now that it is reached. */
  async replan(stepId: string, plan: { state: StepState; dueAt: Date | null; waitingReason: string | null }): Promise<boolean> {
    const n = await this.prisma.incidentStep.updateMany({ where: { id: stepId, state: 'waiting_milestone' }, data: plan });
    return n.count === 1;
  }

  async setMilestone(incidentId: string, field: 'confirmedAt' | 'materialityAt', at: Date, audit: AuditData): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const n = await tx.incident.updateMany({ where: { id: incidentId, [field]: null }, data: { [field]: at } });
      if (!n.count) return false;
      await this.audit.record({ ...audit, entityType: 'incident', entityId: incidentId, incidentId }, tx);
      return true;
    });
  }

  /** New facts; steps approved on the old facts and not started yet need a fresh approval. */
  async updateFacts(incidentId: string, facts: Prisma.InputJsonValue, audit: AuditData): Promise<string[]> {
    return this.prisma.$transaction(async (tx) => {
      await tx.incident.update({ where: { id: incidentId }, data: { facts } });
      const back = await tx.incidentStep.findMany({ where: { incidentId, state: 'scheduled', approvedAt: { not: null } }, select: { id: true, stepKey: true } });
      if (back.length) {
        await tx.incidentStep.updateMany({
          where: { id: { in: back.map((b) => b.id) }, state: 'scheduled' },
          data: { state: 'awaiting_approval', waitingReason: 'facts changed after approval; approve again', approvedSnapshot: Prisma.DbNull, approvedAt: null, approvedBy: null, approvedByName: null },
        });
      }
      await this.audit.record({ ...audit, entityType: 'incident', entityId: incidentId, incidentId }, tx);
      return back.map((b) => b.stepKey);
    });
  }
}
