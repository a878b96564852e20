// Raw SQL: reminders are set-based like a fan-out (keyset pages of the parent step's customers, one
// INSERT … SELECT per page); the scans below run once per scheduler pass, never once per customer.
import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../../audit/audit.repository';
import { Prisma } from '@prisma/client';
import { PrismaService } from '../../database/prisma.service';
import { customerNoticeValues, suppressionJoin } from '../notification.repository';
import { keysetFrom } from '../../common/keyset.util';

export type ReminderWhen = 'not_delivered' | 'not_acknowledged';

export interface ReminderRule {
  afterMinutes: number;
  when: ReminderWhen;
  channel?: string;
}

/** A customer step whose reminder is due (or was started and not finished). */
export interface DueReminder {
  id: string;
  incidentId: string;
  stepKey: string;
  rule: ReminderRule;
  dueAt: Date;
}

export interface ReminderStep {
  id: string;
  state: string;
  fanoutCursor: string | null;
}

/** The step key of a step's reminder: ':' cannot appear in a runbook step id, so it never collides. */
export const reminderKey = (stepKey: string) => `${stepKey}:reminder`;

const LIVE = Prisma.sql`('declared', 'notifying', 'monitoring', 'resolved')`;

@Injectable()
export class EscalationRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * Customers whose notice on the step's own channel failed for good after it was sent (a provider's
   * undelivered callback, a bounce event) and who have nothing on another channel of the step yet, on steps
   * with a fallback channel, of live incidents. (Failures at send time are moved at once by the send path.)
   */
  async failedWithoutFallback(limit: number): Promise<{ stepId: string; customerIds: string[] }[]> {
    const rows = await this.prisma.$queryRaw<{ step_id: string; ids: string[] }[]>`
      SELECT step_id::text, array_agg(customer_id::text) AS ids FROM (
        SELECT n.step_id, n.customer_id FROM notification n
        JOIN incident_step s ON s.id = n.step_id
        JOIN incident i ON i.id = n.incident_id
        WHERE n.state IN ('failed', 'bounced') AND n.customer_id IS NOT NULL AND n.channel = s.channel
          AND jsonb_array_length(coalesce(s.definition->'fallbackChannels', '[]'::jsonb)) > 0
          AND i.state IN ${LIVE}
          AND NOT EXISTS (SELECT 1 FROM notification f WHERE f.step_id = n.step_id AND f.customer_id = n.customer_id AND f.channel <> n.channel)
        LIMIT ${limit}) t
      GROUP BY step_id`;
    return rows.map((r) => ({ stepId: r.step_id, customerIds: r.ids }));
  }

  /**
   * Customer steps with a reminder rule, sent (dispatched or completed) at least `afterMinutes` ago by `now`,
   * of live incidents, whose reminder has not been created yet or was left half-done by a crash.
   */
  async dueReminders(now: Date, limit: number): Promise<DueReminder[]> {
    const rows = await this.prisma.$queryRaw<{ id: string; incident_id: string; step_key: string; rule: ReminderRule; due_at: Date }[]>`
      SELECT p.id::text, p.incident_id::text, p.step_key, p.definition->'reminder' AS rule,
             p.dispatched_at + make_interval(mins => (p.definition->'reminder'->>'afterMinutes')::int) AS due_at
      FROM incident_step p JOIN incident i ON i.id = p.incident_id
      WHERE p.audience = 'affected_customers' AND p.definition ? 'reminder' AND jsonb_typeof(p.definition->'reminder') = 'object'
        AND p.state IN ('dispatched', 'completed') AND p.dispatched_at IS NOT NULL
        AND p.dispatched_at + make_interval(mins => (p.definition->'reminder'->>'afterMinutes')::int) <= ${now}::timestamptz
        AND i.state IN ${LIVE}
        AND NOT EXISTS (SELECT 1 FROM incident_step r WHERE r.incident_id = p.incident_id AND r.step_key = p.step_key || ':reminder' AND r.state <> 'fanning_out')
      ORDER BY 5 LIMIT ${limit}`;
    return rows.map((r) => ({ id: r.id, incidentId: r.incident_id, stepKey: r.step_key, rule: r.rule, dueAt: r.due_at }));
  }

  /**
   * The reminder as a step of its own (unique per incident and key, so created once whoever gets there first):
   * its notifications are unique per (step, channel, customer) like any other, which makes "once" a database
   * guarantee. Audience `reminder` keeps it out of fan-outs and late additions; no due time until it is sent,
   * so the fan-out scheduler never picks it up.
   */
  async ensureReminderStep(
    incidentId: string,
    stepKey: string,
    s: { channel: string; templateKey: string; templateVersions: unknown; definition: unknown; approvedSnapshot: unknown; approvedAt: Date | null },
  ): Promise<ReminderStep> {
    const key = reminderKey(stepKey);
    const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
    await this.prisma.$executeRaw`
      INSERT INTO incident_step (incident_id, step_key, channel, template_key, audience, template_versions, due_at, state, definition, approved_snapshot, approved_at, started_at, offer_id)
      VALUES (${incidentId}::uuid, ${key}, ${s.channel}, ${s.templateKey}, 'reminder', ${json(s.templateVersions) ?? '{}'}::jsonb, NULL, 'fanning_out',
              ${json(s.definition)}::jsonb, ${json(s.approvedSnapshot)}::jsonb, ${s.approvedAt}::timestamptz, now(),
              -- the reminder carries the step's offer: the customer's same code
              (SELECT offer_id FROM incident_step WHERE incident_id = ${incidentId}::uuid AND step_key = ${stepKey}))
      ON CONFLICT (incident_id, step_key) DO NOTHING`;
    const step = await this.prisma.incidentStep.findUniqueOrThrow({ where: { incidentId_stepKey: { incidentId, stepKey: key } }, select: { id: true, state: true, fanoutCursor: true } });
    return { id: step.id, state: step.state, fanoutCursor: step.fanoutCursor };
  }

  /**
   * One keyset page of the parent step's customers: those the rule selects (not acknowledged on their notice
   * page, or no delivery evidence for the parent step) get a reminder notification (ON CONFLICT DO NOTHING:
   * a repeated page after a crash adds nothing). Returns the page's last customer and the new pending ids.
   */
  async materializeReminderPage(
    incidentId: string,
    parentId: string,
    reminderId: string,
    channel: string,
    when: ReminderWhen,
    after: string | null,
    limit: number,
  ): Promise<{ last: string | null; pageSize: number; pendingIds: string[] }> {
    const acknowledged = Prisma.sql`
      EXISTS (SELECT 1 FROM notice_page np WHERE np.incident_id = ${incidentId}::uuid AND np.customer_id = p.customer_id AND np.acknowledged_at IS NOT NULL)
      OR EXISTS (SELECT 1 FROM notification x WHERE x.incident_id = ${incidentId}::uuid AND x.customer_id = p.customer_id AND x.state = 'acknowledged')`;
    // delivered: a delivery report for the step, or the customer opened their notice page (it clearly arrived)
    const delivered = Prisma.sql`
      EXISTS (SELECT 1 FROM notification x WHERE x.step_id = ${parentId}::uuid AND x.customer_id = p.customer_id
                AND (x.state IN ('delivered', 'acknowledged') OR x.delivered_at IS NOT NULL))
      OR EXISTS (SELECT 1 FROM notice_page np WHERE np.incident_id = ${incidentId}::uuid AND np.customer_id = p.customer_id
                   AND (np.opened_at IS NOT NULL OR np.acknowledged_at IS NOT NULL))`;
    const [row] = await this.prisma.$queryRaw<{ last: string | null; n: bigint; ids: string[] }[]>`
      WITH page AS (
        SELECT DISTINCT n.customer_id FROM notification n
        WHERE n.step_id = ${parentId}::uuid AND n.customer_id IS NOT NULL AND n.customer_id > ${keysetFrom(after)}::uuid
        ORDER BY n.customer_id LIMIT ${limit}
      ), eligible AS (
        SELECT p.customer_id FROM page p WHERE NOT (${when === 'not_acknowledged' ? acknowledged : delivered})
      ), ins AS (
        INSERT INTO notification (incident_id, step_id, customer_id, channel, recipient, state, last_error, failed_at)
        SELECT ${customerNoticeValues(incidentId, reminderId, channel)}
        FROM eligible e JOIN customer c ON c.id = e.customer_id
        ${suppressionJoin(channel)}
        WHERE c.erased_at IS NULL
        ON CONFLICT DO NOTHING
        RETURNING id, state
      )
      SELECT (SELECT max(customer_id::text) FROM page) AS last, (SELECT count(*) FROM page) AS n,
             coalesce((SELECT array_agg(id::text) FROM ins WHERE state = 'pending'), '{}') AS ids`;
    return { last: row.last, pageSize: Number(row.n), pendingIds: row.ids };
  }

  async saveCursor(stepId: string, cursor: string): Promise<void> {
    await this.prisma.incidentStep.update({ where: { id: stepId }, data: { fanoutCursor: cursor } });
  }

  /** Every page done: the reminder is dispatched (its due time shown in the schedule) and goes on the timeline. */
  async finishReminder(reminderId: string, incidentId: string, dueAt: Date, data: Record<string, string | number>): Promise<void> {
    const n = await this.prisma.incidentStep.updateMany({
      where: { id: reminderId, state: 'fanning_out' },
      data: { state: 'dispatched', dispatchedAt: new Date(), dueAt },
    });
    if (n.count) {
      await this.audit.record({ actorName: 'tocsin', action: 'step.reminder_sent', entityType: 'incident_step', entityId: reminderId, incidentId, data });
    }
  }
}
