// Raw SQL: a population is up to millions of rows, inserted set-based in keyset pages (INSERT … SELECT).
import { Injectable, Logger } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { AudienceFilter, filterToSql } from '../../audiences/audience-filter';
import { analyzeAffectedAfterBulk } from '../../database/analyze-after-bulk.util';
import { PrismaService } from '../../database/prisma.service';
import { keysetFrom } from '../../common/keyset.util';

/** The customers a filter selects for an incident (alias `c`): not erased, created by the declaration, matching. */
const members = (filter: AudienceFilter, until: Prisma.Sql) =>
  Prisma.sql`c.erased_at IS NULL AND c.created_at <= ${until} AND ${filterToSql(filter)}`;

/**
 * Inserts the next `limit` members after `after` in id order, added at the declaration (`until`: they are the
 * declared population, not late additions, which the reconciler looks for by added_at); answers how many
 * the page held and its last id.
 */
const insertPage = (incidentId: string, filter: AudienceFilter, after: string | null, until: Prisma.Sql, limit: number) => Prisma.sql`
  WITH page AS (
    SELECT c.id FROM customer c WHERE c.id > ${keysetFrom(after)}::uuid AND ${members(filter, until)} ORDER BY c.id LIMIT ${limit}
  ), ins AS (
    INSERT INTO affected_customer (incident_id, customer_id, added_at)
    SELECT ${incidentId}::uuid, id, ${until} FROM page ORDER BY id
    ON CONFLICT DO NOTHING
  )
  SELECT count(*) AS n, max(id::text) AS last FROM page`;

export interface FirstPage {
  /** customers inserted now */
  inserted: number;
  /** customers the filter selects in all (inserted now or to be inserted by the pages after) */
  total: number;
}

/**
 * The affected population of an incident declared with a filter, inserted in pages so that a million
 * customers do not hold the first message back: the declare's transaction inserts the first page (customer-id
 * order) and counts the rest; `complete()` inserts the rest, a page per transaction, each page taking the
 * population's row lock, so whoever runs it (the declare, a fan-out that caught up, the reconciler after a
 * crash) inserts each page once. The rows' order and ON CONFLICT DO NOTHING make a repeated page harmless.
 *
 * Who is in it: the customers the filter selected at the declaration. Customers created after it are not
 * (`until`); a customer whose attributes change during the seconds the pages take is judged as the page
 * finds them, as a late addition would be.
 */
@Injectable()
export class PopulationRepository {
  private readonly logger = new Logger(PopulationRepository.name);

  constructor(
    private readonly prisma: PrismaService,
  ) {}

  /**
   * Inside the declare's transaction: the first `limit` customers in id order, and when there are more, the
   * count of all of them and the row that says where the next page starts.
   */
  async insertFirstPage(tx: Prisma.TransactionClient, incidentId: string, filter: AudienceFilter, limit: number): Promise<FirstPage> {
    const [page] = await tx.$queryRaw<{ n: bigint; last: string | null }[]>(insertPage(incidentId, filter, null, Prisma.sql`now()`, limit));
    const inserted = Number(page.n);
    if (inserted < limit || !page.last) return { inserted, total: inserted };
    const [{ n }] = await tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM customer c WHERE ${members(filter, Prisma.sql`now()`)}`;
    const total = Number(n);
    if (total <= inserted) return { inserted, total: inserted };
    await tx.$executeRaw`
      INSERT INTO incident_population (incident_id, cursor, until, expected) VALUES (${incidentId}::uuid, ${page.last}::uuid, now(), ${total})`;
    return { inserted, total };
  }

  /** Whether the incident's whole population is in affected_customer (always, for one declared with a list). */
  async isComplete(incidentId: string): Promise<boolean> {
    const { rows } = await this.prisma.pool.query(`SELECT 1 FROM incident_population WHERE incident_id = $1 AND completed_at IS NULL`, [incidentId]);
    return rows.length === 0;
  }

  /**
   * Inserts the next page (one transaction, under the population's row lock: a concurrent caller waits, then
   * takes the page after). Returns how many customers the page held and whether pages remain (not once the
   * population is complete: this page was its last, or it was complete already).
   */
  async insertNextPage(incidentId: string, filter: AudienceFilter, limit: number): Promise<{ rows: number; more: boolean }> {
    const client = await this.prisma.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows: pop } = await client.query<{ cursor: string; until: Date }>(
        `SELECT cursor::text, until FROM incident_population WHERE incident_id = $1 AND completed_at IS NULL FOR UPDATE`,
        [incidentId],
      );
      if (!pop.length) {
        await client.query('COMMIT');
        return { rows: 0, more: false };
      }
      const { cursor, until } = pop[0];
      const q = insertPage(incidentId, filter, cursor, Prisma.sql`${until}::timestamptz`, limit);
      const { rows } = await client.query<{ n: string; last: string | null }>(q.text, q.values);
      const done = Number(rows[0].n) < limit;
      await client.query(
        `UPDATE incident_population SET cursor = coalesce($2::uuid, cursor), completed_at = CASE WHEN $3 THEN now() END, updated_at = now() WHERE incident_id = $1`,
        [incidentId, rows[0].last, done],
      );
      await client.query('COMMIT');
      return { rows: Number(rows[0].n), more: !done };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /**
   * Inserts every page still missing; returns at once when the population is complete. Safe beside another
   * caller doing the same (each page is taken once). Refreshes the planner's statistics at the end.
   */
  async complete(incidentId: string, pageSize: number): Promise<void> {
    if (await this.isComplete(incidentId)) return;
    const filter = await this.filterOf(incidentId);
    if (!filter) return;
    let inserted = 0;
    for (let more = true; more; ) {
      const page = await this.insertNextPage(incidentId, filter, pageSize);
      inserted += page.rows;
      more = page.more;
    }
    await analyzeAffectedAfterBulk(this.prisma, inserted);
  }

  /** One page, for a fan-out that reached the end of the rows inserted so far; false when nothing is left. */
  async insertOnePage(incidentId: string, pageSize: number): Promise<boolean> {
    const filter = await this.filterOf(incidentId);
    return !!filter && (await this.insertNextPage(incidentId, filter, pageSize)).more;
  }

  /**
   * Unfinished populations nobody has advanced for `idleMs` and nobody is inserting now (their declare stopped):
   * the reconciler finishes them. A page being inserted holds the row's lock for as long as its statement runs
   * (a million customers: longer than `idleMs` on a busy machine), so a locked row is live, not stalled.
   */
  async stalled(idleMs: number, limit: number): Promise<string[]> {
    const { rows } = await this.prisma.pool.query<{ incident_id: string }>(
      `SELECT incident_id::text FROM incident_population WHERE completed_at IS NULL AND updated_at < now() - make_interval(secs => $1::float8 / 1000)
       ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [idleMs, limit],
    );
    return rows.map((r) => r.incident_id);
  }

  private async filterOf(incidentId: string): Promise<AudienceFilter | null> {
    const { rows } = await this.prisma.pool.query<{ affected_filter: AudienceFilter | null }>(`SELECT affected_filter FROM incident WHERE id = $1`, [incidentId]);
    if (!rows[0]?.affected_filter) this.logger.warn(`incident ${incidentId} has an unfinished population but no filter`);
    return rows[0]?.affected_filter ?? null;
  }
}
