import { Injectable } from '@nestjs/common';
import { Customer } from '@prisma/client';
import { AppException } from '../common/errors/app.exception';
import { CustomerRepository, UpsertCounts } from './customer.repository';
import { BulkCustomer } from './dto/customer.dto';

export interface CustomerView {
  externalId: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  locale: string;
  timezone: string;
  attributes: unknown;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
}

export const toCustomerView = (c: Customer): CustomerView => ({
  externalId: c.externalId,
  email: c.email,
  phone: c.phone,
  name: c.name,
  locale: c.locale,
  timezone: c.timezone,
  attributes: c.attributes,
  tags: c.tags,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

@Injectable()
export class CustomersService {
  constructor(private readonly customers: CustomerRepository) {}

  async upsertOne(customer: BulkCustomer): Promise<{ created: boolean; customer: CustomerView }> {
    const counts = await this.customers.upsertMany([customer]);
    return { created: counts.created === 1, customer: await this.get(customer.externalId) };
  }

  upsertMany(customers: BulkCustomer[]): Promise<UpsertCounts> {
    return this.customers.upsertMany(customers);
  }

  async get(externalId: string): Promise<CustomerView> {
    const c = await this.customers.findByExternalId(externalId);
    if (!c) throw AppException.notFound('Customer', externalId);
    return toCustomerView(c);
  }

  async list(cursor: string | undefined, limit: number): Promise<{ items: CustomerView[]; nextCursor: string | null }> {
    const rows = await this.customers.list(cursor, limit);
    return { items: rows.map(toCustomerView), nextCursor: rows.length === limit ? rows[rows.length - 1].externalId : null };
  }
}
