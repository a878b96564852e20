import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';

export interface ContextRow {
  incident_id: string;
  title: string;
  state: string;
  severity: string;
  declared_at: Date;
  facts: Record<string, unknown>;
  notification_id: string | null;
  step_key: string | null;
  channel: string | null;
  n_state: string | null;
  recipient: string | null;
  created_at: Date | null;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
  delivered_at: Date | null;
  bounced_at: Date | null;
  /** the incident's notice page for this customer: the one source of opened / acknowledged */
  opened_at: Date | null;
  acknowledged_at: Date | null;
}

/** Everything an agent needs about one customer's incidents and notices, in one query. */
@Injectable()
export class CustomerContextRepository {
  constructor(private readonly prisma: PrismaService) {}

  rows(customerId: string): Promise<ContextRow[]> {
    return this.prisma.$queryRaw<ContextRow[]>`
      SELECT i.id AS incident_id, i.title, i.state::text AS state, i.severity, i.declared_at, i.facts,
             n.id AS notification_id, s.step_key, n.channel, n.state::text AS n_state, n.recipient,
             n.created_at, n.sent_at, n.failed_at, n.last_error, n.delivered_at, n.bounced_at, np.opened_at, np.acknowledged_at
      FROM affected_customer ac
      JOIN incident i ON i.id = ac.incident_id
      LEFT JOIN notice_page np ON np.incident_id = ac.incident_id AND np.customer_id = ac.customer_id
      LEFT JOIN notification n ON n.incident_id = i.id AND n.customer_id = ac.customer_id
      LEFT JOIN incident_step s ON s.id = n.step_id
      WHERE ac.customer_id = ${customerId}::uuid
      ORDER BY i.declared_at DESC, n.created_at`;
  }

  /** Suppressions of the customer's current addresses (per address: an address corrected since is not listed). */
  suppressions(email: string | null, phone: string | null): Promise<{ channel: string; address: string; reason: string; created_at: Date }[]> {
    return this.prisma.$queryRaw`
      SELECT channel, address, reason, created_at FROM suppression
      WHERE (channel = 'email' AND address = ${email}) OR (channel = 'sms' AND address = ${phone})
      ORDER BY channel`;
  }
}
