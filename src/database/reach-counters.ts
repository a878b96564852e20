// Reach counters: statement-level triggers with transition tables keep reach_counter, reached_customer and
// incident_counter current as notifications and affected customers change, and the time-to-reach histograms
// (reach_latency, incident_reach_latency): one aggregate upsert per SQL statement (not per row), so
// set-based fan-out and batched state updates stay set-based.
//
// Installed here and not in a migration because Prisma's JS migration runner splits scripts at every
// semicolon, PL/pgSQL bodies included. Idempotent; a lock makes concurrent starts safe; the first install
// fills the counters from the rows already there.
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from './prisma.service';

const REACHED = `('sent', 'delivered', 'acknowledged')`;
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
    RETURN NULL;
   END $fn$`,
  `CREATE OR REPLACE FUNCTION tocsin_notification_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
    ${upsertCounts('SELECT step_id, channel, state, incident_id, -1 AS d FROM old_rows')}
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
];

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
  `TRUNCATE reach_counter, reached_customer, incident_counter`,
  `INSERT INTO reach_counter (step_id, channel, state, incident_id, n) SELECT step_id, channel, state, incident_id, count(*) FROM notification GROUP BY 1, 2, 3, 4`,
  `INSERT INTO reached_customer (incident_id, customer_id, reached_at)
   SELECT incident_id, customer_id, min(${REACHED_AT}) FROM notification WHERE customer_id IS NOT NULL AND state IN ${REACHED} GROUP BY 1, 2`,
  `INSERT INTO incident_counter (incident_id, affected, reached)
   SELECT i.id, (SELECT count(*) FROM affected_customer a WHERE a.incident_id = i.id), (SELECT count(*) FROM reached_customer r WHERE r.incident_id = i.id) FROM incident i`,
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
        await tx.$executeRawUnsafe(`LOCK TABLE notification, affected_customer IN SHARE ROW EXCLUSIVE MODE`);
        for (const [name] of TRIGGERS) await tx.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${name} ON ${name.startsWith('tocsin_affected') ? 'affected_customer' : 'notification'}`);
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
