// Reach counters: statement-level triggers with transition tables keep reach_counter, reached_customer and
// incident_counter current as notifications and affected customers change, and the time-to-reach histograms
// (reach_latency, incident_reach_latency): one aggregate upsert per SQL statement (not per row), so
// set-based fan-out and batched state updates stay set-based. "Reached" is src/common/reach-definition.ts:
// a customer whose last reaching notice bounces or fails leaves reached_customer (and the counts) again.
// Opened / acknowledged come from notice_page alone (its trigger keeps incident_counter and notice_counter).
//
// Installed here and not in a migration because Prisma's JS migration runner splits scripts at every
// semicolon, PL/pgSQL bodies included. Idempotent; a lock makes concurrent starts safe; the first install
// fills the counters from the rows already there.
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { REACHING_SQL_LIST } from '../common/reach-definition';
import { PrismaService } from './prisma.service';

const REACHED = REACHING_SQL_LIST;
const LOCK_KEY = 7302001;

/** When a reached row was reached: its send time (or delivery time), else the statement's time. */
const REACHED_AT = `coalesce(sent_at, delivered_at, now())`;

// A customer first reached: counted once in incident_counter, and in the incident's time-to-reach histogram
// at the time of that first reach (from the declaration).
const reachedFrom = (table: string) => `
    WITH ins AS (
      INSERT INTO reached_customer (incident_id, customer_id, reached_at)
      SELECT incident_id, customer_id, min(${REACHED_AT}) FROM ${table}
      WHERE customer_id IS NOT NULL AND state IN ${REACHED}
      GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT DO NOTHING RETURNING incident_id, reached_at),
    counted AS (
      INSERT INTO incident_counter (incident_id, reached)
      SELECT incident_id, count(*) FROM ins GROUP BY 1 ORDER BY 1
      ON CONFLICT (incident_id) DO UPDATE SET reached = incident_counter.reached + EXCLUDED.reached)
    INSERT INTO incident_reach_latency (incident_id, bucket_s, n)
    SELECT ins.incident_id, tocsin_latency_bucket(ins.reached_at - i.declared_at), count(*)
    FROM ins JOIN incident i ON i.id = ins.incident_id GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (incident_id, bucket_s) DO UPDATE SET n = incident_reach_latency.n + EXCLUDED.n;`;

/**
 * Customers whose notification left the reaching states in this statement and who have no other reaching
 * notification of the incident (the table as this statement left it): out of reached_customer, the incident's
 * count and its time-to-reach histogram. A fallback that reaches them later counts them again, at that time.
 * (A send committed at the same instant as the bounce of the customer's only other notice may be missed
 * until the next start's refill: bounces arrive long after sends, and fallbacks only after the bounce.)
 */
const UNREACHED = `
    WITH lost AS (
      SELECT DISTINCT n.incident_id, n.customer_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE n.customer_id IS NOT NULL AND o.state IN ${REACHED} AND n.state NOT IN ${REACHED}
        AND NOT EXISTS (SELECT 1 FROM notification x WHERE x.customer_id = n.customer_id AND x.incident_id = n.incident_id AND x.state IN ${REACHED})),
    del AS (
      DELETE FROM reached_customer r USING lost l WHERE r.incident_id = l.incident_id AND r.customer_id = l.customer_id
      RETURNING r.incident_id, r.reached_at),
    counted AS (
      INSERT INTO incident_counter (incident_id, reached)
      SELECT incident_id, -count(*) FROM del GROUP BY 1 ORDER BY 1
      ON CONFLICT (incident_id) DO UPDATE SET reached = incident_counter.reached + EXCLUDED.reached)
    UPDATE incident_reach_latency l SET n = l.n - d.n
    FROM (SELECT del.incident_id, tocsin_latency_bucket(del.reached_at - i.declared_at) AS bucket_s, count(*) AS n
          FROM del JOIN incident i ON i.id = del.incident_id GROUP BY 1, 2) d
    WHERE l.incident_id = d.incident_id AND l.bucket_s = d.bucket_s;`;

/**
 * Opened / acknowledged notice pages: per incident (customers), and per step and channel (the customer's
 * notifications that had reached them when they opened / acknowledged). Both only ever count up.
 */
