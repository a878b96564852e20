import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { AudienceFilter, filterToSql } from '../audiences/audience-filter';
import { PrismaService } from '../database/prisma.service';
import { customerNoticeValues, suppressionJoin } from './notification.repository';

/**
 * Customers added to an incident after a step has started: one set-based statement creates the missing
 * notifications (ON CONFLICT DO NOTHING, so running it twice, or beside a fan-out, changes nothing).
 */
@Injectable()
export class LateAdditionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async materialize(incidentId: string, stepId: string, channel: string, filter?: AudienceFilter): Promise<string[]> {
    const narrow = filter ? Prisma.sql`AND ${filterToSql(filter)}` : Prisma.empty;
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO notification (incident_id, step_id, customer_id, channel, recipient, state, last_error, failed_at)
      SELECT ${customerNoticeValues(incidentId, stepId, channel)}
      FROM affected_customer ac JOIN customer c ON c.id = ac.customer_id
      ${suppressionJoin(channel)}
      WHERE ac.incident_id = ${incidentId}::uuid ${narrow}
        AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.step_id = ${stepId}::uuid AND n.channel = ${channel} AND n.customer_id = c.id)
      ON CONFLICT DO NOTHING
      RETURNING id, state`;
    return rows.filter((r) => (r as { state?: string }).state === 'pending').map((r) => r.id);
  }

  /**
   * Started steps with customers added later and still without this notice (e.g. the job that should
   * have handled them was lost with Redis). Steps with their own filter are left to the API's job.
   */
  async stepsMissingAdditions(limit: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT s.id FROM incident_step s JOIN incident i ON i.id = s.incident_id
      WHERE s.audience = 'affected_customers' AND s.state IN ('dispatched', 'completed') AND s.started_at IS NOT NULL
        AND i.state IN ('declared', 'notifying', 'monitoring') AND NOT (s.definition ? 'filter')
        AND EXISTS (
          SELECT 1 FROM affected_customer ac
          WHERE ac.incident_id = s.incident_id AND ac.added_at > s.started_at
            AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.step_id = s.id AND n.channel = s.channel AND n.customer_id = ac.customer_id))
      LIMIT ${limit}`;
    return rows.map((r) => r.id);
  }

  /** A completed step has work again. */
  async reopen(stepId: string): Promise<void> {
    await this.prisma.incidentStep.updateMany({ where: { id: stepId, state: 'completed' }, data: { state: 'dispatched', completedAt: null } });
  }
}
