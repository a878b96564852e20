import { Injectable } from '@nestjs/common';
import { ContactChannel, Prisma } from '@prisma/client';
import { PrismaService } from '../database/prisma.service';

export interface ContactRow {
  id: string;
  external_id: string;
  channel: ContactChannel;
  reason_key: string | null;
  reason_label: string | null;
  reason_other: string | null;
  note: string | null;
  resolved: boolean;
  actor_id: string | null;
  actor_name: string | null;
  at: Date;
  incident_ids: string[];
}

export interface NewContact {
  customerId: string;
  channel: ContactChannel;
  reasonId: string | null;
  reasonOther: string | null;
  note: string | null;
  resolved: boolean;
  actorId: string | null;
  actorName: string | null;
  at: Date;
  incidentIds: string[];
}

export interface ContactFilter {
  channel?: ContactChannel;
  /** a reason key, or 'other' for contacts without a list reason */
  reason?: string;
  resolved?: boolean;
  from?: Date;
  to?: Date;
}

const ENDED_STATES = Prisma.raw(`('closed', 'cancelled')`);

// one shape for every listing: the reason's current label and the incidents, per contact
const SELECT_CONTACT = Prisma.sql`
  SELECT c.id, cu.external_id, c.channel, r.key AS reason_key, r.label AS reason_label, c.reason_other, c.note, c.resolved,
         c.actor_id, c.actor_name, c.at,
         coalesce((SELECT array_agg(ci.incident_id::text ORDER BY ci.incident_id) FROM contact_incident ci WHERE ci.contact_id = c.id), '{}') AS incident_ids
  FROM contact c JOIN customer cu ON cu.id = c.customer_id LEFT JOIN contact_reason r ON r.id = c.reason_id`;

/** Contacts, the incidents they relate to, and the figures of an incident's contacts. */
@Injectable()
export class ContactRepository {
  constructor(private readonly prisma: PrismaService) {}

  findCustomer(externalId: string): Promise<{ id: string; externalId: string } | null> {
    return this.prisma.customer.findFirst({ where: { externalId, erasedAt: null }, select: { id: true, externalId: true } });
  }