const NOTICE_PAGE_CHANGED = `
    WITH c AS (
      SELECT n.incident_id, n.customer_id,
             (o.opened_at IS NULL AND n.opened_at IS NOT NULL)::int AS opened,
             (o.acknowledged_at IS NULL AND n.acknowledged_at IS NOT NULL)::int AS ack
      FROM old_rows o JOIN new_rows n ON n.incident_id = o.incident_id AND n.customer_id = o.customer_id),
    ch AS (SELECT * FROM c WHERE opened + ack > 0),
    inc AS (
      INSERT INTO incident_counter (incident_id, opened, acknowledged)
      SELECT incident_id, sum(opened), sum(ack) FROM ch GROUP BY 1 ORDER BY 1
      ON CONFLICT (incident_id) DO UPDATE SET opened = incident_counter.opened + EXCLUDED.opened,
                                              acknowledged = incident_counter.acknowledged + EXCLUDED.acknowledged)
    INSERT INTO notice_counter (step_id, channel, incident_id, opened, acknowledged)
    SELECT x.step_id, x.channel, x.incident_id, sum(ch.opened), sum(ch.ack)
    FROM ch JOIN notification x ON x.customer_id = ch.customer_id AND x.incident_id = ch.incident_id AND x.state IN ${REACHED}
    GROUP BY 1, 2, 3 ORDER BY 1, 2
    ON CONFLICT (step_id, channel) DO UPDATE SET opened = notice_counter.opened + EXCLUDED.opened,
                                                 acknowledged = notice_counter.acknowledged + EXCLUDED.acknowledged;`;

/**
 * Per step and channel, notifications by time from declaration to their first send (`sent`: entering a
 * reached state) and to their delivery (`delivered`), over a select of (kind, at, step_id, channel, incident_id).
 */
const latencyFrom = (select: string) => `
    INSERT INTO reach_latency (step_id, channel, kind, bucket_s, incident_id, n)
    SELECT x.step_id, x.channel, x.kind, tocsin_latency_bucket(x.at - i.declared_at), x.incident_id, count(*)
    FROM (${select}) x JOIN incident i ON i.id = x.incident_id
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4
    ON CONFLICT (step_id, channel, kind, bucket_s) DO UPDATE SET n = reach_latency.n + EXCLUDED.n;`;

const latencyOfInserted = latencyFrom(`
    SELECT 'sent' AS kind, ${REACHED_AT} AS at, step_id, channel, incident_id FROM new_rows WHERE state IN ${REACHED}
    UNION ALL
    SELECT 'delivered', coalesce(delivered_at, now()), step_id, channel, incident_id FROM new_rows WHERE state = 'delivered'`);

const latencyOfUpdated = latencyFrom(`
    SELECT 'sent' AS kind, coalesce(n.sent_at, n.delivered_at, now()) AS at, n.step_id, n.channel, n.incident_id
    FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.state IN ${REACHED} AND o.state NOT IN ${REACHED}
    UNION ALL
    SELECT 'delivered', coalesce(n.delivered_at, now()), n.step_id, n.channel, n.incident_id
    FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.state = 'delivered' AND o.state <> 'delivered'`);

/**
 * The histogram bucket of a time from declaration, by its upper bound in seconds: 1 s steps up to 2 minutes,
 * 10 s up to 20 minutes, 1 minute up to 2 hours, 10 minutes up to a day, 1 hour beyond (at most 8 % above
 * the true value). SQL, not PL/pgSQL: inlined into the triggers' statements.
 */
const BUCKET_FUNCTION = `CREATE OR REPLACE FUNCTION tocsin_latency_bucket(d interval) RETURNS integer LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE
    WHEN s <= 0 THEN 0
    WHEN s <= 120 THEN ceil(s)
    WHEN s <= 1200 THEN ceil(s / 10) * 10
    WHEN s <= 7200 THEN ceil(s / 60) * 60
    WHEN s <= 86400 THEN ceil(s / 600) * 600
    ELSE least(ceil(s / 3600) * 3600, 2147483647) END::integer
  FROM (SELECT extract(epoch FROM d) AS s) t
$fn$`;

