import { Injectable } from '@nestjs/common';
import { Customer } from '@prisma/client';
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

  findByExternalId(externalId: string): Promise<Customer | null> {
    return this.prisma.customer.findUnique({ where: { externalId } });
  }

  list(cursor: string | undefined, limit: number): Promise<Customer[]> {
    return this.prisma.customer.findMany({
      where: cursor ? { externalId: { gt: cursor } } : undefined,
      orderBy: { externalId: 'asc' },
      take: limit,
    });
  }
}
