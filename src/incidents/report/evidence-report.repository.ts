import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';

export interface SentVersionRow {
  step_id: string;
  channel: string;
  template_version_id: string;
  notifications: bigint;
  customer_id: string | null;
  recipient: string;
  /** when the sample's notification was rendered and sent (null: not sent) */
  sent_at: Date | null;
}

/** What the evidence report reads beyond the clocks: versions sent, counts, deliveries' events, the audit trail. */
@Injectable()
export class EvidenceReportRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Each template version sent per step and channel, how many notifications used it, and one recipient to
   * render the sample for (the first, by id). One pass over the incident's notifications: a report is
   * asked for rarely, and it must count exactly.
   */
  sentVersions(incidentId: string): Promise<SentVersionRow[]> {
    return this.prisma.$queryRaw<SentVersionRow[]>`
      SELECT DISTINCT ON (step_id, channel, template_version_id) step_id::text, channel, template_version_id::text,
             count(*) OVER (PARTITION BY step_id, channel, template_version_id) AS notifications, customer_id::text, recipient, coalesce(sent_at, sending_at) AS sent_at
      FROM notification WHERE incident_id = ${incidentId}::uuid AND template_version_id IS NOT NULL
      ORDER BY step_id, channel, template_version_id, id`;
  }

  templates(ids: string[]) {
    return this.prisma.template.findMany({ where: { id: { in: ids } } });
  }

  customer(id: string) {
    return this.prisma.customer.findUnique({ where: { id } });
  }

  /** Notification counts per step, channel and state (the trigger-kept counters: exact, no scan). */
  counts(incidentId: string) {
    return this.prisma.$queryRaw<{ step_key: string; channel: string; state: string; n: bigint }[]>`
      SELECT s.step_key, rc.channel, rc.state::text AS state, rc.n
      FROM reach_counter rc JOIN incident_step s ON s.id = rc.step_id
      WHERE rc.incident_id = ${incidentId}::uuid AND rc.n <> 0
      ORDER BY s.step_key, rc.channel, rc.state::text`;
  }

  /** Provider events (DSNs, delivery reports) about the given notifications, as received. */
  deliveryEvents(stepIds: string[]) {
    if (!stepIds.length) return Promise.resolve([]);
    return this.prisma.$queryRaw<{ step_id: string; recipient: string; kind: string; status: string | null; reason: string | null; occurred_at: Date | null; received_at: Date }[]>`
      SELECT n.step_id::text, n.recipient, e.kind::text, e.status, e.reason, e.occurred_at, e.received_at
      FROM delivery_event e JOIN notification n ON n.id = e.notification_id
      WHERE n.step_id = ANY(${stepIds}::uuid[]) ORDER BY e.id`;
  }

  timeline(incidentId: string) {
    return this.prisma.auditEvent.findMany({ where: { incidentId }, orderBy: { id: 'asc' } });
  }
}
