import { Injectable } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';
import { Clock } from '../../common/time/clock';
import { IncidentsService } from '../../incidents/incidents.service';
import { ContactRepository } from '../contact.repository';
import { ALL_CHANNELS, OTHER_REASON } from '../dto/contact.schemas';

const HOUR = 3600_000;
/** Hourly bars for the first three days of an incident, daily after that. */
const HOURLY_UNTIL_MS = 72 * HOUR;
const MAX_BUCKETS = 400;
const TOP_REASONS = 10;

export type Bucket = 'hour' | 'day';

/**
 * An incident's contacts as figures: over time, per channel, the top reasons, and the effort customers
 * spend (contacts per reached customer). "Reached" is the reach report's own figure (IncidentsService.reach,
 * src/common/reach-definition.ts), never counted here again.
 */
@Injectable()
export class ContactsSummaryService {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly incidents: IncidentsService,
    private readonly clock: Clock,
  ) {}

  async summary(incidentId: string, bucket?: Bucket) {
    const incident = await this.contacts.incident(incidentId);
    if (!incident) throw AppException.notFound('Incident', incidentId);
    const [reach, figures, span] = await Promise.all([this.incidents.reach(incidentId), this.contacts.figures(incidentId), this.contacts.firstAndLast(incidentId)]);
    const now = this.clock.now();
    let from = new Date(Math.min(incident.declaredAt.getTime(), span.first?.getTime() ?? Infinity));
    const to = new Date(Math.max(now.getTime(), span.last?.getTime() ?? 0));
    const size: Bucket = bucket ?? (to.getTime() - from.getTime() <= HOURLY_UNTIL_MS ? 'hour' : 'day');
    const unit = size === 'hour' ? HOUR : 24 * HOUR;
    if ((to.getTime() - from.getTime()) / unit > MAX_BUCKETS) from = new Date(to.getTime() - (MAX_BUCKETS - 1) * unit);
    const overTime = await this.contacts.overTime(incidentId, size, from, to);
    const total = figures.total;
    const share = (n: number) => (total ? Math.round((n / total) * 1000) / 1000 : 0);
    const reached = reach.reached;
    return {
      incidentId,
      bucket: size,
      total,
      overTime: overTime.map((b) => ({ start: b.start.toISOString(), contacts: b.contacts })),
      byChannel: Object.fromEntries(ALL_CHANNELS.map((c) => [c, figures.channels.find((x) => x.channel === c)?.n ?? 0])),
      topReasons: figures.reasons.slice(0, TOP_REASONS).map((r) => ({ key: r.key ?? OTHER_REASON, label: r.label ?? 'Other', contacts: r.n, share: share(r.n) })),
      effort: {
        contacts: total,
        customersWhoContacted: figures.customers,
        reached,
        contactsPerReachedCustomer: reached ? Math.round((total / reached) * 100) / 100 : null,
      },
    };
  }
}
