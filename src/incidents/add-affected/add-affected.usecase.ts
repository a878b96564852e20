import { Injectable, Logger } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { z } from 'zod';
import { boundedFilterSchema, filterToSql } from '../../audiences/audience-filter';
import { Actor } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { externalIdSchema } from '../../customers/dto/customer.dto';
import { PrismaService } from '../../database/prisma.service';
import { DispatchQueue } from '../../queue/dispatch-queue.service';
import { MAX_AFFECTED_IN_REQUEST } from '../declare-incident/declare-incident.command';

export const addAffectedSchema = z
  .strictObject({
    externalIds: z.array(externalIdSchema).min(1).max(MAX_AFFECTED_IN_REQUEST).optional(),
    filter: boundedFilterSchema.optional(),
  })
  .refine((b) => !!b.externalIds !== !!b.filter, { message: 'give either externalIds or filter', path: ['externalIds'] });
export type AddAffectedInput = z.infer<typeof addAffectedSchema>;

const OPEN = ['declared', 'notifying', 'monitoring', 'paused'];

/**
 * Grows the affected population after declaration. The new customers get every step already started,
 * once (a fan-out job per such step), and the future steps with everyone else.
 */
@Injectable()
export class AddAffectedUseCase {
  private readonly logger = new Logger(AddAffectedUseCase.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: DispatchQueue,
  ) {}

  async execute(incidentId: string, input: AddAffectedInput, actor: Actor) {
    const incident = await this.prisma.incident.findUnique({ where: { id: incidentId }, include: { steps: true } });
    if (!incident) throw AppException.notFound('Incident', incidentId);
    if (!OPEN.includes(incident.state)) throw new AppException(ErrorCode.Conflict, `Cannot add customers to an incident that is ${incident.state}`, { state: incident.state });

    // set-based, in one transaction with its audit entry; unknown ids refuse the whole request
    const added = await this.prisma.$transaction(async (tx) => {
      let n: number;
      if (input.externalIds) {
        const unknown = await tx.$queryRaw<{ id: string }[]>`
          SELECT x AS id FROM unnest(${input.externalIds}::text[]) AS x WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.external_id = x) LIMIT 100`;
        if (unknown.length) {
          throw new AppException(ErrorCode.UnknownCustomers, `${unknown.length} externalId(s) are not known customers; nobody was added`, { unknown: unknown.map((u) => u.id) });
        }
        n = await tx.$executeRaw`
          INSERT INTO affected_customer (incident_id, customer_id)
          SELECT ${incidentId}::uuid, c.id FROM customer c WHERE c.external_id = ANY(${input.externalIds}::text[])
          ON CONFLICT DO NOTHING`;
      } else {
        n = await tx.$executeRaw`
          INSERT INTO affected_customer (incident_id, customer_id)
          SELECT ${incidentId}::uuid, c.id FROM customer c WHERE ${filterToSql(input.filter!)}
          ON CONFLICT DO NOTHING`;
      }
      await tx.auditEvent.create({
        data: {
          actorId: actor.id,
          actorName: actor.name,
          action: 'incident.affected_added',
          entityType: 'incident',
          entityId: incidentId,
          incidentId,
          data: { added: n, ...(input.filter ? { filter: input.filter as Prisma.InputJsonValue } : { requested: input.externalIds!.length }) },
        },
      });
      return n;
    });

    const started = incident.steps.filter((s) => s.audience === 'affected_customers' && ['fanning_out', 'dispatched', 'completed'].includes(s.state));
    if (added) {
      for (const s of started) {
        await this.queue.addFanoutAdditions(s.id).catch((e: Error) => this.logger.warn(`additions for step ${s.id} not queued now: ${e.message}`));
      }
    }
    return { incidentId, added, stepsCatchingUp: added ? started.map((s) => s.stepKey) : [] };
  }
}
