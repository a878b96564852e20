import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { Writable } from 'node:stream';
import { AuditRepository } from '../audit/audit.repository';
import { neutralise } from '../incidents/reach/unreached-export';
import { CommentsQuery } from './dto/scorecard-query.dto';
import { ScorecardService } from './scorecard.service';

const COLUMNS = ['incidentId', 'incident', 'at', 'locale', 'channels', 'csat', 'ces', 'nps', 'comment', 'npsReason'];

/**
 * The comment list as CSV, for the API and the console. Free text written by customers may say who they
 * are, so the file is treated as personal data: the roles that may export personal data, and an audit row
 * (with the filters) before any byte. Every cell goes through the same formula neutraliser as unreached.csv.
 */
@Injectable()
export class CommentsExport {
  constructor(
    private readonly scorecard: ScorecardService,
    private readonly audit: AuditRepository,
  ) {}

  async download(q: CommentsQuery, res: Writable & { setHeader(name: string, value: string): unknown }): Promise<number> {
    // filters are checked (a 4xx) before the audit row and before any header
    const pages = this.scorecard.allComments(q);
    const first = await pages.next();
    const { cursor: _c, limit: _l, ...filters } = q;
    await this.audit.record({ action: 'scorecard.comments_exported', entityType: 'scorecard', entityId: q.incident ?? 'all', incidentId: q.incident ?? null, data: filters });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="comments${q.incident ? `-${q.incident}` : ''}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    const csv = stringify({ header: true, columns: COLUMNS });
    csv.pipe(res);
    let total = 0;
    const write = async (items: Awaited<ReturnType<ScorecardService['comments']>>['items']) => {
      for (const c of items) {
        const ok = csv.write([c.incidentId, neutralise(c.incidentTitle), c.at.toISOString(), neutralise(c.locale), c.channels.join(' '), c.csat, c.ces, c.nps ?? '', neutralise(c.comment), neutralise(c.npsReason)]);
        if (!ok) await new Promise((r) => csv.once('drain', r));
      }
      total += items.length;
    };
    if (!first.done) await write(first.value);
    for await (const items of pages) await write(items);
    await new Promise<void>((resolve) => {
      csv.end();
      res.once('finish', resolve);
      res.once('close', resolve);
    });
    return total;
  }
}
