import { Injectable } from '@nestjs/common';
import { IncidentStep, Prisma } from '@prisma/client';
import { AuditRepository } from '../../audit/audit.repository';
import { PrismaService } from '../../database/prisma.service';

export interface UpdateStepInput {
  incidentId: string;
  stepKey: string;
  channel: string;
  templateKey: string;
  templateVersions: Record<string, string>;
  definition: Prisma.InputJsonValue;
  snapshot: Prisma.InputJsonValue;
  dueAt: Date;
  by: { id: string; name: string };
}

/**
 * The step that sends a published update: an ordinary affected-customers step of the incident's schedule,
 * created approved and due now, so fan-out, sending, reach, late additions and the reconciler treat it as
 * any other. Its key names the update and version: unique per incident, so a second send of the same version
 * finds the step already there, and the notification key (step, channel, customer) keeps it to one message each.
 */
@Injectable()
export class UpdateStepRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditRepository,
  ) {}

  async ensure(s: UpdateStepInput, auditData: Prisma.InputJsonValue): Promise<{ step: IncidentStep; created: boolean }> {
    return this.prisma.$transaction(async (tx) => {
      const created = await tx.incidentStep.createMany({
        data: [
          {
            incidentId: s.incidentId,
            stepKey: s.stepKey,
            channel: s.channel,
            templateKey: s.templateKey,
            audience: 'affected_customers',
            templateVersions: s.templateVersions,
            dueAt: s.dueAt,
            state: 'scheduled',
            definition: s.definition,
            approvedBy: s.by.id,
            approvedByName: s.by.name,
            approvedAt: s.dueAt,
            approvedSnapshot: s.snapshot,
          },
        ],
        skipDuplicates: true,
      });
      const step = await tx.incidentStep.findUniqueOrThrow({ where: { incidentId_stepKey: { incidentId: s.incidentId, stepKey: s.stepKey } } });
      if (created.count) {
        await this.audit.record({ actorId: s.by.id, actorName: s.by.name, action: 'update.sent', entityType: 'incident_step', entityId: step.id, incidentId: s.incidentId, data: auditData }, tx);
      }
      return { step, created: created.count === 1 };
    });
  }
}
