import { Injectable } from '@nestjs/common';
import { Customer, Prisma } from '@prisma/client';
import { PrismaService } from '../database/prisma.service';
import { BulkCustomer } from './dto/customer.dto';

export interface UpsertCounts {
  created: number;
  updated: number;
}

@Injectable()
export class CustomerRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Raw SQL on purpose: one statement upserts thousands of customers (jsonb_to_recordset + ON CONFLICT),
   * instead of one round trip per row. `xmax = 0` tells an inserted row from an updated one.
   */
  async upsertMany(customers: BulkCustomer[]): Promise<UpsertCounts> {
    const rows = customers.map((c) => ({
      external_id: c.externalId,
      email: c.email ?? null,
      phone: c.phone ?? null,
      name: c.name ?? null,
      locale: c.locale ?? 'en',
      timezone: c.timezone ?? 'UTC',
      attributes: c.attributes ?? {},
      tags: c.tags ?? [],
    }));
    const result = await this.prisma.$queryRaw<{ inserted: boolean; n: bigint }[]>`
      WITH up AS (
        INSERT INTO customer (external_id, email, phone, name, locale, timezone, attributes, tags, updated_at)
        SELECT x.external_id, x.email, x.phone, x.name, x.locale, x.timezone, x.attributes, x.tags, now()
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          AS x(external_id text, email text, phone text, name text, locale text, timezone text, attributes jsonb, tags text[])
        ON CONFLICT (external_id) DO UPDATE SET
          email = EXCLUDED.email, phone = EXCLUDED.phone, name = EXCLUDED.name, locale = EXCLUDED.locale,
          timezone = EXCLUDED.timezone, attributes = EXCLUDED.attributes, tags = EXCLUDED.tags, updated_at = now()
        RETURNING (xmax = 0) AS inserted
      )
      SELECT inserted, count(*) AS n FROM up GROUP BY inserted`;
    const count = (inserted: boolean) => Number(result.find((r) => r.inserted === inserted)?.n ?? 0);
    return { created: count(true), updated: count(false) };
  }

  /**
   * Erasure: personal data goes (name, email, phone, attributes, tags, and the externalId, replaced by
   * `erased:<uuid>`); the row and its notifications stay, with recipients and provider messages blanked, so
   * reach counts stay true. Suppressions and bounce evidence (they can quote the address) are removed, feedback
   * comments blanked, and the notice link expired.
   */
  async erase(externalId: string, audit: (tx: Prisma.TransactionClient, customerId: string, notifications: number) => Promise<void>): Promise<{ customerId: string; notifications: number } | null> {
    return this.prisma.$transaction(async (tx) => {
      const [c] = await tx.$queryRaw<{ id: string }[]>`
        UPDATE customer SET email = NULL, phone = NULL, name = NULL, attributes = '{}', tags = '{}',
               external_id = 'erased:' || id::text, erased_at = now(), updated_at = now()
        WHERE external_id = ${externalId} AND erased_at IS NULL
        RETURNING id`;
      if (!c) return null;
      const notifications = await tx.$executeRaw`
        UPDATE notification SET recipient = '', last_error = CASE WHEN last_error IS NULL THEN NULL ELSE '(redacted: customer erased)' END,
               updated_at = now()
        WHERE customer_id = ${c.id}::uuid`;
      await tx.$executeRaw`DELETE FROM suppression WHERE customer_id = ${c.id}::uuid`;
      // bounce evidence quotes the address, and a feedback comment is the customer's own words: both go.
      // The scores, opened/acknowledged times and the counters stay, so reports stay true.
      await tx.$executeRaw`DELETE FROM delivery_event WHERE customer_id = ${c.id}::uuid`;
      await tx.$executeRaw`UPDATE notice_feedback SET comment = NULL WHERE customer_id = ${c.id}::uuid AND comment IS NOT NULL`;
      // contact-centre notes and free-text reasons (and notice-page questions) are their words too: blanked, the contacts counted still
      await tx.$executeRaw`UPDATE contact SET note = NULL, reason_other = CASE WHEN reason_other IS NULL THEN NULL ELSE '(erased)' END WHERE customer_id = ${c.id}::uuid`;
      // the personal notice link stops working (same 404 as an unknown token)
      await tx.$executeRaw`UPDATE notice_page SET expires_at = least(expires_at, now()) WHERE customer_id = ${c.id}::uuid`;
      await audit(tx, c.id, notifications);
      return { customerId: c.id, notifications };
    });
  }

  findByExternalId(externalId: string): Promise<Customer | null> {
    return this.prisma.customer.findUnique({ where: { externalId } });
  }

  list(cursor: string | undefined, limit: number): Promise<Customer[]> {
    return this.prisma.customer.findMany({
      where: { erasedAt: null, ...(cursor ? { externalId: { gt: cursor } } : {}) },
      orderBy: { externalId: 'asc' },
      take: limit,
    });
  }
}
