import { OffersService } from '../../offers/offers.service';
import { Injectable, Logger } from '@nestjs/common';
import { AuditRepository } from '../../audit/audit.repository';
import { IncidentStep, Prisma } from '@prisma/client';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { boundedFilterSchema, filterToSql } from '../../audiences/audience-filter';
import { Actor } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { externalIdSchema } from '../../customers/dto/customer.dto';
import { analyzeAffectedAfterBulk } from '../../database/analyze-after-bulk.util';
import { PrismaService } from '../../database/prisma.service';
import { ClockReplanner } from '../clocks/clock-replanner';
import { DispatchQueue } from '../../queue/dispatch-queue.service';
import { MAX_AFFECTED_IN_REQUEST } from '../declare-incident/declare-incident.command';
import { MAX_REPORTED_ERRORS, readExternalIds, RowError } from './affected-file';

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
    private readonly replanner: ClockReplanner,
    private readonly audit: AuditRepository,
    private readonly offers: OffersService,
  ) {}

  /**
   * A streamed file of externalIds (CSV or one per line): good rows are added batch by batch, bad and
   * unknown ones reported with their row number; memory stays flat whatever the file size.
   */
  async fromFile(incidentId: string, body: Readable, actor: Actor) {
    const incident = await this.prisma.incident.findUnique({ where: { id: incidentId }, include: { steps: true } });
    if (!incident) throw AppException.notFound('Incident', incidentId);
    if (!OPEN.includes(incident.state)) throw new AppException(ErrorCode.Conflict, `Cannot add customers to an incident that is ${incident.state}`, { state: incident.state });
    const offers = await this.offers.ofSteps(incident.steps);
    let rowsRead = 0;
    let added = 0;
    let rejected = 0;
    const errors: RowError[] = [];
    const report = (e: RowError[]) => {
      rejected += e.length;
      errors.push(...e.slice(0, Math.max(0, MAX_REPORTED_ERRORS - errors.length)));
    };
    try {
      for await (const batch of readExternalIds(body)) {
        rowsRead += batch.ids.length + batch.errors.length;
        report(batch.errors);
        if (!batch.ids.length) continue;
        const values = batch.ids.map((r) => r.id);
        const unknown = new Set(
          (await this.prisma.$queryRaw<{ id: string }[]>`
            SELECT x AS id FROM unnest(${values}::text[]) AS x WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.external_id = x)`).map((u) => u.id),
        );
        report(batch.ids.filter((r) => unknown.has(r.id)).map((r) => ({ row: r.row, field: 'externalId' as const, message: `'${r.id}' is not a known customer` })));
        // each batch with its offer-pool check: a batch the pools cannot serve is not added (nor any after it)
        added += await this.prisma.$transaction(async (tx) => {
          const n = await tx.$executeRaw`
            INSERT INTO affected_customer (incident_id, customer_id)
            SELECT ${incidentId}::uuid, c.id FROM customer c WHERE c.external_id = ANY(${values}::text[])
            ON CONFLICT DO NOTHING`;
          await this.offers.assertPoolsCover(tx, incidentId, offers);
          return n;
        });
      }
    } catch (e) {
      if (e instanceof AppException && e.code === ErrorCode.OfferPoolExhausted) {
        await this.catchUp(incident.steps, added);
        const details = e.details as { offer: string; needed: number; available: number }[];
        throw new AppException(ErrorCode.OfferPoolExhausted, `${e.message.replace(/ Nothing was changed$/, '')}; the file stopped at row ${rowsRead}: ${added} customers were added before it`, details.map((d) => ({ ...d, added, rowsRead })));
      }
      if (e instanceof AppException) throw e;
      // a malformed CSV stops reading; what was added so far stays, and the answer says where it stopped
      throw new AppException(ErrorCode.ValidationFailed, `The file could not be read after row ${rowsRead}: ${(e as Error).message}; ${added} customers were added`, { rowsRead, added });
    }
    await analyzeAffectedAfterBulk(this.prisma, added);
    await this.audit.record({ actorId: actor.id, actorName: actor.name, action: 'incident.affected_added', entityType: 'incident', entityId: incidentId, incidentId, data: { added, fromFile: true, rowsRead, rejected } });
    const started = await this.catchUp(incident.steps, added);
    return { incidentId, rowsRead, added, alreadyAffected: rowsRead - rejected - added, rejected, errors, stepsCatchingUp: started };
  }

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
      // a pool too small for the grown population refuses the whole addition, with the numbers
      await this.offers.assertPoolsCover(tx, incidentId, await this.offers.ofSteps(incident.steps));
      await analyzeAffectedAfterBulk(tx, n);
      await this.audit.record(
        {
          actorId: actor.id,
          actorName: actor.name,
          action: 'incident.affected_added',
          entityType: 'incident',
          entityId: incidentId,
          incidentId,
          data: { added: n, ...(input.filter ? { filter: input.filter as Prisma.InputJsonValue } : { requested: input.externalIds!.length }) },
        },
        tx,
      );
      return n;
    });

    return { incidentId, added, stepsCatchingUp: await this.catchUp(incident.steps, added) };
  }

  /** Steps already under way get a job that gives the new customers their notice, once. */
  private async catchUp(steps: IncidentStep[], added: number): Promise<string[]> {
    if (!added) return [];
    const started = steps.filter((s) => s.audience === 'affected_customers' && ['fanning_out', 'dispatched', 'completed'].includes(s.state));
    for (const s of started) {
      await this.queue.addFanoutAdditions(s.id).catch((e: Error) => this.logger.warn(`additions for step ${s.id} not queued now: ${e.message}`));
    }
    // more customers can cross a HIPAA threshold (500 in total, more than 500 in one State): their clocks' steps follow
    if (steps.length) await this.replanner.replan(steps[0].incidentId, `${added} customers added`);
    return started.map((s) => s.stepKey);
  }
}
