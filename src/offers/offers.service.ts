import { Injectable, Logger } from '@nestjs/common';
import { Offer, Prisma } from '@prisma/client';
import { stringify } from 'csv-stringify';
import type { Readable, Writable } from 'node:stream';
import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../auth/role';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { neutralise } from '../incidents/reach/unreached-export';
import { OfferCodes } from './offer-codes.service';
import { CODE_BATCH, CodeRowError, MAX_REPORTED_CODE_ERRORS, readCodes } from './offer-file.util';
import { OfferRepository, PoolStats } from './offer.repository';
import { PutOfferInput } from './dto/offer.dto';

/** What templates print as {{offer.*}}: the customer's own code, the same in every message and on their page. */
export interface OfferVariables {
  title: string;
  terms: string;
  code: string | null;
  url: string | null;
  expiresAt: string | null;
}

/**
 * Remedy offers: definition, code pools (upload, low-pool warning, export), each customer's code, claims.
 * Codes are decrypted only where they are shown (a message, the customer's page, the export) and never logged.
 */
@Injectable()
export class OffersService {
  private readonly logger = new Logger(OffersService.name);

  constructor(
    private readonly offers: OfferRepository,
    private readonly codes: OfferCodes,
    private readonly audit: AuditRepository,
  ) {}

  async put(key: string, input: PutOfferInput, actor: Actor) {
    const existing = await this.offers.findByKey(key);
    if (existing && !!existing.sharedCodeEnc !== !!input.sharedCode && (await this.offers.poolStats([existing.id])).get(existing.id)!.total > 0) {
      throw new AppException(ErrorCode.Conflict, `Offer '${key}' already has a pool of codes: it cannot become a shared-code offer`);
    }
    const data = { title: input.title, terms: input.terms, url: input.url ?? null, expiresAt: input.expiresAt ? new Date(input.expiresAt) : null, lowWatermark: input.lowWatermark };
    let offer = await this.offers.upsert(key, { ...data, sharedCodeEnc: null });
    // the shared code is sealed with the offer's id as associated data, so it needs the row first
    if (input.sharedCode) offer = await this.offers.upsert(key, { ...data, sharedCodeEnc: new Uint8Array(this.codes.seal(offer.id, input.sharedCode).enc) });
    await this.audit.record({
      actorId: actor.id,
      actorName: actor.name,
      action: existing ? 'offer.updated' : 'offer.created',
      entityType: 'offer',
      entityId: offer.id,
      data: { key, title: input.title, shared: !!input.sharedCode, expiresAt: input.expiresAt ?? null } as Prisma.InputJsonValue,
    });
    return this.view(offer);
  }

  async get(key: string) {
    return this.view(await this.require(key));
  }

  async list(after: string | null, limit: number) {
    const rows = await this.offers.list(after, limit + 1);
    const page = rows.slice(0, limit);
    const stats = await this.offers.poolStats(page.map((o) => o.id));
    return { items: page.map((o) => this.viewWith(o, stats.get(o.id)!)), nextCursor: rows.length > limit ? page[page.length - 1].key : null };
  }

  /** A file of codes (CSV or one per line), streamed in batches: encrypted, hashed, duplicates skipped. Audited without the codes. */
  async upload(key: string, body: Readable, actor: Actor, csv = true) {
    const offer = await this.require(key);
    if (offer.sharedCodeEnc) throw new AppException(ErrorCode.Conflict, `Offer '${key}' has one shared code; a pool of codes cannot be added to it`);
    let rowsRead = 0;
    let added = 0;
    let rejected = 0;
    const errors: CodeRowError[] = [];
    try {
      for await (const batch of readCodes(body, csv)) {
        rowsRead += batch.codes.length + batch.errors.length;
        rejected += batch.errors.length;
        errors.push(...batch.errors.slice(0, Math.max(0, MAX_REPORTED_CODE_ERRORS - errors.length)));
        added += await this.offers.addCodes(offer.id, batch.codes.map((c) => this.codes.seal(offer.id, c)));
      }
    } catch (e) {
      if (e instanceof AppException) throw e;
      throw new AppException(ErrorCode.ValidationFailed, `The file could not be read after row ${rowsRead}: ${(e as Error).message}; ${added} codes were added`, { rowsRead, added });
    }
    if (rowsRead > 0 && added === 0 && rejected === rowsRead) throw new AppException(ErrorCode.ImportInvalid, 'No row of the file is a code', errors);
    await this.audit.record({ actorId: actor.id, actorName: actor.name, action: 'offer.codes_uploaded', entityType: 'offer', entityId: offer.id, data: { key, rowsRead, added, rejected } });
    const stats = (await this.offers.poolStats([offer.id])).get(offer.id)!;
    return { offer: key, rowsRead, added, duplicates: rowsRead - rejected - added, rejected, errors, pool: this.poolView(offer, stats) };
  }