const upsertCounts = (select: string) => `
    INSERT INTO reach_counter (step_id, channel, state, incident_id, n)
    SELECT step_id, channel, state, incident_id, sum(d) FROM (${select}) x
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (step_id, channel, state) DO UPDATE SET n = reach_counter.n + EXCLUDED.n;`;

const FUNCTIONS = [
  BUCKET_FUNCTION,
  `CREATE OR REPLACE FUNCTION tocsin_notification_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
    ${upsertCounts('SELECT step_id, channel, state, incident_id, 1 AS d FROM new_rows')}
    ${latencyOfInserted}
    ${reachedFrom('new_rows')}
    RETURN NULL;
   END $fn$`,
  `CREATE OR REPLACE FUNCTION tocsin_notification_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
    ${upsertCounts(`SELECT o.step_id, o.channel, o.state, o.incident_id, -1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.state <> n.state
                    UNION ALL
                    SELECT n.step_id, n.channel, n.state, n.incident_id, 1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.state <> n.state`)}
    ${latencyOfUpdated}
    ${reachedFrom('new_rows')}
    ${UNREACHED}
    RETURN NULL;
   END $fn$`,
  `CREATE OR REPLACE FUNCTION tocsin_notification_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
    ${upsertCounts('SELECT step_id, channel, state, incident_id, -1 AS d FROM old_rows')}
    RETURN NULL;
   END $fn$`,
  `CREATE OR REPLACE FUNCTION tocsin_notice_page_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
    ${NOTICE_PAGE_CHANGED}
    RETURN NULL;
   END $fn$`,
  `CREATE OR REPLACE FUNCTION tocsin_affected_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO incident_counter (incident_id, affected) SELECT incident_id, count(*) FROM new_rows GROUP BY 1 ORDER BY 1
      ON CONFLICT (incident_id) DO UPDATE SET affected = incident_counter.affected + EXCLUDED.affected;
    ELSE
      INSERT INTO incident_counter (incident_id, affected) SELECT incident_id, -count(*) FROM old_rows GROUP BY 1 ORDER BY 1
      ON CONFLICT (incident_id) DO UPDATE SET affected = incident_counter.affected + EXCLUDED.affected;
    END IF;
    RETURN NULL;
   END $fn$`,
];

const TRIGGERS: [string, string][] = [
  ['tocsin_notification_ins', `CREATE TRIGGER tocsin_notification_ins AFTER INSERT ON notification REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tocsin_notification_inserted()`],
  ['tocsin_notification_upd', `CREATE TRIGGER tocsin_notification_upd AFTER UPDATE ON notification REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tocsin_notification_updated()`],
  ['tocsin_notification_del', `CREATE TRIGGER tocsin_notification_del AFTER DELETE ON notification REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tocsin_notification_deleted()`],
  ['tocsin_affected_ins', `CREATE TRIGGER tocsin_affected_ins AFTER INSERT ON affected_customer REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tocsin_affected_changed()`],
  ['tocsin_affected_del', `CREATE TRIGGER tocsin_affected_del AFTER DELETE ON affected_customer REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tocsin_affected_changed()`],
  ['tocsin_notice_page_upd', `CREATE TRIGGER tocsin_notice_page_upd AFTER UPDATE ON notice_page REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tocsin_notice_page_updated()`],
];

const tableOf = (trigger: string) => (trigger.startsWith('tocsin_affected') ? 'affected_customer' : trigger.startsWith('tocsin_notice_page') ? 'notice_page' : 'notification');

// the time-to-reach histograms from the rows (first install, or a database from before they existed)
const LATENCY_BACKFILL = [
  `TRUNCATE reach_latency, incident_reach_latency`,
  latencyFrom(`
    SELECT 'sent' AS kind, ${REACHED_AT} AS at, step_id, channel, incident_id FROM notification WHERE state IN ${REACHED}
    UNION ALL
    SELECT 'delivered', coalesce(delivered_at, now()), step_id, channel, incident_id FROM notification WHERE delivered_at IS NOT NULL AND state IN ('delivered', 'acknowledged')`).replace(/;$/, ''),
  `INSERT INTO incident_reach_latency (incident_id, bucket_s, n)
   SELECT r.incident_id, tocsin_latency_bucket(r.reached_at - i.declared_at), count(*) FROM reached_customer r JOIN incident i ON i.id = r.incident_id GROUP BY 1, 2`,
];

