import { Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { FeedbackRepository } from './feedback.repository';

const CSAT_SCALE = [1, 2, 3, 4, 5];
const CES_SCALE = [1, 2, 3, 4, 5, 6, 7];

const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
const distribution = (scale: number[], counts: Record<string, number> | null) => Object.fromEntries(scale.map((s) => [String(s), counts?.[String(s)] ?? 0]));

/** The feedback customers left on their notice page, per incident: counts, averages, comments. */
@Injectable()
export class FeedbackService {
  constructor(private readonly feedback: FeedbackRepository) {}

  async report(incidentId: string, cursor: string | undefined, limit: number) {
    if (!(await this.feedback.incidentExists(incidentId))) throw AppException.notFound('Incident', incidentId);
    const after = cursor ? decodeCursor(cursor) : null;
    const [summary, page] = await Promise.all([this.feedback.summary(incidentId), this.feedback.comments(incidentId, after, limit)]);
    const last = page.length === limit ? page[page.length - 1] : null;
    return {
      incidentId,
      responses: summary.responses,
      csat: { scale: '1-5', count: summary.responses, average: round(summary.csat_avg), distribution: distribution(CSAT_SCALE, summary.csat) },
      ces: { scale: '1-7', count: summary.responses, average: round(summary.ces_avg), distribution: distribution(CES_SCALE, summary.ces) },
      // the customer is not named: comments are read for what they say, and a viewer key sees them
      comments: page.map((c) => ({ csat: c.csat, ces: c.ces, comment: c.comment, at: c.updatedAt })),
      nextCursor: last ? Buffer.from(`${last.updatedAt.toISOString()}|${last.customerId}`).toString('base64url') : null,
    };
  }
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? '')) throw new AppException(ErrorCode.ValidationFailed, 'cursor is not valid');
  return { at: date, id };
}
