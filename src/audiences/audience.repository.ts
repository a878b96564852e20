import { Injectable } from '@nestjs/common';
import { Customer, Prisma } from '@prisma/client';
import { PrismaService } from '../database/prisma.service';
import { AudienceFilter, filterToSql } from './audience-filter';

/** Customers matched by an audience filter (erased customers never match). Raw SQL: the filter compiles to SQL. */
@Injectable()
export class AudienceRepository {
  constructor(private readonly prisma: PrismaService) {}

  async count(filter: AudienceFilter): Promise<number> {
    const [r] = await this.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM customer c WHERE c.erased_at IS NULL AND ${filterToSql(filter)}`;
    return Number(r.n);
  }

  list(filter: AudienceFilter, cursor: string | undefined, limit: number): Promise<Customer[]> {
    const after = cursor ? Prisma.sql`AND c.external_id > ${cursor}` : Prisma.empty;
    return this.prisma.$queryRaw<Customer[]>`
      SELECT c.id, c.external_id AS "externalId", c.email, c.phone, c.name, c.locale, c.timezone, c.attributes, c.tags,
             c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.erased_at AS "erasedAt"
      FROM customer c WHERE c.erased_at IS NULL AND ${filterToSql(filter)} ${after}
      ORDER BY c.external_id LIMIT ${limit}`;
  }
}
