import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { AuditRepository } from '../audit/audit.repository';
import { type Actor } from '../auth/role';
import { PrismaService } from '../database/prisma.service';

export interface SuppressionRow {
  channel: string;
  address: string;
  reason: string;
  created_at: Date;
  notification_id: string | null;
  customer_external_id: string | null;
  customer_name: string | null;
  incident_id: string | null;
}

export interface SuppressionFilter {
  channel?: string;
  address?: string;
  customer?: string;
}

/** Suppressed addresses (written by the bounce and complaint paths in dispatch and tracking; read and lifted here). */
@Injectable()
export class SuppressionRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditRepository,
  ) {}

  /** Keyset pages in (channel, address) order, after the given key. */
  list(f: SuppressionFilter, after: [string, string] | null, limit: number): Promise<SuppressionRow[]> {
    const where = [
      f.channel ? Prisma.sql`s.channel = ${f.channel}` : null,
      f.address ? Prisma.sql`s.address ILIKE ${`%${f.address.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : null,
      f.customer ? Prisma.sql`c.external_id = ${f.customer}` : null,
      after ? Prisma.sql`(s.channel, s.address) > (${after[0]}, ${after[1]})` : null,
    ].filter((x): x is Prisma.Sql => !!x);
    return this.prisma.$queryRaw<SuppressionRow[]>`
      SELECT s.channel, s.address, s.reason, s.created_at, s.notification_id::text, c.external_id AS customer_external_id, c.name AS customer_name,
             n.incident_id::text AS incident_id
      FROM suppression s LEFT JOIN customer c ON c.id = s.customer_id LEFT JOIN notification n ON n.id = s.notification_id
      ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
      ORDER BY s.channel, s.address LIMIT ${limit}`;
  }

  /** Removes the suppression and records who lifted it and why, in one transaction; null when there was none. */
  lift(channel: string, address: string, reason: string, by: Actor): Promise<SuppressionRow | null> {
    return this.prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<(SuppressionRow & { customer_id: string | null })[]>`
        WITH d AS (
          DELETE FROM suppression s WHERE s.channel = ${channel} AND s.address = ${address}
          RETURNING s.channel, s.address, s.reason, s.created_at, s.notification_id, s.customer_id)
        SELECT d.channel, d.address, d.reason, d.created_at, d.notification_id::text, d.customer_id::text,
               c.external_id AS customer_external_id, c.name AS customer_name, n.incident_id::text AS incident_id
        FROM d LEFT JOIN customer c ON c.id = d.customer_id LEFT JOIN notification n ON n.id = d.notification_id`;
      if (!row) return null;
      await this.audit.record(
        {
          actorId: by.id,
          actorName: by.name,
          action: 'suppression.lifted',
          entityType: 'suppression',
          entityId: `${channel}:${address}`,
          // the address stays in the trail: lifting is a decision about that address, and the trail is who decided it
          data: { channel, address, reason, suppressedBecause: row.reason, suppressedAt: row.created_at.toISOString(), customerId: row.customer_id, notificationId: row.notification_id },
        },
        tx,
      );
      return row;
    });
  }
}
