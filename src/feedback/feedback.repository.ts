import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

export interface FeedbackInput {
  csat: number;
  ces: number;
  /** Net Promoter Score 0-10, null when not answered */
  nps: number | null;
  npsReason: string | null;
  comment: string | null;
}

export interface FeedbackAnswer extends FeedbackInput {
  updatedAt: Date;
}

export interface FeedbackSummaryRow {
  responses: number;
  csat_avg: number | null;
  ces_avg: number | null;
  csat: Record<string, number> | null;
  ces: Record<string, number> | null;
}

@Injectable()
export class FeedbackRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One answer per customer and incident: the last one wins (the customer may change their mind). */
  async save(incidentId: string, customerId: string, answer: FeedbackInput, now: Date): Promise<void> {
    await this.prisma.noticeFeedback.upsert({
      where: { incidentId_customerId: { incidentId, customerId } },
      create: { incidentId, customerId, ...answer, createdAt: now, updatedAt: now },
      update: { ...answer, updatedAt: now },
    });
  }

  find(incidentId: string, customerId: string): Promise<FeedbackAnswer | null> {
    return this.prisma.noticeFeedback.findUnique({
      where: { incidentId_customerId: { incidentId, customerId } },
      select: { csat: true, ces: true, nps: true, npsReason: true, comment: true, updatedAt: true },
    });
  }

  async incidentExists(incidentId: string): Promise<boolean> {
    return (await this.prisma.incident.count({ where: { id: incidentId } })) > 0;
  }

  /** Counts, averages and the distribution of each score, in one pass. */
  async summary(incidentId: string): Promise<FeedbackSummaryRow> {
    const [row] = await this.prisma.$queryRaw<FeedbackSummaryRow[]>`
      SELECT count(*)::int AS responses, avg(csat)::float8 AS csat_avg, avg(ces)::float8 AS ces_avg,
             (SELECT jsonb_object_agg(csat, n) FROM (SELECT csat, count(*)::int AS n FROM notice_feedback WHERE incident_id = ${incidentId}::uuid GROUP BY csat) d) AS csat,
             (SELECT jsonb_object_agg(ces, n) FROM (SELECT ces, count(*)::int AS n FROM notice_feedback WHERE incident_id = ${incidentId}::uuid GROUP BY ces) d) AS ces
      FROM notice_feedback WHERE incident_id = ${incidentId}::uuid`;
    return row;
  }

  /** Answers with a comment, newest first; keyset cursor on (updated_at, customer_id). */
  comments(incidentId: string, after: { at: Date; id: string } | null, limit: number) {
    return this.prisma.noticeFeedback.findMany({
      where: {
        incidentId,
        comment: { not: null },
        ...(after ? { OR: [{ updatedAt: { lt: after.at } }, { updatedAt: after.at, customerId: { lt: after.id } }] } : {}),
      },
      orderBy: [{ updatedAt: 'desc' }, { customerId: 'desc' }],
      take: limit,
      select: { customerId: true, csat: true, ces: true, comment: true, updatedAt: true },
    });
  }
}
