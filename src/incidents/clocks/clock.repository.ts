import { Injectable } from '@nestjs/common';
import { IncidentStep, Prisma } from '@prisma/client';
import { AudienceFilter, filterToSql } from '../../audiences/audience-filter';
import { PrismaService } from '../../database/prisma.service';
import { OrganisationProfile, REACHED_STATES, RecipientEvidence } from './regulatory-clocks';

/**
 * The customers' attribute HIPAA's media rule counts by (45 CFR 164.406: residents of one State):
 * `attributes.state`, a USPS code such as "CA" (a "US-CA" form is read as CA; case is ignored).
 */
export const STATE_ATTRIBUTE = 'state';
const STATE_SQL = Prisma.sql`upper(regexp_replace(btrim(c.attributes->>${STATE_ATTRIBUTE}), '^US-', '', 'i'))`;

export interface PopulationByState {
  total: number;
  byState: Record<string, number>;
  /** affected customers with no attributes.state: counted in the total, in no State */
  withoutState: number;
}

export interface SubmissionRow {
  id: string;
  incidentId: string;
  clockId: string;
  submittedAt: Date;
  submittedBy: string;
  recordedByName: string;
  reference: string;
  note: string | null;
  fileName: string | null;
  fileContentType: string | null;
  fileSha256: string | null;
  createdAt: Date;
}
const SUBMISSION_COLUMNS = {
  id: true, incidentId: true, clockId: true, submittedAt: true, submittedBy: true, recordedByName: true, reference: true, note: true,
  fileName: true, fileContentType: true, fileSha256: true, createdAt: true,
} satisfies Prisma.ClockSubmissionSelect;

/** What the regulatory clocks read: the population per State, the authority recipients' deliveries, recorded filings, the profile. */
@Injectable()
export class ClockRepository {
  constructor(private readonly prisma: PrismaService) {}

  incident(incidentId: string) {
    return this.prisma.incident.findUnique({ where: { id: incidentId }, include: { steps: { orderBy: [{ dueAt: 'asc' }, { stepKey: 'asc' }] } } });
  }