  /** The incidents touching a customer that are not over: what a contact is about unless it says otherwise. */
  async openIncidentsOf(customerId: string): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT i.id FROM affected_customer ac JOIN incident i ON i.id = ac.incident_id
      WHERE ac.customer_id = ${customerId}::uuid AND i.state::text NOT IN ${ENDED_STATES}
      ORDER BY i.declared_at DESC`;
    return rows.map((r) => r.id);
  }

  async existingIncidents(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.prisma.incident.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  incident(id: string): Promise<{ id: string; declaredAt: Date } | null> {
    return this.prisma.incident.findUnique({ where: { id }, select: { id: true, declaredAt: true } });
  }

  /** The contact and its incident links in one transaction; `after` (the audit row) joins it. */
  async create(c: NewContact, after: (tx: Prisma.TransactionClient, id: string) => Promise<void>): Promise<string> {
    return this.prisma.$transaction(async (tx) => {
      const { id } = await tx.contact.create({
        data: { customerId: c.customerId, channel: c.channel, reasonId: c.reasonId, reasonOther: c.reasonOther, note: c.note, resolved: c.resolved, actorId: c.actorId, actorName: c.actorName, at: c.at },
        select: { id: true },
      });
      if (c.incidentIds.length) await tx.contactIncident.createMany({ data: c.incidentIds.map((incidentId) => ({ contactId: id, incidentId, at: c.at })) });
      await after(tx, id);
      return id;
    });
  }

  async get(id: string): Promise<ContactRow | null> {
    const [row] = await this.prisma.$queryRaw<ContactRow[]>`${SELECT_CONTACT} WHERE c.id = ${id}::uuid`;
    return row ?? null;
  }

  /** A customer's latest contacts, newest first (what an agent reads before answering). */
  recentOf(customerId: string, limit: number): Promise<ContactRow[]> {
    return this.prisma.$queryRaw<ContactRow[]>`${SELECT_CONTACT} WHERE c.customer_id = ${customerId}::uuid ORDER BY c.at DESC, c.id DESC LIMIT ${limit}`;
  }

  /** An incident's contacts, newest first; keyset on (at, id) through the contact_incident index. */
  forIncident(incidentId: string, f: ContactFilter, after: { at: Date; id: string } | null, limit: number): Promise<ContactRow[]> {
    const conditions: Prisma.Sql[] = [Prisma.sql`c.id IN (SELECT contact_id FROM contact_incident WHERE incident_id = ${incidentId}::uuid)`];
    if (f.channel) conditions.push(Prisma.sql`c.channel = ${f.channel}::"ContactChannel"`);
    if (f.reason === 'other') conditions.push(Prisma.sql`c.reason_id IS NULL`);
    else if (f.reason) conditions.push(Prisma.sql`r.key = ${f.reason}`);
    if (f.resolved !== undefined) conditions.push(Prisma.sql`c.resolved = ${f.resolved}`);
    if (f.from) conditions.push(Prisma.sql`c.at >= ${f.from}`);
    if (f.to) conditions.push(Prisma.sql`c.at < ${f.to}`);
    if (after) conditions.push(Prisma.sql`(c.at, c.id) < (${after.at}, ${after.id}::uuid)`);
    return this.prisma.$queryRaw<ContactRow[]>`${SELECT_CONTACT} WHERE ${Prisma.join(conditions, ' AND ')} ORDER BY c.at DESC, c.id DESC LIMIT ${limit}`;
  }

  /** Contacts per bucket (UTC), every bucket from `from` to `to` included, zeros too. */
  async overTime(incidentId: string, bucket: 'hour' | 'day', from: Date, to: Date): Promise<{ start: Date; contacts: number }[]> {
    const unit = Prisma.raw(`'${bucket}'`);
    const step = Prisma.raw(`'1 ${bucket}'`);
    const rows = await this.prisma.$queryRaw<{ start: Date; contacts: number }[]>`
      WITH buckets AS (
        SELECT generate_series(date_trunc(${unit}, ${from}::timestamptz AT TIME ZONE 'UTC'), date_trunc(${unit}, ${to}::timestamptz AT TIME ZONE 'UTC'), ${step}::interval) AS b),
      counted AS (
        SELECT date_trunc(${unit}, at AT TIME ZONE 'UTC') AS b, count(*)::int AS n FROM contact_incident WHERE incident_id = ${incidentId}::uuid GROUP BY 1)
      SELECT (buckets.b AT TIME ZONE 'UTC') AS start, coalesce(counted.n, 0)::int AS contacts
      FROM buckets LEFT JOIN counted ON counted.b = buckets.b ORDER BY buckets.b`;
    return rows;
  }

  async firstAndLast(incidentId: string): Promise<{ first: Date | null; last: Date | null }> {
    const [r] = await this.prisma.$queryRaw<{ first: Date | null; last: Date | null }[]>`
      SELECT min(at) AS first, max(at) AS last FROM contact_incident WHERE incident_id = ${incidentId}::uuid`;
    return r ?? { first: null, last: null };
  }

  /** Totals, per channel and per reason ('other' together), and how many customers got in touch. */
  async figures(incidentId: string): Promise<{ total: number; customers: number; channels: { channel: string; n: number }[]; reasons: { key: string | null; label: string | null; n: number }[] }> {
    const [totals, channels, reasons] = await Promise.all([
      this.prisma.$queryRaw<{ total: number; customers: number }[]>`
        SELECT count(*)::int AS total, count(DISTINCT c.customer_id)::int AS customers
        FROM contact_incident ci JOIN contact c ON c.id = ci.contact_id WHERE ci.incident_id = ${incidentId}::uuid`,
      this.prisma.$queryRaw<{ channel: string; n: number }[]>`
        SELECT c.channel::text AS channel, count(*)::int AS n
        FROM contact_incident ci JOIN contact c ON c.id = ci.contact_id WHERE ci.incident_id = ${incidentId}::uuid GROUP BY 1`,
      this.prisma.$queryRaw<{ key: string | null; label: string | null; n: number }[]>`
        SELECT r.key, r.label, count(*)::int AS n
        FROM contact_incident ci JOIN contact c ON c.id = ci.contact_id LEFT JOIN contact_reason r ON r.id = c.reason_id
        WHERE ci.incident_id = ${incidentId}::uuid GROUP BY r.key, r.label ORDER BY n DESC, r.key NULLS LAST`,
    ]);
    return { total: totals[0]?.total ?? 0, customers: totals[0]?.customers ?? 0, channels, reasons };
  }
}
