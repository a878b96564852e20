import { Injectable } from '@nestjs/common';
import { Incident, IncidentStep, Prisma, RunbookVersion } from '@prisma/client';
import { AudienceFilter } from '../audiences/audience-filter';
import { REACHING_SQL } from '../common/reach-definition';
import { PrismaService } from '../database/prisma.service';
import { analyzeAffectedAfterBulk } from '../database/analyze-after-bulk.util';
import { PopulationRepository } from './population/population.repository';

export type IncidentWithSchedule = Incident & {
  steps: IncidentStep[];
  runbookVersion: RunbookVersion & { runbook: { key: string } };
};

export interface NewIncident {
  data: Prisma.IncidentUncheckedCreateInput;
  /** the affected population: an explicit list … */
  externalIds?: string[];
  /** … or an audience filter over customers (erased customers never match) */
  filter?: AudienceFilter;
  /** with a filter: customers inserted inside the declare's transaction (the rest follow in pages) */
  firstPage: number;
  steps: Omit<Prisma.IncidentStepCreateManyInput, 'incidentId'>[];
}

export class UnknownCustomersError extends Error {
  constructor(
    readonly unknown: string[],
    readonly total: number,
  ) {
    super('unknown customers');
  }
}

/** The filter matched nobody: declaring an incident that notifies no one is almost certainly a mistake. */
export class EmptyAudienceError extends Error {
  constructor() {
    super('the audience filter matches no customer');
  }
}


@Injectable()
export class IncidentRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly population: PopulationRepository,
  ) {}

  findByIdempotencyKey(key: string): Promise<IncidentWithSchedule | null> {
    return this.prisma.incident.findUnique({ where: { idempotencyKey: key }, include: INCLUDE });
  }

  find(id: string): Promise<IncidentWithSchedule | null> {
    return this.prisma.incident.findUnique({ where: { id }, include: INCLUDE });
  }

  /**
   * Incident, affected population (or, for a filter, its first page and where the rest starts) and schedule
   * in one transaction: either all exist or none. The affected rows are inserted set-based (INSERT … SELECT),
   * never one by one, in key order: the primary key and customer index then grow at their right edge instead
   * of splitting pages at random. `affected` is the whole population's size, pages still to come included.
   */
  async create(
    n: NewIncident,
    audit: (tx: Prisma.TransactionClient, incidentId: string, affected: number) => Promise<void>,
  ): Promise<{ incident: IncidentWithSchedule; affected: number }> {
    return this.prisma.$transaction(
      async (tx) => {
        const externalIds = n.externalIds ?? [];
        if (!n.filter) {
          const unknown = await unknownCustomers(tx, externalIds);
          if (unknown.total) throw new UnknownCustomersError(unknown.ids, unknown.total);
        }
        const incident = await tx.incident.create({ data: n.data });
        // a filter inserts its first page here and the rest after the commit (PopulationRepository); a list
        // (at most MAX_AFFECTED_IN_REQUEST) is inserted whole
        const { inserted, total: affected } = n.filter
          ? await this.population.insertFirstPage(tx, incident.id, n.filter, n.firstPage)
          : await tx.$executeRaw`
              INSERT INTO affected_customer (incident_id, customer_id)
              SELECT ${incident.id}::uuid, c.id FROM customer c WHERE c.external_id = ANY(${externalIds}::text[])
              ORDER BY c.id
              ON CONFLICT DO NOTHING`.then((count) => ({ inserted: count, total: count }));
        if (n.filter && affected === 0) throw new EmptyAudienceError();
        await analyzeAffectedAfterBulk(tx, inserted);
        await tx.incidentStep.createMany({ data: n.steps.map((s) => ({ ...s, incidentId: incident.id })) });
        await audit(tx, incident.id, affected);
        return { incident: await tx.incident.findUniqueOrThrow({ where: { id: incident.id }, include: INCLUDE }), affected };
      },
      { timeout: 60_000 },
    );
  }

  /** How many of these externalIds are customers, and (up to 100 of) those that are not: the declare preview. */
  async knownCustomers(externalIds: string[]): Promise<{ count: number; unknown: string[]; unknownCount: number }> {
    const unknown = await unknownCustomers(this.prisma, externalIds);
    return { count: externalIds.length - unknown.total, unknown: unknown.ids, unknownCount: unknown.total };
  }

  /** From the trigger-maintained counter (see src/database/reach-counters.ts): no count over a million rows. */
  async affectedCount(incidentId: string): Promise<number> {
    const c = await this.prisma.incidentCounter.findUnique({ where: { incidentId } });
    return Number(c?.affected ?? 0);
  }

  /** Per step: its notifications and those that reach their recipient now (src/common/reach-definition.ts), from the counters. */
  async stepReach(incidentId: string): Promise<Map<string, { reached: number; total: number }>> {
    const rows = await this.prisma.$queryRaw<{ step_id: string; reached: bigint; total: bigint }[]>`
      SELECT step_id, coalesce(sum(n) FILTER (WHERE state IN ${REACHING_SQL}), 0) AS reached, sum(n) AS total
      FROM reach_counter WHERE incident_id = ${incidentId}::uuid GROUP BY step_id`;
    return new Map(rows.map((r) => [r.step_id, { reached: Number(r.reached), total: Number(r.total) }]));
  }


}

const INCLUDE = {
  steps: { orderBy: [{ dueAt: 'asc' }, { stepKey: 'asc' }] },
  runbookVersion: { include: { runbook: { select: { key: true } } } },
} satisfies Prisma.IncidentInclude;

/** The externalIds (first 100, and how many in all) that name no customer. */
async function unknownCustomers(db: Prisma.TransactionClient, externalIds: string[]): Promise<{ ids: string[]; total: number }> {
  const rows = await db.$queryRaw<{ id: string; total: bigint }[]>`
    SELECT x AS id, count(*) OVER () AS total FROM unnest(${externalIds}::text[]) AS x
    WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.external_id = x) LIMIT 100`;
  return { ids: rows.map((r) => r.id), total: rows.length ? Number(rows[0].total) : 0 };
}
