// Raw SQL: the scorecard groups answers and customers by a dimension chosen per request (channel, locale, a
// customer attribute, the incident), which Prisma's query builder cannot express. The dimension is a
// closed union; the only caller-given part, an attribute key, is a bound parameter.
import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { CLAIMED_SQL, REACHING_SQL } from '../common/reach-definition';
import { PrismaService } from '../database/prisma.service';
import { LatencyBucket } from '../incidents/reach/latency-percentiles';
import type { Dimension } from './dto/scorecard-query.dto';
import type { AnswerCell, GroupCounts } from './scorecard-figures';

export interface ScorecardIncident {
  id: string;
  title: string;
  state: string;
  declaredAt: Date;
}

export interface CommentRow {
  incident_id: string;
  customer_id: string;
  title: string;
  updated_at: Date;
  locale: string;
  channels: string | null;
  csat: number;
  ces: number;
  nps: number | null;
  comment: string | null;
  nps_reason: string | null;
}

export interface CommentFilter {
  incidentIds: string[];
  locale?: string;
  channel?: string;
  score: 'csat' | 'ces' | 'nps';
  min?: number;
  max?: number;
}

/** What a group is, for rows of `source` (an alias with incident_id and customer_id). */
function grouping(d: Dimension | null, ids: string[], source: string): { join: Prisma.Sql; expr: Prisma.Sql } {
  const s = Prisma.raw(source);
  switch (d?.kind) {
    case undefined:
      return { join: Prisma.empty, expr: Prisma.sql`'all'` };
    case 'incident':
      return { join: Prisma.empty, expr: Prisma.sql`${s}.incident_id::text` };
    case 'locale':
      return { join: Prisma.sql`JOIN customer c ON c.id = ${s}.customer_id`, expr: Prisma.sql`c.locale` };
    case 'attribute':
      // jsonb ->> with a bound key: no injection whatever the key, and a non-string value reads as its text
      return { join: Prisma.sql`JOIN customer c ON c.id = ${s}.customer_id`, expr: Prisma.sql`coalesce(c.attributes ->> ${d.key}::text, '(none)')` };
    case 'channel':
      // a customer belongs to every channel that reaches them now (the reach definition, per channel)
      return {
        join: Prisma.sql`JOIN (SELECT DISTINCT incident_id, customer_id, channel FROM notification
                               WHERE incident_id = ANY(${ids}::uuid[]) AND customer_id IS NOT NULL AND state IN ${REACHING_SQL}) rc
                         ON rc.incident_id = ${s}.incident_id AND rc.customer_id = ${s}.customer_id`,
        expr: Prisma.sql`rc.channel`,
      };
  }
}

@Injectable()
export class ScorecardRepository {
  constructor(private readonly prisma: PrismaService) {}

  incident(id: string): Promise<ScorecardIncident | null> {
    return this.prisma.incident.findUnique({ where: { id }, select: { id: true, title: true, state: true, declaredAt: true } });
  }

  /** Incidents declared in [from, to), oldest first (the trend reads left to right). */
  incidentsDeclared(from: Date, to: Date): Promise<ScorecardIncident[]> {
    return this.prisma.incident.findMany({
      where: { declaredAt: { gte: from, lt: to } },
      orderBy: [{ declaredAt: 'asc' }, { id: 'asc' }],
      select: { id: true, title: true, state: true, declaredAt: true },
    });
  }

  /** Answers counted by group and scores: at most 5 × 7 × 12 rows per group, whatever the number of answers. */
  async answers(ids: string[], d: Dimension | null): Promise<AnswerCell[]> {
    if (!ids.length) return [];
    const g = grouping(d, ids, 'f');
    const rows = await this.prisma.$queryRaw<{ grp: string; csat: number; ces: number; nps: number | null; n: number }[]>`
      SELECT ${g.expr} AS grp, f.csat, f.ces, f.nps, count(*)::int AS n
      FROM notice_feedback f ${g.join}
      WHERE f.incident_id = ANY(${ids}::uuid[])
      GROUP BY 1, 2, 3, 4`;
    return rows.map((r) => ({ group: r.grp, csat: r.csat, ces: r.ces, nps: r.nps, n: r.n }));
  }

  /**
   * Reached and acknowledged customers per incident: the counters the reach report reads (incident_counter,
   * kept by the triggers of src/database/reach-counters.ts), so both show the same numbers.
   */
  async counters(ids: string[]): Promise<Map<string, { reached: number; acknowledged: number }>> {
    if (!ids.length) return new Map();
    const rows = await this.prisma.$queryRaw<{ incident_id: string; reached: bigint; acknowledged: bigint }[]>`
      SELECT incident_id::text, reached, acknowledged FROM incident_counter WHERE incident_id = ANY(${ids}::uuid[])`;
    return new Map(rows.map((r) => [r.incident_id, { reached: Number(r.reached), acknowledged: Number(r.acknowledged) }]));
  }