  /** Live incidents with a step timed against a clock that may still move (the re-planner's sweep). */
  async incidentsToReplan(limit: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT s.incident_id AS id FROM incident_step s JOIN incident i ON i.id = s.incident_id
      WHERE i.state IN ('declared', 'notifying', 'monitoring', 'paused')
        AND s.state IN ('waiting_milestone', 'scheduled', 'awaiting_approval', 'skipped')
        AND s.definition->'timing' ? 'deadline'
      LIMIT ${limit}`;
    return rows.map((r) => r.id);
  }

  /** Compare-and-set: the step moves only if nobody moved it meanwhile. */
  async replanStep(
    step: { id: string; state: IncidentStep['state']; dueAt: Date | null },
    next: { state: IncidentStep['state']; dueAt: Date | null; waitingReason: string | null; templateVersions?: Prisma.InputJsonValue },
    audit: (tx: Prisma.TransactionClient) => Promise<void>,
  ): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const n = await tx.incidentStep.updateMany({ where: { id: step.id, state: step.state, dueAt: step.dueAt }, data: next });
      if (!n.count) return false;
      await audit(tx);
      return true;
    });
  }

  /** The affected population of an incident per State (one grouped scan; callers cache it by the affected count). */
  async populationByState(incidentId: string): Promise<PopulationByState> {
    return toPopulation(
      await this.prisma.$queryRaw<{ state: string | null; n: bigint }[]>`
        SELECT ${STATE_SQL} AS state, count(*) AS n FROM affected_customer a JOIN customer c ON c.id = a.customer_id
        WHERE a.incident_id = ${incidentId}::uuid GROUP BY 1`,
    );
  }

  /** The same for a population not stored yet (declare and its preview): a filter, or a list of externalIds. */
  async candidatesByState(population: { filter: AudienceFilter } | { externalIds: string[] }): Promise<PopulationByState> {
    const where = 'filter' in population ? Prisma.sql`c.erased_at IS NULL AND ${filterToSql(population.filter)}` : Prisma.sql`c.external_id = ANY(${population.externalIds}::text[])`;
    return toPopulation(await this.prisma.$queryRaw<{ state: string | null; n: bigint }[]>`SELECT ${STATE_SQL} AS state, count(*) AS n FROM customer c WHERE ${where} GROUP BY 1`);
  }

  async affectedCount(incidentId: string): Promise<number> {
    const c = await this.prisma.incidentCounter.findUnique({ where: { incidentId }, select: { affected: true } });
    return Number(c?.affected ?? 0);
  }

  /** Per step, one row per authority recipient: its notification's state, when it was reached and the server's answer. */
  async recipientEvidence(stepIds: string[]): Promise<Map<string, RecipientEvidence[]>> {
    if (!stepIds.length) return new Map();
    const rows = await this.prisma.notification.findMany({
      where: { stepId: { in: stepIds } },
      select: { stepId: true, recipient: true, channel: true, state: true, sentAt: true, deliveredAt: true, providerMessageId: true, providerResponse: true, lastError: true },
      orderBy: [{ stepId: 'asc' }, { recipient: 'asc' }, { channel: 'asc' }],
    });
    const out = new Map<string, RecipientEvidence[]>();
    for (const r of rows) {
      const list = out.get(r.stepId) ?? [];
      out.set(r.stepId, list);
      // the server's own words: its refusal, else what it answered on acceptance (with the message's id)
      const accepted = r.providerResponse ? `${r.providerResponse}${r.providerMessageId ? ` (Message-ID ${r.providerMessageId})` : ''}` : r.providerMessageId;
      list.push({ recipient: r.recipient, channel: r.channel, state: r.state, reachedAt: r.deliveredAt ?? r.sentAt, response: r.lastError ?? accepted });
    }
    return out;
  }

  /** Per step: notifications in all, and those reaching their recipient now (from the trigger-kept counters). */
  async stepReach(incidentId: string): Promise<Map<string, { reached: number; total: number }>> {
    const rows = await this.prisma.$queryRaw<{ step_id: string; reached: bigint; total: bigint }[]>`
      SELECT step_id, coalesce(sum(n) FILTER (WHERE state::text = ANY(${REACHED_STATES}::text[])), 0) AS reached, sum(n) AS total
      FROM reach_counter WHERE incident_id = ${incidentId}::uuid GROUP BY step_id`;
    return new Map(rows.map((r) => [r.step_id, { reached: Number(r.reached), total: Number(r.total) }]));
  }

  submissions(incidentId: string): Promise<SubmissionRow[]> {
    return this.prisma.clockSubmission.findMany({ where: { incidentId }, select: SUBMISSION_COLUMNS, orderBy: { submittedAt: 'asc' } });
  }

  /** A filing and its audit event, together. */
  async addSubmission(data: Prisma.ClockSubmissionUncheckedCreateInput, audit: (tx: Prisma.TransactionClient, id: string) => Promise<void>): Promise<SubmissionRow> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.clockSubmission.create({ data, select: SUBMISSION_COLUMNS });
      await audit(tx, row.id);
      return row;
    });
  }

  submissionFile(incidentId: string, id: string) {
    return this.prisma.clockSubmission.findFirst({ where: { id, incidentId }, select: { fileName: true, fileContentType: true, fileData: true, fileSha256: true } });
  }

  async profile(): Promise<OrganisationProfile | null> {
    const p = await this.prisma.organisationProfile.findUnique({ where: { one: true } });
    if (!p) return null;
    return { establishedIn: p.establishedIn, secRegistrant: p.secRegistrant, nis2Entity: p.nis2Entity, hipaa: p.hipaa as OrganisationProfile['hipaa'], nydfsCoveredEntity: p.nydfsCoveredEntity };
  }

  async saveProfile(p: OrganisationProfile, by: string, audit: (tx: Prisma.TransactionClient) => Promise<void>): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.organisationProfile.upsert({ where: { one: true }, create: { one: true, ...p, updatedBy: by }, update: { ...p, updatedBy: by } });
      await audit(tx);
    });
  }

  /** An incident time (determination, extortion payment) set once, with its audit event. */
  async setIncidentTime(incidentId: string, field: 'determinedAt' | 'extortionPaidAt', at: Date, audit: (tx: Prisma.TransactionClient) => Promise<void>): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const n = await tx.incident.updateMany({ where: { id: incidentId, [field]: null }, data: { [field]: at } });
      if (!n.count) return false;
      await audit(tx);
      return true;
    });
  }
}

function toPopulation(rows: { state: string | null; n: bigint }[]): PopulationByState {
  const out: PopulationByState = { total: 0, byState: {}, withoutState: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    out.total += n;
    if (r.state) out.byState[r.state] = n;
    else out.withoutState += n;
  }
  return out;
}