  /** Every assignment of the offer as CSV (formula-safe cells), streamed in keyset pages. Audited. */
  async exportAssignments(key: string, out: Writable & { setHeader(name: string, value: string): unknown }, actor: Actor): Promise<number> {
    const offer = await this.require(key);
    out.setHeader('Content-Type', 'text/csv; charset=utf-8');
    out.setHeader('Content-Disposition', `attachment; filename="offer-${key}-assignments.csv"`);
    out.setHeader('Cache-Control', 'no-store');
    await this.audit.record({ actorId: actor.id, actorName: actor.name, action: 'offer.assignments_exported', entityType: 'offer', entityId: offer.id, data: { key } });
    const csv = stringify({ header: true, columns: ['externalId', 'email', 'incidentId', 'code', 'assignedAt', 'claimedAt'] });
    csv.pipe(out);
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const rows = await this.offers.assignments(offer.id, after, 5000);
      for (const r of rows) {
        const code = r.codeEnc ? this.codes.open(offer.id, r.codeEnc) : offer.sharedCodeEnc ? this.codes.open(offer.id, Buffer.from(offer.sharedCodeEnc)) : '';
        const ok = csv.write([neutralise(r.externalId), neutralise(r.email), r.incidentId, neutralise(code), r.assignedAt.toISOString(), r.claimedAt?.toISOString() ?? '']);
        if (!ok) await new Promise((res) => csv.once('drain', res));
      }
      total += rows.length;
      if (rows.length < 5000) break;
      after = rows[rows.length - 1].customerId;
    }
    await new Promise<void>((resolve) => {
      csv.end();
      out.once('finish', resolve);
      out.once('close', resolve);
    });
    return total;
  }

  /** Offer keys (a runbook's steps, a declaration) to offers; an unknown key is refused with the keys. */
  async resolveKeys(keys: string[]): Promise<Map<string, Offer>> {
    const wanted = [...new Set(keys)];
    if (!wanted.length) return new Map();
    const found = new Map((await this.offers.findManyByKeys(wanted)).map((o) => [o.key, o]));
    const unknown = wanted.filter((k) => !found.has(k));
    if (unknown.length) throw new AppException(ErrorCode.ValidationFailed, `Unknown offer(s): ${unknown.join(', ')} (PUT /api/v1/offers/{key} first)`, unknown.map((k) => ({ path: 'offer', message: `no offer '${k}'` })));
    return found;
  }

  /** The offers these incident steps carry (steps that will not send anything more carry none that matters). */
  async ofSteps(steps: { offerId: string | null; state: string }[]): Promise<Offer[]> {
    const ids = [...new Set(steps.filter((s) => s.offerId && !['skipped', 'cancelled'].includes(s.state)).map((s) => s.offerId as string))];
    return ids.length ? this.offers.findManyByIds(ids) : [];
  }

  /**
   * Refuses (rolling back the caller's transaction) when a pool offer of the incident has fewer free codes
   * than its affected customers without one: at declare and at every late addition, never half-way.
   */
  async assertPoolsCover(tx: Prisma.TransactionClient, incidentId: string, offers: Offer[]): Promise<void> {
    const pools = offers.filter((o) => !o.sharedCodeEnc);
    if (!pools.length) return;
    const short = await this.offers.shortfalls(tx, incidentId, pools);
    if (short.length) {
      const s = short[0];
      throw new AppException(
        ErrorCode.OfferPoolExhausted,
        `Offer '${s.offer}' has ${s.available} free code(s) for ${s.needed} customer(s) who need one; upload at least ${s.needed - s.available} more (POST /api/v1/offers/${s.offer}/codes). Nothing was changed`,
        short,
      );
    }
  }

  /**
   * The {{offer.*}} variables of each of these customers for the step's offer: codes are assigned here,
   * once (idempotent, set-based: see OfferRepository.assignPool), then read back, so a resend, a reminder
   * or a fallback channel carries the same code. A customer the pool could not serve is absent from the map.
   */
  async variablesFor(offerId: string, incidentId: string, customerIds: string[]): Promise<Map<string, OfferVariables>> {
    const offer = await this.offers.findById(offerId);
    if (!offer || !customerIds.length) return new Map();
    if (offer.sharedCodeEnc) await this.offers.assignShared(offer.id, incidentId, customerIds);
    else await this.offers.assignPool(offer.id, incidentId, customerIds);
    const codes = await this.offers.codesOf(offer.id, customerIds);
    const shared = offer.sharedCodeEnc ? this.codes.open(offer.id, Buffer.from(offer.sharedCodeEnc)) : null;
    const out = new Map<string, OfferVariables>();
    for (const [customerId, enc] of codes) {
      const code = enc ? this.codes.open(offer.id, enc) : shared;
      if (code) out.set(customerId, this.variables(offer, code));
    }
    return out;
  }

  /** The offers of an incident as one customer sees them on their notice page (with their code once assigned). */
  async forNoticePage(incidentId: string, customerId: string) {
    const rows = await this.offers.ofCustomer(incidentId, customerId);
    return rows
      .filter((r) => r.assigned)
      .map((r) => {
        const code = r.codeEnc ? this.codes.open(r.id, r.codeEnc) : r.sharedCodeEnc ? this.codes.open(r.id, Buffer.from(r.sharedCodeEnc)) : null;
        return { id: r.id, key: r.key, ...this.variables(r, code), claimedAt: r.claimedAt };
      });
  }

  /** A variable map for template previews and the notice page of a customer who has no code yet. */
  variables(o: Offer, code: string | null): OfferVariables {
    return { title: o.title, terms: o.terms, code, url: o.url, expiresAt: o.expiresAt?.toISOString() ?? null };
  }

  async claim(incidentId: string, customerId: string, offerId: string, at: Date): Promise<boolean> {
    const mine = (await this.offers.ofCustomer(incidentId, customerId)).find((o) => o.id === offerId && o.assigned);
    if (!mine) return false;
    return this.offers.claim(offerId, customerId, at);
  }

  claimedCount(incidentId: string): Promise<number> {
    return this.offers.claimedCount(incidentId);
  }

  /** The agent view: a customer's offers, whether they claimed, and the end of their code (enough to confirm it, not to read it out whole). */
  async forAgent(customerId: string) {
    const rows = await this.offers.forAgent(customerId);
    return rows.map((r) => {
      const code = r.codeEnc ? this.codes.open(r.offerId, r.codeEnc) : null;
      return { offer: r.key, title: r.title, incidentId: r.incidentId, expiresAt: r.expiresAt, assignedAt: r.assignedAt, claimed: !!r.claimedAt, claimedAt: r.claimedAt, codeEnding: code ? code.slice(-4) : null };
    });
  }

  private async require(key: string): Promise<Offer> {
    const offer = await this.offers.findByKey(key);
    if (!offer) throw AppException.notFound('Offer', key);
    return offer;
  }

  private async view(o: Offer) {
    return this.viewWith(o, (await this.offers.poolStats([o.id])).get(o.id)!);
  }

  private viewWith(o: Offer, stats: PoolStats) {
    const pool = o.sharedCodeEnc ? null : this.poolView(o, stats);
    return {
      key: o.key,
      title: o.title,
      terms: o.terms,
      url: o.url,
      expiresAt: o.expiresAt,
      kind: o.sharedCodeEnc ? 'shared' : 'pool',
      pool,
      warning: pool?.low ? `The pool is running low: ${pool.free} free code(s) left (warning below ${o.lowWatermark}); upload more before the next incident or late addition` : null,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    };
  }

  private poolView(o: Offer, s: PoolStats) {
    return { ...s, lowWatermark: o.lowWatermark, low: s.free < o.lowWatermark };
  }
}
