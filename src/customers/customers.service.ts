import { Injectable } from '@nestjs/common';
import { Customer } from '@prisma/client';
import { AudienceFilter } from '../audiences/audience-filter';
import { AudienceRepository } from '../audiences/audience.repository';
import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../auth/role';
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
  constructor(
    private readonly customers: CustomerRepository,
    private readonly audiences: AudienceRepository,
    private readonly audit: AuditRepository,
  ) {}

  async upsertOne(customer: BulkCustomer): Promise<{ created: boolean; customer: CustomerView }> {
    const counts = await this.customers.upsertMany([customer]);
    const row = await this.customers.findByExternalId(customer.externalId);
    if (!row || row.erasedAt) throw AppException.notFound('Customer', customer.externalId);
    // the internal id only: the externalId and the fields are personal data (the caller and address come from the request)
    await this.audit.record({ action: counts.created === 1 ? 'customer.created' : 'customer.updated', entityType: 'customer', entityId: row.id, data: { fields: Object.keys(customer).filter((k) => k !== 'externalId').sort() } });
    return { created: counts.created === 1, customer: toCustomerView(row) };
  }

  async upsertMany(customers: BulkCustomer[]): Promise<UpsertCounts> {
    const counts = await this.customers.upsertMany(customers);
    await this.audit.record({ action: 'customers.bulk_upserted', entityType: 'customer', entityId: 'bulk', data: { ...counts } });
    return counts;
  }

  async erase(externalId: string, actor: Actor): Promise<{ erased: true; notificationsAnonymised: number }> {
    const r = await this.customers.erase(externalId, (tx, customerId, notifications) =>
      this.audit.record(
        // the audit keeps the internal id only: the externalId is personal data too
        { actorId: actor.id, actorName: actor.name, action: 'customer.erased', entityType: 'customer', entityId: customerId, data: { notificationsAnonymised: notifications } },
        tx,
      ),
    );
    if (!r) throw AppException.notFound('Customer', externalId);
    return { erased: true, notificationsAnonymised: r.notifications };
  }

  async get(externalId: string): Promise<CustomerView> {
    const c = await this.customers.findByExternalId(externalId);
    if (!c || c.erasedAt) throw AppException.notFound('Customer', externalId);
    return toCustomerView(c);
  }

  async list(cursor: string | undefined, limit: number, filter?: AudienceFilter): Promise<{ items: CustomerView[]; nextCursor: string | null }> {
    const rows = filter ? await this.audiences.list(filter, cursor, limit) : await this.customers.list(cursor, limit);
    return { items: rows.map(toCustomerView), nextCursor: rows.length === limit ? rows[rows.length - 1].externalId : null };
  }
}
