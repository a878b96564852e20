import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';

export interface CustomerMatch {
  external_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
}

/** Agent lookup: an exact externalId, or an exact email whatever its case (index on lower(email)). */
@Injectable()
export class CustomerSearchRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(q: string, limit: number): Promise<CustomerMatch[]> {
    return this.prisma.$queryRaw<CustomerMatch[]>`
      SELECT external_id, name, email, phone FROM customer
      WHERE erased_at IS NULL AND (external_id = ${q} OR lower(email) = lower(${q}))
      ORDER BY external_id LIMIT ${limit}`;
  }
}