const BACKFILL = [
  `TRUNCATE reach_counter, reached_customer, incident_counter, notice_counter`,
  `INSERT INTO reach_counter (step_id, channel, state, incident_id, n) SELECT step_id, channel, state, incident_id, count(*) FROM notification GROUP BY 1, 2, 3, 4`,
  `INSERT INTO reached_customer (incident_id, customer_id, reached_at)
   SELECT incident_id, customer_id, min(${REACHED_AT}) FROM notification WHERE customer_id IS NOT NULL AND state IN ${REACHED} GROUP BY 1, 2`,
  `INSERT INTO incident_counter (incident_id, affected, reached, opened, acknowledged)
   SELECT i.id, (SELECT count(*) FROM affected_customer a WHERE a.incident_id = i.id), (SELECT count(*) FROM reached_customer r WHERE r.incident_id = i.id),
          (SELECT count(*) FROM notice_page p WHERE p.incident_id = i.id AND p.opened_at IS NOT NULL),
          (SELECT count(*) FROM notice_page p WHERE p.incident_id = i.id AND p.acknowledged_at IS NOT NULL) FROM incident i`,
  // the notices that had been sent by the time the page was opened / acknowledged (the trigger's rule, read back)
  `INSERT INTO notice_counter (step_id, channel, incident_id, opened, acknowledged)
   SELECT n.step_id, n.channel, n.incident_id,
          count(*) FILTER (WHERE p.opened_at >= coalesce(n.sent_at, n.delivered_at, '-infinity')),
          count(*) FILTER (WHERE p.acknowledged_at >= coalesce(n.sent_at, n.delivered_at, '-infinity'))
   FROM notice_page p JOIN notification n ON n.incident_id = p.incident_id AND n.customer_id = p.customer_id
   WHERE p.opened_at IS NOT NULL AND n.state IN ${REACHED} GROUP BY 1, 2, 3`,
  ...LATENCY_BACKFILL,
];

@Injectable()
export class ReachCounters implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReachCounters.name);

  constructor(private readonly prisma: PrismaService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
        for (const f of FUNCTIONS) await tx.$executeRawUnsafe(f);
        const have = await tx.$queryRawUnsafe<{ tgname: string }[]>(`SELECT tgname FROM pg_trigger WHERE tgname LIKE 'tocsin\\_%'`);
        const missing = TRIGGERS.filter(([name]) => !have.some((t) => t.tgname === name));
        if (!missing.length) return this.fillLatencyOnUpgrade(tx);
        // first install (or repair): block writers for the moment it takes to count what is there
        await tx.$executeRawUnsafe(`LOCK TABLE notification, affected_customer, notice_page IN SHARE ROW EXCLUSIVE MODE`);
        for (const [name] of TRIGGERS) await tx.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${name} ON ${tableOf(name)}`);
        for (const [, sql] of TRIGGERS) await tx.$executeRawUnsafe(sql);
        for (const sql of BACKFILL) await tx.$executeRawUnsafe(sql);
        this.logger.log('reach counters installed and filled from existing rows');
      },
      { timeout: 600_000 },
    );
  }

  /** A database whose counters predate the time-to-reach histograms: fill them once, from the rows. */
  private async fillLatencyOnUpgrade(tx: Prisma.TransactionClient): Promise<void> {
    const [r] = await tx.$queryRawUnsafe<{ upgrade: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM reached_customer) AND NOT EXISTS (SELECT 1 FROM incident_reach_latency) AS upgrade`,
    );
    if (!r.upgrade) return;
    await tx.$executeRawUnsafe(`LOCK TABLE notification, affected_customer IN SHARE ROW EXCLUSIVE MODE`);
    for (const sql of LATENCY_BACKFILL) await tx.$executeRawUnsafe(sql);
    this.logger.log('time-to-reach histograms filled from existing rows');
  }
}
