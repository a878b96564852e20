import { Injectable } from '@nestjs/common';
import { Offer, Prisma } from '@prisma/client';
import { CLAIMED_SQL } from '../common/reach-definition';
import { PrismaService } from '../database/prisma.service';

type Db = Prisma.TransactionClient | PrismaService;

/** Raw queries read bytea as base64 text: the driver adapter cannot hand bytea columns of a raw query back. */
const fromBase64 = (v: string | null): Buffer | null => (v === null ? null : Buffer.from(v, 'base64'));

export interface PoolStats {
  total: number;
  assigned: number;
  free: number;
}

export interface Shortfall {
  offer: string;
  needed: number;
  available: number;
}

export interface AssignmentRow {
  customerId: string;
  externalId: string;
  email: string | null;
  incidentId: string;
  codeEnc: Buffer | null;
  assignedAt: Date;
  claimedAt: Date | null;
}

/**
 * Offers, their code pools and who has which code. The assignment and the pool checks are set-based SQL
 * (one statement per batch of customers, never one per customer), kept raw here with the reason beside each.
 */
@Injectable()
export class OfferRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByKey(key: string): Promise<Offer | null> {
    return this.prisma.offer.findUnique({ where: { key } });
  }

  findById(id: string): Promise<Offer | null> {
    return this.prisma.offer.findUnique({ where: { id } });
  }

  findManyByIds(ids: string[]): Promise<Offer[]> {
    return this.prisma.offer.findMany({ where: { id: { in: ids } } });
  }

  findManyByKeys(keys: string[]): Promise<Offer[]> {
    return this.prisma.offer.findMany({ where: { key: { in: keys } } });
  }

  list(after: string | null, limit: number): Promise<Offer[]> {
    return this.prisma.offer.findMany({ where: after ? { key: { gt: after } } : {}, orderBy: { key: 'asc' }, take: limit });
  }

  upsert(key: string, data: Omit<Prisma.OfferCreateInput, 'key'>, db: Db = this.prisma): Promise<Offer> {
    return db.offer.upsert({ where: { key }, create: { key, ...data }, update: data });
  }

  /** Adds codes (already encrypted and hashed); a code already in the pool is skipped. Returns how many were new. */
  async addCodes(offerId: string, codes: { enc: Buffer; hash: Buffer }[]): Promise<number> {
    if (!codes.length) return 0;
    // one statement per batch of the upload (unnest), not one insert per code
    return this.prisma.$executeRaw`
      INSERT INTO offer_code (offer_id, code_enc, code_hash)
      SELECT ${offerId}::uuid, e, h FROM unnest(${codes.map((c) => c.enc)}::bytea[], ${codes.map((c) => c.hash)}::bytea[]) AS x(e, h)
      ON CONFLICT (offer_id, code_hash) DO NOTHING`;
  }

  async poolStats(offerIds: string[]): Promise<Map<string, PoolStats>> {
    const rows = await this.prisma.$queryRaw<{ offer_id: string; total: bigint; free: bigint }[]>`
      SELECT offer_id::text, count(*) AS total, count(*) FILTER (WHERE assigned_at IS NULL) AS free
      FROM offer_code WHERE offer_id = ANY(${offerIds}::uuid[]) GROUP BY offer_id`;
    const out = new Map<string, PoolStats>(offerIds.map((id) => [id, { total: 0, assigned: 0, free: 0 }]));
    for (const r of rows) out.set(r.offer_id, { total: Number(r.total), free: Number(r.free), assigned: Number(r.total) - Number(r.free) });
    return out;
  }

  /**
   * For each pool offer: the incident's affected customers who have no code of it yet, against the free
   * codes. Run inside the transaction that adds affected customers (declare, late additions), so a pool
   * too small is refused before anything is sent.
   */
  async shortfalls(db: Db, incidentId: string, offers: { id: string; key: string }[]): Promise<Shortfall[]> {
    const out: Shortfall[] = [];
    for (const o of offers) {
      const [r] = await db.$queryRaw<{ needed: bigint; available: bigint }[]>`
        SELECT (SELECT count(*) FROM affected_customer a WHERE a.incident_id = ${incidentId}::uuid
                  AND NOT EXISTS (SELECT 1 FROM offer_assignment x WHERE x.offer_id = ${o.id}::uuid AND x.customer_id = a.customer_id)) AS needed,
               (SELECT count(*) FROM offer_code c WHERE c.offer_id = ${o.id}::uuid AND c.assigned_at IS NULL) AS available`;
      if (r.needed > r.available) out.push({ offer: o.key, needed: Number(r.needed), available: Number(r.available) });
    }
    return out;
  }

  /**
   * Gives each of these customers one code of the pool, once: customers who already have one keep it.
   * Idempotent and safe under any number of workers, crashes and re-queues:
   * - one transaction per offer at a time (a transaction-level advisory lock on the offer), so two workers
   *   never read the same free codes or both see a customer without a code,
   * - codes taken FOR UPDATE SKIP LOCKED and marked used in the same statement that writes the assignment,
   * - the table's keys (offer, customer) and (code) refuse a second code for a customer or a code given twice,
   * - a worker killed mid-statement rolls the whole transaction back: nothing half-assigned remains.
   * Returns how many codes were given now.
   */
  async assignPool(offerId: string, incidentId: string, customerIds: string[]): Promise<number> {
    if (!customerIds.length) return 0;
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${'tocsin-offer:' + offerId}, 0))`;
      return tx.$executeRaw`
        WITH need AS (
          SELECT c AS customer_id, row_number() OVER (ORDER BY c) AS rn
          FROM (SELECT DISTINCT c FROM unnest(${customerIds}::uuid[]) AS c) d
          WHERE NOT EXISTS (SELECT 1 FROM offer_assignment a WHERE a.offer_id = ${offerId}::uuid AND a.customer_id = d.c)),
        picked AS (
          SELECT id, row_number() OVER (ORDER BY id) AS rn FROM (
            SELECT id FROM offer_code WHERE offer_id = ${offerId}::uuid AND assigned_at IS NULL
            ORDER BY id LIMIT (SELECT count(*) FROM need) FOR UPDATE SKIP LOCKED) f),
        pairs AS (SELECT n.customer_id, p.id AS code_id FROM need n JOIN picked p USING (rn)),
        used AS (UPDATE offer_code SET assigned_at = now() FROM pairs WHERE offer_code.id = pairs.code_id RETURNING offer_code.id)
        INSERT INTO offer_assignment (offer_id, customer_id, code_id, incident_id)
        SELECT ${offerId}::uuid, customer_id, code_id, ${incidentId}::uuid FROM pairs
        ON CONFLICT (offer_id, customer_id) DO NOTHING`;
    });
  }

  /** A shared-code offer: one row per customer (for claims), no code of their own. */
  assignShared(offerId: string, incidentId: string, customerIds: string[]): Promise<number> {
    if (!customerIds.length) return Promise.resolve(0);
    return this.prisma.$executeRaw`
      INSERT INTO offer_assignment (offer_id, customer_id, incident_id)
      SELECT DISTINCT ${offerId}::uuid, c, ${incidentId}::uuid FROM unnest(${customerIds}::uuid[]) AS c
      ON CONFLICT (offer_id, customer_id) DO NOTHING`;
  }

  /** The encrypted code of each of these customers (null for a shared-code offer); absent: none assigned. */
  async codesOf(offerId: string, customerIds: string[]): Promise<Map<string, Buffer | null>> {
    if (!customerIds.length) return new Map();
    const rows = await this.prisma.$queryRaw<{ customer_id: string; code_enc: string | null }[]>`
      SELECT a.customer_id::text, encode(c.code_enc, 'base64') AS code_enc FROM offer_assignment a LEFT JOIN offer_code c ON c.id = a.code_id
      WHERE a.offer_id = ${offerId}::uuid AND a.customer_id = ANY(${customerIds}::uuid[])`;
    return new Map(rows.map((r) => [r.customer_id, fromBase64(r.code_enc)]));
  }

  /** The offers of an incident (its own and its steps'), with this customer's assignment of each. */
  async ofCustomer(incidentId: string, customerId: string): Promise<(Offer & { codeEnc: Buffer | null; assigned: boolean; claimedAt: Date | null })[]> {
    const rows = await this.prisma.$queryRaw<{ id: string; code_enc: string | null; assigned: boolean; claimed_at: Date | null }[]>`
      SELECT o.id::text, encode(c.code_enc, 'base64') AS code_enc, a.customer_id IS NOT NULL AS assigned, a.claimed_at
      FROM offer o
      LEFT JOIN offer_assignment a ON a.offer_id = o.id AND a.customer_id = ${customerId}::uuid
      LEFT JOIN offer_code c ON c.id = a.code_id
      WHERE o.id IN (SELECT offer_id FROM incident WHERE id = ${incidentId}::uuid AND offer_id IS NOT NULL
                     UNION SELECT offer_id FROM incident_step WHERE incident_id = ${incidentId}::uuid AND offer_id IS NOT NULL)
      ORDER BY o.key`;
    if (!rows.length) return [];
    const offers = new Map((await this.findManyByIds(rows.map((r) => r.id))).map((o) => [o.id, o]));
    return rows.map((r) => ({ ...offers.get(r.id)!, codeEnc: fromBase64(r.code_enc), assigned: r.assigned, claimedAt: r.claimed_at }));
  }

  /** First press wins; false when the customer has no assignment of this offer or already claimed it. */
  async claim(offerId: string, customerId: string, at: Date): Promise<boolean> {
    const n = await this.prisma.offerAssignment.updateMany({ where: { offerId, customerId, claimedAt: null }, data: { claimedAt: at } });
    return n.count === 1;
  }

  /** Claims counted for an incident (src/common/reach-definition.ts: the one definition of `claimed`). */
  async claimedCount(incidentId: string): Promise<number> {
    const [r] = await this.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM offer_assignment a WHERE a.incident_id = ${incidentId}::uuid AND ${CLAIMED_SQL}`;
    return Number(r.n);
  }

  /** One page of an offer's assignments, in customer id order (keyset), for the export. */
  async assignments(offerId: string, after: string | null, limit: number): Promise<AssignmentRow[]> {
    const rows = await this.prisma.$queryRaw<{ customer_id: string; external_id: string; email: string | null; incident_id: string; code_enc: string | null; assigned_at: Date; claimed_at: Date | null }[]>`
      SELECT a.customer_id::text, cu.external_id, cu.email, a.incident_id::text, encode(c.code_enc, 'base64') AS code_enc, a.assigned_at, a.claimed_at
      FROM offer_assignment a JOIN customer cu ON cu.id = a.customer_id LEFT JOIN offer_code c ON c.id = a.code_id
      WHERE a.offer_id = ${offerId}::uuid AND a.customer_id > ${after ?? '00000000-0000-0000-0000-000000000000'}::uuid
      ORDER BY a.customer_id LIMIT ${limit}`;
    return rows.map((r) => ({ customerId: r.customer_id, externalId: r.external_id, email: r.email, incidentId: r.incident_id, codeEnc: fromBase64(r.code_enc), assignedAt: r.assigned_at, claimedAt: r.claimed_at }));
  }

  /** What an agent sees: this customer's offers across incidents. */
  async forAgent(customerId: string): Promise<{ offerId: string; key: string; title: string; expiresAt: Date | null; incidentId: string; codeEnc: Buffer | null; assignedAt: Date; claimedAt: Date | null }[]> {
    const rows = await this.prisma.$queryRaw<{ offer_id: string; key: string; title: string; expires_at: Date | null; incident_id: string; code_enc: string | null; assigned_at: Date; claimed_at: Date | null }[]>`
      SELECT o.id::text AS offer_id, o.key, o.title, o.expires_at, a.incident_id::text, encode(c.code_enc, 'base64') AS code_enc, a.assigned_at, a.claimed_at
      FROM offer_assignment a JOIN offer o ON o.id = a.offer_id LEFT JOIN offer_code c ON c.id = a.code_id
      WHERE a.customer_id = ${customerId}::uuid ORDER BY a.assigned_at DESC LIMIT 50`;
    return rows.map((r) => ({ offerId: r.offer_id, key: r.key, title: r.title, expiresAt: r.expires_at, incidentId: r.incident_id, codeEnc: fromBase64(r.code_enc), assignedAt: r.assigned_at, claimedAt: r.claimed_at }));
  }
}
