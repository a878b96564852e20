// Raw SQL throughout: these are the hot paths of a fan-out (a million rows), so every statement is
// set-based (INSERT … SELECT, UPDATE … FROM unnest) and none runs once per recipient.
import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { AudienceFilter, filterToSql } from '../audiences/audience-filter';
import { PrismaService } from '../database/prisma.service';
import { DispatchMetrics } from '../metrics/dispatch.metrics';
import { sendJobId } from '../queue/queue.constants';
import { keysetFrom } from '../common/keyset.util';

/** sendJobId around a notification id, for SQL: the job ids the fan-out writes are the ones it adds to the queue. */
const JOB_ID = sendJobId('\0').split('\0');

/** The customer's address on a channel: the phone for SMS, the email otherwise (SQL over alias `c`). */
export const addressOf = (channel: string) => (channel === 'sms' ? Prisma.sql`c.phone` : Prisma.sql`c.email`);

/**
 * The suppression (alias `sp`) of the customer's current address on a channel: per address, so a corrected one is
 * tried. A lookup per customer (LATERAL … LIMIT 1, which the planner cannot turn into a join of whole tables): a
 * page of 5,000 customers must not read every suppression there is, however many years of bounces that holds.
 */
export const suppressionJoin = (channel: string) =>
  Prisma.sql`LEFT JOIN LATERAL (SELECT s.address, s.reason FROM suppression s WHERE s.channel = ${channel} AND s.address = ${addressOf(channel)} LIMIT 1) sp ON true`;

/**
 * The customer (alias `c`) of each row of a keyset page, looked up by its primary key one at a time (LATERAL …
 * LIMIT 1). A plain join let the planner hash the whole customer table for every page (its estimate of a
 * page's rows is a guess): at a million customers that read a million rows per page of 5,000, 350 of a page's
 * 577 ms idle, and made a fan-out's cost grow with the square of its size.
 */
const customerOf = (customerId: Prisma.Sql) =>
  Prisma.sql`CROSS JOIN LATERAL (SELECT * FROM customer c0 WHERE c0.id = ${customerId} LIMIT 1) c`;

/**
 * The values of a new customer notification (incident, step, customer, channel, recipient, state, last_error,
 * failed_at) over aliases `c` (customer) and `sp` (its suppression on this channel, LEFT JOINed): suppressed
 * with the reason when there is no address on the channel or the channel is suppressed, pending otherwise.
 * One definition for fan-out pages, late additions and fallbacks.
 */
export function customerNoticeValues(incidentId: string, stepId: string, channel: string): Prisma.Sql {
  const address = addressOf(channel);
  const noAddress = `customer has no ${channel === 'sms' ? 'phone number' : 'email address'}`;
  return Prisma.sql`${incidentId}::uuid, ${stepId}::uuid, c.id, ${channel}, coalesce(${address}, ''),
    CASE WHEN ${address} IS NULL OR sp.address IS NOT NULL THEN 'suppressed'::"NotificationState" ELSE 'pending'::"NotificationState" END,
    CASE WHEN ${address} IS NULL THEN ${noAddress} WHEN sp.address IS NOT NULL THEN 'suppressed: ' || sp.reason END,
    CASE WHEN ${address} IS NULL OR sp.address IS NOT NULL THEN now() END`;
}

/** A claimed notification with its customer; the customer fields are null for regulator/internal/list recipients. */
export interface ClaimedNotification {
  id: string;
  channel: string;
  recipient: string;
  attempts: number;
  /** when this notice was first tried (temporary failures are retried for SEND_RETRY_WINDOW from then) */
  first_attempt_at: Date;
  customer_id: string | null;
  external_id: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  timezone: string | null;
  attributes: Record<string, unknown> | null;
}

export interface SendResult {
  id: string;
  state: 'sent' | 'failed' | 'queued';
  providerMessageId: string | null;
  /** the server's own answer on acceptance (evidence) */
  providerResponse?: string | null;
  error: string | null;
  templateVersionId: string | null;
}

