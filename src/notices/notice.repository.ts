// Raw SQL: token rows are written during fan-out, one set-based statement per page of recipients (never
// one per customer), and the token hash is computed inside PostgreSQL from the key's HMAC pads.
import { Injectable } from '@nestjs/common';
import { Customer, Incident, Prisma } from '@prisma/client';
import { PrismaService } from '../database/prisma.service';
import { NoticeLinks } from './notice-links.service';
import { keysetFrom } from '../common/keyset.util';

export interface NoticeAccess {
  incidentId: string;
  customerId: string;
  openedAt: Date | null;
  acknowledgedAt: Date | null;
}

export interface NoticeStep {
  id: string;
  templateKey: string;
  approvedSnapshot: unknown;
}

export interface NoticeContext {
  customer: Customer;
  incident: Incident & { defaultLocale: string };
}

const DAY_MS = 86_400_000;

@Injectable()
export class NoticeRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly links: NoticeLinks,
  ) {}

  /**
   * Notice pages for the affected customers of one fan-out page (ids in (after, last]). One probe per
   * customer finds those that exist (an earlier step made them), and only the missing ones are inserted
   * (ON CONFLICT DO NOTHING, so the link already sent stays valid). A page that would expire within half its lifetime (created long before
   * this step, e.g. at the declaration of an incident whose step comes weeks later) gets the full lifetime
   * again from now: this message carries the same link.
   */
  async createForRange(incidentId: string, after: string | null, last: string, now: Date): Promise<number> {
    const { expiresAt, renewBefore } = this.lifetime(now);
    return this.prisma.$executeRaw`
      WITH src AS (
        SELECT ac.incident_id, ac.customer_id, np.expires_at AS expires
        FROM affected_customer ac LEFT JOIN notice_page np ON np.incident_id = ac.incident_id AND np.customer_id = ac.customer_id
        WHERE ac.incident_id = ${incidentId}::uuid AND ac.customer_id > ${keysetFrom(after)}::uuid AND ac.customer_id <= ${last}::uuid
      ), renewed AS (
        UPDATE notice_page p SET expires_at = ${expiresAt}::timestamptz FROM src
        WHERE src.expires IS NOT NULL AND src.expires < ${renewBefore}::timestamptz
          AND p.incident_id = src.incident_id AND p.customer_id = src.customer_id
      )
      ${this.insertSql(Prisma.sql`SELECT incident_id, customer_id FROM src WHERE expires IS NULL`, now)}`;
  }

  /** Notice pages for the customers of these notifications (late additions). */
  async createForNotifications(notificationIds: string[], now: Date): Promise<number> {
    if (!notificationIds.length) return 0;
    return this.prisma.$executeRaw(
      this.insertSql(
        Prisma.sql`SELECT n.incident_id, n.customer_id FROM notification n
                   WHERE n.id = ANY(${notificationIds}::uuid[]) AND n.customer_id IS NOT NULL`,
        now,
      ),
    );
  }

  private lifetime(now: Date): { expiresAt: Date; renewBefore: Date } {
    const ttl = this.links.ttlDays * DAY_MS;
    return { expiresAt: new Date(now.getTime() + ttl), renewBefore: new Date(now.getTime() + ttl / 2) };
  }

  /**
   * INSERT of the notice pages of (incident_id, customer_id) pairs; existing ones are kept.
   * token = base64url(HMAC-SHA256(key, incident:customer)), built from sha256 as RFC 2104 describes.
   */
  private insertSql(source: Prisma.Sql, now: Date): Prisma.Sql {
    const { inner, outer } = this.links.sqlPads();
    return Prisma.sql`
      INSERT INTO notice_page (incident_id, customer_id, token_hash, created_at, expires_at)
      SELECT src.incident_id, src.customer_id,
             sha256(convert_to(rtrim(translate(encode(
               sha256(${outer}::bytea || sha256(${inner}::bytea || convert_to(src.incident_id::text || ':' || src.customer_id::text, 'UTF8'))),
               'base64'), '+/', '-_'), '='), 'UTF8')),
             ${now}::timestamptz, ${this.lifetime(now).expiresAt}::timestamptz
      FROM (${source}) AS src
      -- the pair is the key; the token hash is derived from it, so naming the pair spares every row a probe of
      -- the token-hash index at a random place (a collision of hashes would be an error, not a silent skip)
      ON CONFLICT (incident_id, customer_id) DO NOTHING`;
  }

  /** The page behind a token hash, if it exists, has not expired and its customer was not erased. */
  async find(tokenHash: Buffer, now: Date): Promise<NoticeAccess | null> {
    const rows = await this.prisma.$queryRaw<NoticeAccess[]>`
      SELECT np.incident_id::text AS "incidentId", np.customer_id::text AS "customerId",
             np.opened_at AS "openedAt", np.acknowledged_at AS "acknowledgedAt"
      FROM notice_page np JOIN customer c ON c.id = np.customer_id
      WHERE np.token_hash = ${tokenHash}::bytea AND np.expires_at > ${now}::timestamptz AND c.erased_at IS NULL`;
    return rows[0] ?? null;
  }

  /** The first view only. */
  async markOpened(a: NoticeAccess, now: Date): Promise<void> {
    await this.prisma.noticePage.updateMany({ where: { incidentId: a.incidentId, customerId: a.customerId, openedAt: null }, data: { openedAt: now } });
  }

  /** Idempotent: the first acknowledgement's time is kept; returns that time. */
  async acknowledge(a: NoticeAccess, now: Date): Promise<Date> {
    const [row] = await this.prisma.$queryRaw<{ at: Date }[]>`
      UPDATE notice_page SET acknowledged_at = coalesce(acknowledged_at, ${now}::timestamptz), opened_at = coalesce(opened_at, ${now}::timestamptz)
      WHERE incident_id = ${a.incidentId}::uuid AND customer_id = ${a.customerId}::uuid
      RETURNING acknowledged_at AS at`;
    return row.at;
  }

  /** The customer and the incident behind a page (the customer as templates see them). */
  async context(a: NoticeAccess): Promise<NoticeContext | null> {
    const [customer, incident] = await Promise.all([
      this.prisma.customer.findUnique({ where: { id: a.customerId } }),
      this.prisma.incident.findUnique({ where: { id: a.incidentId }, include: { runbookVersion: { select: { definition: true } } } }),
    ]);
    if (!customer || !incident) return null;
    const { runbookVersion, ...rest } = incident;
    return { customer, incident: { ...rest, defaultLocale: (runbookVersion.definition as { defaultLocale?: string }).defaultLocale ?? 'en' } };
  }

  /** Customer steps that produced a notification for this customer, newest first: whose `page` template to show. */
  stepsFor(a: NoticeAccess): Promise<NoticeStep[]> {
    return this.prisma.$queryRaw<NoticeStep[]>`
      SELECT s.id::text AS id, s.template_key AS "templateKey", s.approved_snapshot AS "approvedSnapshot"
      FROM incident_step s
      WHERE s.incident_id = ${a.incidentId}::uuid AND s.audience = 'affected_customers'
        AND EXISTS (SELECT 1 FROM notification n WHERE n.step_id = s.id AND n.customer_id = ${a.customerId}::uuid)
      ORDER BY s.due_at DESC NULLS LAST, s.step_key`;
  }

  /** Pages opened and acknowledged for an incident (customers, not notifications). */
  async counts(incidentId: string): Promise<{ opened: number; acknowledged: number }> {
    const [row] = await this.prisma.$queryRaw<{ opened: bigint; acknowledged: bigint }[]>`
      SELECT (SELECT count(*) FROM notice_page WHERE incident_id = ${incidentId}::uuid AND opened_at IS NOT NULL) AS opened,
             (SELECT count(*) FROM notice_page WHERE incident_id = ${incidentId}::uuid AND acknowledged_at IS NOT NULL) AS acknowledged`;
    return { opened: Number(row.opened), acknowledged: Number(row.acknowledged) };
  }
}
