// Raw SQL: a provider may post thousands of events at once, so each kind is one set-based statement
// (UPDATE … FROM unnest) and the evidence is one INSERT, never one round trip per event.
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import { DeliveryEventInput, DeliveryEventOutcome } from './delivery-event';

type Tx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];

@Injectable()
export class DeliveryEventRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Applies events to their notifications with compare-and-set updates and stores every event as evidence,
   * in one transaction: sent → delivered; sent/delivered → bounced (hard bounces only, with the reason, and
   * a suppression of the address); sent → failed (final failures, suppressing nothing unless the event says
   * the address is bad); a complaint marks complained_at once and suppresses the channel.
   * Soft bounces, automatic replies and unknown messages are stored and change nothing.
   * A notification still `sending` takes the event too: a report about a message proves the relay took it,
   * and a relay can bounce before the batch has written the send back (an unknown local user, DSNs piped
   * straight here); the write-back then records the send without undoing the report (recordResults).
   */
  record(channel: string, events: DeliveryEventInput[]): Promise<DeliveryEventOutcome[]> {
    return this.prisma.$transaction(async (tx) => {
      const ids = [...new Set(events.map((e) => e.notificationId).filter((id): id is string => !!id))];
      const known = new Set(
        ids.length ? (await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM notification WHERE id = ANY(${ids}::uuid[])`).map((r) => r.id) : [],
      );
      const of = (kind: DeliveryEventInput['kind']) => events.filter((e) => e.kind === kind && e.notificationId && known.has(e.notificationId));
      const applied = new Set<string>();
      const mark = (kind: string, rows: { id: string }[]) => rows.forEach((r) => applied.add(`${kind}/${r.id}`));

      const delivered = of('delivered');
      if (delivered.length) {
        mark('delivered', await tx.$queryRaw<{ id: string }[]>`
          UPDATE notification n SET state = 'delivered', delivered_at = v.at, updated_at = now()
          FROM unnest(${delivered.map((e) => e.notificationId)}::uuid[], ${delivered.map(at)}::timestamptz[]) AS v(id, at)
          WHERE n.id = v.id AND n.state IN ('sent', 'sending')
          RETURNING n.id::text`);
      }
      const bounced = of('hard_bounce');
      if (bounced.length) {
        const rows = await tx.$queryRaw<{ id: string }[]>`
          UPDATE notification n SET state = 'bounced', bounced_at = v.at, last_error = left(v.reason, 1000), updated_at = now()
          FROM unnest(${bounced.map((e) => e.notificationId)}::uuid[], ${bounced.map(at)}::timestamptz[],
                      ${bounced.map((e) => e.reason ?? 'bounced')}::text[]) AS v(id, at, reason)
          WHERE n.id = v.id AND n.state IN ('sent', 'delivered', 'sending')
          RETURNING n.id::text`;
        mark('hard_bounce', rows);
        await this.suppress(tx, rows.map((r) => r.id), bounced, 'hard bounce');
      }
      // final, the address not condemned: an SMS provider's undelivered/failed callback, or a DSN `Action: failed`
      // with a 4.x.x status (the relay gave up after its queue lifetime). Suppressed only when the event says so.
      const failed = of('failed');
      if (failed.length) {
        const rows = await tx.$queryRaw<{ id: string }[]>`
          UPDATE notification n SET state = 'failed', failed_at = v.at, last_error = left(v.reason, 1000), updated_at = now()
          FROM unnest(${failed.map((e) => e.notificationId)}::uuid[], ${failed.map(at)}::timestamptz[],
                      ${failed.map((e) => e.reason ?? 'failed')}::text[]) AS v(id, at, reason)
          WHERE n.id = v.id AND n.state IN ('sent', 'sending')
          RETURNING n.id::text`;
        mark('failed', rows);
        const bad = new Set(failed.filter((e) => e.suppress).map((e) => e.notificationId));
        await this.suppress(tx, rows.map((r) => r.id).filter((id) => bad.has(id)), failed, 'invalid number');
      }
      const complaints = of('complaint');
      if (complaints.length) {
        const rows = await tx.$queryRaw<{ id: string }[]>`
          UPDATE notification n SET complained_at = v.at, updated_at = now()
          FROM unnest(${complaints.map((e) => e.notificationId)}::uuid[], ${complaints.map(at)}::timestamptz[]) AS v(id, at)
          WHERE n.id = v.id AND n.complained_at IS NULL
          RETURNING n.id::text`;
        mark('complaint', rows);
        await this.suppress(tx, rows.map((r) => r.id), complaints, 'complaint');
      }

      // the first event of a kind for a notification gets the credit when a batch repeats one
      const credited = new Set<string>();
      const outcomes = events.map((e): DeliveryEventOutcome => {
        const key = `${e.kind}/${e.notificationId}`;
        const wasApplied = applied.has(key) && !credited.has(key);
        if (wasApplied) credited.add(key);
        return { notificationId: e.notificationId, kind: e.kind, status: e.status, matched: !!e.notificationId && known.has(e.notificationId), applied: wasApplied };
      });
      await tx.$executeRaw`
        INSERT INTO delivery_event (channel, source, kind, notification_id, customer_id, incident_id, status, reason, applied, occurred_at, raw)
        SELECT ${channel}, v.source, v.kind::"DeliveryEventKind", n.id, n.customer_id, n.incident_id, v.status, v.reason, v.applied, v.at, v.raw
        FROM unnest(${events.map((e) => e.source)}::text[], ${events.map((e) => e.kind)}::text[],
                    ${outcomes.map((o) => (o.matched ? o.notificationId : null))}::uuid[], ${events.map((e) => e.status)}::text[],
                    ${events.map((e) => e.reason?.slice(0, 2000) ?? null)}::text[], ${outcomes.map((o) => o.applied)}::boolean[],
                    ${events.map((e) => e.occurredAt?.toISOString() ?? null)}::timestamptz[], ${events.map((e) => e.raw)}::text[])
          AS v(source, kind, notification_id, status, reason, applied, at, raw)
        LEFT JOIN notification n ON n.id = v.notification_id`;
      return outcomes;
    });
  }

  /** SMS notifications by the provider's message id (a status callback names only that). */
  async smsByProviderId(sids: string[]): Promise<Map<string, string>> {
    if (!sids.length) return new Map();
    const rows = await this.prisma.$queryRaw<{ id: string; sid: string }[]>`
      SELECT id::text, provider_message_id AS sid FROM notification
      WHERE channel = 'sms' AND provider_message_id = ANY(${sids}::text[]) AND provider_message_id IS NOT NULL`;
    return new Map(rows.map((r) => [r.sid, r.id]));
  }

  /** A hard bounce or a complaint: later steps and incidents do not use this address on this channel again (a corrected address is tried). */
  private async suppress(tx: Tx, ids: string[], events: DeliveryEventInput[], why: string): Promise<void> {
    if (!ids.length) return;
    const reasons = ids.map((id) => {
      const e = events.find((x) => x.notificationId === id);
      return `${why}: ${e?.reason ?? e?.status ?? 'reported by the provider'}`.slice(0, 500);
    });
    await tx.$executeRaw`
      INSERT INTO suppression (channel, address, customer_id, reason, notification_id)
      SELECT n.channel, n.recipient, n.customer_id, v.reason, n.id
      FROM unnest(${ids}::uuid[], ${reasons}::text[]) AS v(id, reason)
      JOIN notification n ON n.id = v.id
      WHERE n.customer_id IS NOT NULL AND n.recipient <> ''
      ON CONFLICT (channel, address) DO NOTHING`;
  }
}

const at = (e: DeliveryEventInput) => (e.occurredAt ?? new Date()).toISOString();