export interface StuckBatch {
  jobId: string | null;
  ids: string[];
}

/**
 * A permanent SMTP rejection of the recipient (5xx reply, or an enhanced status 5.x.x), as opposed to a
 * temporary failure we gave up on or a template error: only the former says the address is bad.
 */
export function isHardBounce(error: string | null): boolean {
  if (!error || /^(gave up|template |no )/.test(error)) return false;
  return /(^|[:\s])5\d\d[\s-]/.test(error) || /\b5\.\d{1,3}\.\d{1,3}\b/.test(error);
}

@Injectable()
export class NotificationRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly metrics: DispatchMetrics,
  ) {}

  /**
   * The next keyset page of the affected population: the last customer id of the (up to) `limit` customers
   * after `after`, and how many there are. The step's own filter is not applied here (the page's notices
   * and notice pages are then made for the same range by two statements running side by side).
   */
  async nextRange(incidentId: string, after: string | null, limit: number): Promise<{ last: string | null; count: number }> {
    const { rows } = await this.prisma.pool.query<{ last: string | null; n: string }>(
      `SELECT max(customer_id::text) AS last, count(*) AS n FROM (
         SELECT customer_id FROM affected_customer WHERE incident_id = $1::uuid AND customer_id > $2::uuid ORDER BY customer_id LIMIT $3) p`,
      [incidentId, keysetFrom(after), limit],
    );
    return { last: rows[0]?.last ?? null, count: Number(rows[0]?.n ?? 0) };
  }

  /**
   * Creates the notifications of one keyset page of the affected population (customer ids in (after, last])
   * in one statement, already `queued` and each with the id of the send job that will carry it (batches of
   * `batchSize` in customer order, the job named after its first notification), and returns them.
   * ON CONFLICT DO NOTHING: a page read again after a crash returns only the rows it did not have, and the
   * reconciler gives a job to rows whose job was never added. Customers this channel cannot reach are
   * created `suppressed`, with the reason.
   */
  async materializePage(
    incidentId: string,
    stepId: string,
    channel: string,
    after: string | null,
    last: string,
    batchSize: number,
    filter?: AudienceFilter,
  ): Promise<{ pageSize: number; batches: { jobId: string; ids: string[] }[] }> {
    // a step's own filter narrows the incident's population. The keyset bounds are a plain range (no "IS
    // NULL OR"), and the customer is joined only when a filter needs it, so the page is read in primary-key
    // order whatever its size: a plan that reads every remaining row and sorts them costs a page seconds at a million.
    const join = filter ? customerOf(Prisma.sql`ac.customer_id`) : Prisma.empty;
    const narrow = filter ? Prisma.sql`AND ${filterToSql(filter)}` : Prisma.empty;
    const page = Prisma.sql`SELECT ac.customer_id FROM affected_customer ac ${join}
      WHERE ac.incident_id = ${incidentId}::uuid AND ac.customer_id > ${keysetFrom(after)}::uuid AND ac.customer_id <= ${last}::uuid ${narrow}`;
    // on the pg pool: the statement returns every row it creates (5,000 a page), and Prisma's raw-query
    // pipeline decodes them for ~1 µs more a row (a 5,000-row page: 12–16 ms of CPU against 9–11 ms)
    const query = Prisma.sql`
      WITH page AS MATERIALIZED (${page}), v (incident_id, step_id, customer_id, channel, recipient, state, last_error, failed_at, id) AS (
        SELECT ${customerNoticeValues(incidentId, stepId, channel)}, tocsin_uuid7()
        FROM page ${customerOf(Prisma.sql`page.customer_id`)}
        ${suppressionJoin(channel)}
      ), numbered AS (
        SELECT v.*, (row_number() OVER (PARTITION BY v.state ORDER BY v.customer_id) - 1) / ${batchSize} AS batch FROM v
      ), ins AS (
        INSERT INTO notification (id, incident_id, step_id, customer_id, channel, recipient, state, last_error, failed_at, job_id, queued_at)
        SELECT id, incident_id, step_id, customer_id, channel, recipient,
               CASE WHEN state = 'pending' THEN 'queued'::"NotificationState" ELSE state END, last_error, failed_at,
               CASE WHEN state = 'pending' THEN ${JOB_ID[0]} || first_value(id) OVER (PARTITION BY state, batch ORDER BY customer_id) || ${JOB_ID[1]} END,
               CASE WHEN state = 'pending' THEN now() END
        FROM numbered ORDER BY customer_id
        -- the one key a page read again can meet (naming it spares every row a probe of the others: the id is new)
        ON CONFLICT (step_id, channel, customer_id) DO NOTHING
        RETURNING id, job_id
      )
      SELECT s.n, ins.id::text, ins.job_id
      FROM (SELECT count(*) AS n FROM page) s LEFT JOIN ins ON true`;
    const { rows } = await this.prisma.pool.query<{ n: string; id: string | null; job_id: string | null }>(query.text, query.values);
    const pageSize = Number(rows[0]?.n ?? 0);
    if (!pageSize) return { pageSize: 0, batches: [] };
    const jobs = new Map<string, string[]>();
    for (const r of rows) {
      if (!r.id || !r.job_id) continue; // no row inserted, or a suppressed one (no job)
      const ids = jobs.get(r.job_id);
      if (ids) ids.push(r.id);
      else jobs.set(r.job_id, [r.id]);
    }
    this.metrics.fanoutPage(channel, pageSize);
    return { pageSize, batches: [...jobs].map(([jobId, ids]) => ({ jobId, ids })) };
  }

  /** Records which job carries each notification and marks them queued (only those still pending). */
  async markQueued(ids: string[], jobIds: string[]): Promise<void> {
    await this.prisma.pool.query(
      `UPDATE notification n SET state = 'queued', job_id = v.job_id, queued_at = now(), updated_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS v(id, job_id)
       WHERE n.id = v.id AND n.state IN ('pending', 'queued')`,
      [ids, jobIds],
    );
  }

  /** The channels of a batch's rows (read only while the step's relay is down: is this a fallback batch?). */
  async channelsOf(ids: string[]): Promise<string[]> {
    const { rows } = await this.prisma.pool.query<{ channel: string }>(`SELECT DISTINCT channel::text FROM notification WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map((r) => r.channel);
  }

  /**
   * Compare-and-set pending/queued → sending, only while the incident is live; rows already taken are not returned.
   * Straight on the pg pool: it runs once per send batch (see PrismaService.pool).
   */
  async claim(ids: string[], incidentId: string): Promise<ClaimedNotification[]> {
    const { rows } = await this.prisma.pool.query<ClaimedNotification>(
      `UPDATE notification n SET state = 'sending', sending_at = now(), attempts = n.attempts + 1,
         first_attempt_at = coalesce(n.first_attempt_at, now()), updated_at = now()
       FROM (SELECT n2.id, c.id AS customer_id, c.external_id, c.name, c.email, c.phone, c.locale, c.timezone, c.attributes
             FROM notification n2 LEFT JOIN customer c ON c.id = n2.customer_id WHERE n2.id = ANY($1::uuid[])) x
       WHERE n.id = x.id AND n.state IN ('pending', 'queued')
         AND EXISTS (SELECT 1 FROM incident i WHERE i.id = $2::uuid AND i.state IN ('declared', 'notifying', 'monitoring', 'resolved'))
       RETURNING n.id, n.channel, n.recipient, n.attempts, n.first_attempt_at, x.customer_id, x.external_id, x.name, x.email, x.phone, x.locale, x.timezone, x.attributes`,
      [ids, incidentId],
    );
    return rows;
  }

  /**
   * A customer's notice on the step's fallback channel after a permanent failure on the first one
   * (unique per step, channel and customer: never twice). Returns the ids still pending.
   */
  async materializeFallback(incidentId: string, stepId: string, channel: string, customerIds: string[]): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string; state: string }[]>`
      INSERT INTO notification (incident_id, step_id, customer_id, channel, recipient, state, last_error, failed_at)
      SELECT ${customerNoticeValues(incidentId, stepId, channel)}
      FROM customer c ${suppressionJoin(channel)}
      WHERE c.id = ANY(${customerIds}::uuid[])
      ON CONFLICT DO NOTHING
      RETURNING id, state::text`;
    return rows.filter((r) => r.state === 'pending').map((r) => r.id);
  }

  /** Customers of a page whose notice on this channel was suppressed at creation (no address, bounced before). */
  async suppressedCustomers(stepId: string, channel: string, after: string | null, last: string): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ customer_id: string }[]>`
      SELECT customer_id::text FROM notification
      WHERE step_id = ${stepId}::uuid AND channel = ${channel} AND state = 'suppressed'
        AND customer_id > ${keysetFrom(after)}::uuid AND customer_id <= ${last}::uuid`;
    return rows.map((r) => r.customer_id);
  }

  /** Notifications for fixed addresses (regulator, internal, list); returns the ids still pending. */
  async materializeRecipients(incidentId: string, stepId: string, channel: string, recipients: { address: string }[]): Promise<string[]> {
    const addresses = [...new Set(recipients.map((r) => r.address))];
    await this.prisma.$executeRaw`
      INSERT INTO notification (incident_id, step_id, customer_id, channel, recipient, state)
      SELECT ${incidentId}::uuid, ${stepId}::uuid, NULL, ${channel}, a, 'pending' FROM unnest(${addresses}::text[]) AS a
      ON CONFLICT (step_id, channel, recipient) WHERE customer_id IS NULL DO NOTHING`;
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM notification WHERE step_id = ${stepId}::uuid AND customer_id IS NULL AND state = 'pending'`;
    return rows.map((r) => r.id);
  }

  /** Writes a set of send outcomes in one statement; only rows still `sending` change. On the pg pool, as claim. */
  async recordResults(results: SendResult[]): Promise<void> {
    if (!results.length) return;
    await this.prisma.pool.query(
      // a row a delivery report already moved on while it was being sent (delivered, bounced or failed before
      // this write-back) keeps that outcome: only the send itself is recorded (its time and message id)
      `UPDATE notification n SET
         state = CASE WHEN n.state = 'sending' THEN v.state::"NotificationState" ELSE n.state END,
         sent_at = CASE WHEN v.state = 'sent' THEN now() ELSE n.sent_at END,
         failed_at = CASE WHEN n.state = 'sending' AND v.state = 'failed' THEN now() ELSE n.failed_at END,
         provider_message_id = coalesce(v.provider_id, n.provider_message_id),
         provider_response = coalesce(v.provider_response, n.provider_response),
         last_error = CASE WHEN n.state = 'sending' THEN v.error ELSE n.last_error END,
         template_version_id = coalesce(v.template_version_id::uuid, n.template_version_id),
         updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS v(id, state, provider_id, error, template_version_id, provider_response)
       WHERE n.id = v.id
         AND (n.state = 'sending' OR (v.state = 'sent' AND n.sent_at IS NULL AND n.state IN ('delivered', 'bounced', 'failed')))`,
      [results.map((r) => r.id), results.map((r) => r.state), results.map((r) => r.providerMessageId), results.map((r) => r.error), results.map((r) => r.templateVersionId), results.map((r) => r.providerResponse ?? null)],
    );
    const bounced = results.filter((r) => r.state === 'failed' && isHardBounce(r.error));
    if (bounced.length) {
      // a hard bounce suppresses this address on this channel: later steps do not try it again (a corrected one, they do)
      await this.prisma.$executeRaw`
        INSERT INTO suppression (channel, address, customer_id, reason, notification_id)
        SELECT n.channel, n.recipient, n.customer_id, left('hard bounce: ' || v.error, 500), n.id
        FROM unnest(${bounced.map((r) => r.id)}::uuid[], ${bounced.map((r) => r.error)}::text[]) AS v(id, error)
        JOIN notification n ON n.id = v.id
        WHERE n.customer_id IS NOT NULL AND n.recipient <> ''
        ON CONFLICT (channel, address) DO NOTHING`;
    }
  }

  /**
   * Quiet hours: claimed rows wait (state `deferred`) until the end of the customer's window; the claim's
   * attempt is given back, since nothing was tried. The scheduler sends them then (promoteDeferred).
   */
  async defer(rows: { id: string; until: Date; reason: string }[]): Promise<void> {
    if (!rows.length) return;
    await this.prisma.$executeRaw`
      UPDATE notification n SET state = 'deferred', deferred_until = v.until, last_error = v.reason, job_id = NULL,
             attempts = greatest(n.attempts - 1, 0), updated_at = now()
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.until.toISOString())}::timestamptz[], ${rows.map((r) => r.reason)}::text[])
        AS v(id, until, reason)
      WHERE n.id = v.id AND n.state = 'sending'`;
  }

  /**
   * Deferred rows whose time has come (by the injectable clock), of live incidents: back to pending, one
   * statement; returns them so the caller adds their send jobs (a crash before that leaves them pending
   * with no job, which the reconciler re-queues). SKIP LOCKED: two schedulers never take the same rows.
   */
  promoteDeferred(now: Date, limit: number): Promise<{ id: string; step_id: string; incident_id: string }[]> {
    return this.prisma.$queryRaw`
      WITH due AS (
        SELECT n.id FROM notification n
        WHERE n.deferred_until IS NOT NULL AND n.deferred_until <= ${now}::timestamptz AND n.state = 'deferred'
          AND n.incident_id IN (SELECT id FROM incident WHERE state IN ('declared', 'notifying', 'monitoring', 'resolved'))
        ORDER BY n.deferred_until LIMIT ${limit} FOR UPDATE OF n SKIP LOCKED)
      UPDATE notification n SET state = 'pending', deferred_until = NULL, updated_at = now()
      FROM due WHERE n.id = due.id
      RETURNING n.id::text, n.step_id::text, n.incident_id::text`;
  }

  /**
   * Renews the sending lease of rows a live worker holds, so the reconciler only ever takes back rows whose
   * worker stopped renewing: a dead one. Runs every quarter lease per send job. A row is still this claim's
   * while it is `sending` with the attempt number the claim gave it (a claim by another worker, after the
   * lease lapsed, counts one more). Returns the ids still held: the others were taken back.
   */
  async renewLeases(held: { id: string; attempts: number }[]): Promise<Set<string>> {
    const { rows } = await this.prisma.pool.query<{ id: string }>(
      `UPDATE notification n SET sending_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS v(id, attempts)
       WHERE n.id = v.id AND n.state = 'sending' AND n.attempts = v.attempts
       RETURNING n.id::text`,
      [held.map((h) => h.id), held.map((h) => h.attempts)],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Claimed rows that were not tried (the relay was unreachable, or the batch stopped when a write-back
   * failed) go back to `queued` with their attempt given back and the reason kept: waiting costs no attempt.
   * A row waiting longer than the retry window (`windowSeconds`, from its first claim — the first moment it
   * could have gone out — else its creation; as an MTA's queue lifetime) fails instead. Not from creation
   * alone: a notice held back by a pause or a late step for longer than the window would otherwise fail at
   * the first unreachable moment of its first chance, turning a short outage into a customer never told.
   * The window still ends, so a relay that never comes back ends in the fallback channel and the unreached
   * list rather than in a wait without end. Returns the ids that failed.
   */
  async releaseUntried(ids: string[], reason: string, windowSeconds: number): Promise<string[]> {
    if (!ids.length) return [];
    const { rows } = await this.prisma.pool.query<{ id: string }>(
      `WITH upd AS (
         UPDATE notification n SET
           state = CASE WHEN coalesce(n.first_attempt_at, n.created_at) < now() - make_interval(secs => $3) THEN 'failed'::"NotificationState" ELSE 'queued'::"NotificationState" END,
           failed_at = CASE WHEN coalesce(n.first_attempt_at, n.created_at) < now() - make_interval(secs => $3) THEN now() ELSE n.failed_at END,
           last_error = CASE WHEN coalesce(n.first_attempt_at, n.created_at) < now() - make_interval(secs => $3) THEN 'gave up after the retry window: ' || $2 ELSE $2 END,
           attempts = greatest(n.attempts - 1, 0), updated_at = now()
         WHERE n.id = ANY($1::uuid[]) AND n.state = 'sending'
         RETURNING n.id, n.state)
       SELECT id::text FROM upd WHERE state = 'failed'`,
      [ids, reason.slice(0, 900), windowSeconds],
    );
    return rows.map((r) => r.id);
  }

  /** Puts claimed rows back (e.g. the incident was paused between claim and send). */
  async release(ids: string[]): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE notification SET state = 'queued', updated_at = now() WHERE id = ANY(${ids}::uuid[]) AND state = 'sending'`;
  }

  /**
   * Rows waiting for a job: pending/queued and untouched for a while, grouped by the job that should carry
   * them. The reconciler checks those jobs still exist in Redis.
   */
  async waitingBatches(olderThanMs: number, maxRows: number): Promise<StuckBatch[]> {
    // on the pg pool: during a big fan-out every pass reads thousands of ids of rows still waiting their turn.
    // One ordered read per state (notification_waiting_idx): the oldest rows first, and no more than maxRows
    // read however many are queued behind them.
    const { rows } = await this.prisma.pool.query<{ job_id: string | null; ids: string[] }>(
      `SELECT job_id, array_agg(id::text) AS ids FROM (
         (SELECT id, job_id FROM notification
          WHERE state = 'pending' AND updated_at < now() - make_interval(secs => $1)
            AND incident_id IN (SELECT id FROM incident WHERE state IN ('declared', 'notifying', 'monitoring', 'resolved'))
          ORDER BY updated_at LIMIT $2)
         UNION ALL
         (SELECT id, job_id FROM notification
          WHERE state = 'queued' AND updated_at < now() - make_interval(secs => $1)
            AND incident_id IN (SELECT id FROM incident WHERE state IN ('declared', 'notifying', 'monitoring', 'resolved'))
          ORDER BY updated_at LIMIT $2)
       ) t GROUP BY job_id`,
      [olderThanMs / 1000, maxRows],
    );
    return rows.map((r) => ({ jobId: r.job_id, ids: r.ids }));
  }

  /** Rows left in `sending` by a worker that died: back to queued (the only messages that may repeat). */
  async expireLeases(leaseMs: number): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE notification SET state = 'queued', job_id = NULL, updated_at = now() - interval '1 day',
             last_error = 'worker stopped while sending; retried'
      WHERE state = 'sending' AND sending_at < now() - make_interval(secs => ${leaseMs / 1000})`;
  }

  /**
   * Incident and step of the rows still waiting for a send (pending/queued): read after their job was found
   * missing in Redis, so a job that finished in between (its rows claimed before it completed) re-queues nothing.
   */
  async stillWaiting(ids: string[]): Promise<{ id: string; incident_id: string; step_id: string }[]> {
    return this.prisma.$queryRaw`
      SELECT id, incident_id, step_id FROM notification WHERE id = ANY(${ids}::uuid[]) AND state IN ('pending', 'queued')`;
  }
}