  /**
   * Reached and acknowledged customers per group of a breakdown. "Reached" is the reach definition
   * (src/common/reach-definition.ts: a notification of the incident in a reaching state), counted per group
   * because the counters are not kept by locale or attribute; acknowledged: notice_page, as the counters.
   */
  async groupCounts(ids: string[], d: Dimension): Promise<Map<string, GroupCounts>> {
    const out = new Map<string, GroupCounts>();
    if (!ids.length) return out;
    const r = grouping(d, ids, 'x');
    const reached = await this.prisma.$queryRaw<{ grp: string; n: number }[]>`
      SELECT ${r.expr} AS grp, count(*)::int AS n
      FROM (SELECT DISTINCT incident_id, customer_id FROM notification
            WHERE incident_id = ANY(${ids}::uuid[]) AND customer_id IS NOT NULL AND state IN ${REACHING_SQL}) x ${r.join}
      GROUP BY 1`;
    const a = grouping(d, ids, 'p');
    const acknowledged = await this.prisma.$queryRaw<{ grp: string; n: number }[]>`
      SELECT ${a.expr} AS grp, count(*)::int AS n
      FROM notice_page p ${a.join}
      WHERE p.incident_id = ANY(${ids}::uuid[]) AND p.acknowledged_at IS NOT NULL
      GROUP BY 1`;
    const at = (grp: string) => out.get(grp) ?? out.set(grp, { reached: 0, acknowledged: 0, claims: null }).get(grp)!;
    for (const row of reached) at(row.grp).reached = row.n;
    for (const row of acknowledged) at(row.grp).acknowledged = row.n;
    return out;
  }

  /**
   * Claimed remedy offers per group: offer_assignment rows with claimed_at, counted for the incident the code
   * was given for (one row per offer and customer, so a customer claims an offer once).
   */
  async claims(ids: string[], d: Dimension | null): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const g = grouping(d, ids, 'a');
    // CLAIMED_SQL: the one definition of a claim (src/common/reach-definition.ts), over offer_assignment as `a`
    const rows = await this.prisma.$queryRaw<{ grp: string; n: number }[]>`
      SELECT ${g.expr} AS grp, count(*)::int AS n
      FROM offer_assignment a ${g.join}
      WHERE a.incident_id = ANY(${ids}::uuid[]) AND ${CLAIMED_SQL}
      GROUP BY 1`;
    return new Map(rows.map((r) => [r.grp, r.n]));
  }

  /** Customers by the time of their first reach, over these incidents (the reach report's histogram, summed). */
  async latency(ids: string[]): Promise<LatencyBucket[]> {
    if (!ids.length) return [];
    const rows = await this.prisma.$queryRaw<{ bucket_s: number; n: bigint }[]>`
      SELECT bucket_s, sum(n)::bigint AS n FROM incident_reach_latency WHERE incident_id = ANY(${ids}::uuid[]) GROUP BY bucket_s`;
    return rows.map((r) => ({ bucketS: r.bucket_s, n: Number(r.n) }));
  }

  /**
   * Answers with words (a comment or the "why" of the NPS), newest first; keyset on (updated_at,
   * incident_id, customer_id). The customer is not named: the words are read for what they say.
   */
  comments(f: CommentFilter, after: { at: Date; incidentId: string; customerId: string } | null, limit: number): Promise<CommentRow[]> {
    if (!f.incidentIds.length) return Promise.resolve([]);
    const score = Prisma.raw(`f.${f.score}`); // a closed enum of three column names
    const conditions: Prisma.Sql[] = [Prisma.sql`f.incident_id = ANY(${f.incidentIds}::uuid[])`, Prisma.sql`(f.comment IS NOT NULL OR f.nps_reason IS NOT NULL)`];
    if (f.locale) conditions.push(Prisma.sql`lower(c.locale) = lower(${f.locale})`);
    if (f.min !== undefined) conditions.push(Prisma.sql`${score} >= ${f.min}`);
    if (f.max !== undefined) conditions.push(Prisma.sql`${score} <= ${f.max}`);
    if (f.channel) {
      conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM notification n WHERE n.incident_id = f.incident_id AND n.customer_id = f.customer_id
                                                AND n.channel = ${f.channel} AND n.state IN ${REACHING_SQL})`);
    }
    if (after) conditions.push(Prisma.sql`(f.updated_at, f.incident_id, f.customer_id) < (${after.at}::timestamptz, ${after.incidentId}::uuid, ${after.customerId}::uuid)`);
    return this.prisma.$queryRaw<CommentRow[]>`
      SELECT f.incident_id::text, f.customer_id::text, i.title, f.updated_at, c.locale,
             (SELECT string_agg(DISTINCT n.channel, ' ' ORDER BY n.channel) FROM notification n
               WHERE n.incident_id = f.incident_id AND n.customer_id = f.customer_id AND n.state IN ${REACHING_SQL}) AS channels,
             f.csat, f.ces, f.nps, f.comment, f.nps_reason
      FROM notice_feedback f JOIN customer c ON c.id = f.customer_id JOIN incident i ON i.id = f.incident_id
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY f.updated_at DESC, f.incident_id DESC, f.customer_id DESC
      LIMIT ${limit}`;
  }
}
