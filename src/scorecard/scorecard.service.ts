import { Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { IncidentsService } from '../incidents/incidents.service';
import { latencySummary } from '../incidents/reach/latency-percentiles';
import { CommentsQuery, Dimension, dimensionLabel } from './dto/scorecard-query.dto';
import { breakdownOf, figuresOf, Figures } from './scorecard-figures';
import { CommentRow, ScorecardIncident, ScorecardRepository } from './scorecard.repository';

export interface TimeToReach {
  /** customers the percentiles are over */
  count: number;
  /** seconds from the declaration (the reach report's histogram, nearest-rank) */
  p50: number | null;
  p90: number | null;
}

export interface Breakdown {
  by: string;
  groups: Array<{ group: string } & Figures>;
}

export interface IncidentScorecard {
  incident: { id: string; title: string; state: string; declaredAt: Date };
  figures: Figures;
  timeToReach: TimeToReach;
  breakdown: Breakdown | null;
}

export interface RangeScorecard {
  from: Date;
  to: Date;
  incidents: number;
  figures: Figures;
  timeToReach: TimeToReach;
  breakdown: Breakdown | null;
  /** one point per incident declared in the range, oldest first */
  trend: Array<{ incident: { id: string; title: string; state: string; declaredAt: Date } } & Figures>;
}

export interface CommentView {
  incidentId: string;
  incidentTitle: string;
  at: Date;
  locale: string;
  channels: string[];
  csat: number;
  ces: number;
  nps: number | null;
  comment: string | null;
  npsReason: string | null;
}

/**
 * The customer-experience scorecard: every figure the API and the console show comes from here (one
 * truth per figure). Reached, acknowledged, claimed and time to reach are the reach report's own numbers.
 */
@Injectable()
export class ScorecardService {
  constructor(
    private readonly repo: ScorecardRepository,
    private readonly incidents: IncidentsService,
  ) {}

  async forIncident(id: string, dimension: Dimension | null): Promise<IncidentScorecard> {
    const incident = await this.repo.incident(id);
    if (!incident) throw AppException.notFound('Incident', id);
    // the reach report itself: reached, acknowledged and time to reach are its numbers, not recounted
    const [reach, cells, breakdown] = await Promise.all([this.incidents.reach(id), this.repo.answers([id], null), this.breakdown([id], dimension)]);
    return {
      incident: view(incident),
      figures: figuresOf(cells, { reached: reach.reached, acknowledged: reach.acknowledged, claims: reach.claimed }),
      timeToReach: { count: reach.timeToReach.count, p50: reach.timeToReach.p50, p90: reach.timeToReach.p90 },
      breakdown,
    };
  }

  async forRange(from: Date, to: Date, dimension: Dimension | null): Promise<RangeScorecard> {
    const incidents = await this.repo.incidentsDeclared(from, to);
    const ids = incidents.map((i) => i.id);
    const byIncident = { kind: 'incident' } as const;
    const [cells, counters, claims, latency, breakdown] = await Promise.all([
      this.repo.answers(ids, byIncident),
      this.repo.counters(ids),
      this.repo.claims(ids, byIncident),
      this.repo.latency(ids),
      this.breakdown(ids, dimension),
    ]);
    const countsOf = (id: string) => ({ ...(counters.get(id) ?? { reached: 0, acknowledged: 0 }), claims: claims.get(id) ?? 0 });
    const total = { reached: 0, acknowledged: 0, claims: 0 };
    for (const id of ids) {
      const c = countsOf(id);
      total.reached += c.reached;
      total.acknowledged += c.acknowledged;
      total.claims += c.claims;
    }
    const t = latencySummary(latency);
    return {
      from,
      to,
      incidents: incidents.length,
      figures: figuresOf(cells, total),
      timeToReach: { count: t.count, p50: t.p50, p90: t.p90 },
      breakdown,
      trend: incidents.map((i) => ({ incident: view(i), ...figuresOf(cells.filter((c) => c.group === i.id), countsOf(i.id)) })),
    };
  }

  /** Answers with words, filtered; `nextCursor` for the next page. */
  async comments(q: CommentsQuery): Promise<{ items: CommentView[]; nextCursor: string | null }> {
    const ids = await this.commentIncidents(q);
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const rows = await this.repo.comments({ incidentIds: ids, locale: q.locale, channel: q.channel, score: q.score, min: q.min, max: q.max }, after, q.limit);
    const last = rows.length === q.limit ? rows[rows.length - 1] : null;
    return { items: rows.map(commentView), nextCursor: last ? encodeCursor(last) : null };
  }

  /** Every matching comment, page by page (the CSV export): memory stays flat however many there are. */
  async *allComments(q: CommentsQuery): AsyncGenerator<CommentView[]> {
    let cursor: string | undefined;
    for (;;) {
      const page = await this.comments({ ...q, cursor, limit: 500 });
      if (page.items.length) yield page.items;
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }

  private async commentIncidents(q: CommentsQuery): Promise<string[]> {
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) throw new AppException(ErrorCode.ValidationFailed, 'min must not be above max', [{ path: 'min', message: 'above max' }]);
    const maxScore = q.score === 'csat' ? 5 : q.score === 'ces' ? 7 : 10;
    if ((q.min ?? 0) > maxScore || (q.max ?? 0) > maxScore) throw new AppException(ErrorCode.ValidationFailed, `${q.score} scores are at most ${maxScore}`, [{ path: 'max', message: `at most ${maxScore}` }]);
    if (q.incident) {
      if (!(await this.repo.incident(q.incident))) throw AppException.notFound('Incident', q.incident);
      return [q.incident];
    }
    const from = q.from ? new Date(q.from) : new Date(0);
    const to = q.to ? new Date(q.to) : new Date('9999-12-31T00:00:00Z');
    if (to <= from) throw new AppException(ErrorCode.ValidationFailed, 'to must be after from', [{ path: 'to', message: 'before from' }]);
    return (await this.repo.incidentsDeclared(from, to)).map((i) => i.id);
  }

  private async breakdown(ids: string[], d: Dimension | null): Promise<Breakdown | null> {
    if (!d) return null;
    const [cells, counts, claims] = await Promise.all([this.repo.answers(ids, d), this.repo.groupCounts(ids, d), this.repo.claims(ids, d)]);
    for (const [group, n] of claims) {
      const c = counts.get(group) ?? { reached: 0, acknowledged: 0, claims: 0 };
      counts.set(group, { ...c, claims: n });
    }
    for (const c of counts.values()) c.claims ??= 0;
    return { by: dimensionLabel(d)!, groups: breakdownOf(cells, counts, true) };
  }
}

const view = (i: ScorecardIncident) => ({ id: i.id, title: i.title, state: i.state, declaredAt: i.declaredAt });

const commentView = (r: CommentRow): CommentView => ({
  incidentId: r.incident_id,
  incidentTitle: r.title,
  at: r.updated_at,
  locale: r.locale,
  channels: r.channels ? r.channels.split(' ') : [],
  csat: r.csat,
  ces: r.ces,
  nps: r.nps,
  comment: r.comment,
  npsReason: r.nps_reason,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const encodeCursor = (r: CommentRow) => Buffer.from(`${r.updated_at.toISOString()}|${r.incident_id}|${r.customer_id}`).toString('base64url');

function decodeCursor(cursor: string): { at: Date; incidentId: string; customerId: string } {
  const [at, incidentId, customerId] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (Number.isNaN(date.getTime()) || !UUID.test(incidentId ?? '') || !UUID.test(customerId ?? '')) throw new AppException(ErrorCode.ValidationFailed, 'cursor is not valid', [{ path: 'cursor', message: 'not valid' }]);
  return { at: date, incidentId, customerId };
}
