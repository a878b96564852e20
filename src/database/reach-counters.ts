// Reach counters: statement-level triggers with transition tables keep reach_counter, reached_customer and
// incident_counter current as notifications and affected customers change: one aggregate upsert per SQL
// statement (not per row), so set-based fan-out and batched state updates stay set-based.
//
// Installed here and not in a migration because Prisma's JS migration runner splits scripts at every
// semicolon, PL/pgSQL bodies included. Idempotent; a lock makes concurrent starts safe; the first install
// fills the counters from the rows already there.
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PrismaService } from './prisma.service';

const REACHED = `('sent', 'delivered', 'acknowledged')`;
const LOCK_KEY = 7302001;

const reachedFrom = (table: string) => `
    WITH ins AS (
      INSERT INTO reached_customer (incident_id, customer_id)
      SELECT DISTINCT incident_id, customer_id FROM ${table}
      WHERE customer_id IS NOT NULL AND state IN ${REACHED}
      ORDER BY 1, 2
      ON CONFLICT DO NOTHING RETURNING incident_id)
    INSERT INTO incident_counter (incident_id, reached)
    SELECT incident_id, count(*) FROM ins GROUP BY 1 ORDER BY 1
    ON CONFLICT (incident_id) DO UPDATE SET reached = incident_counter.reached + EXCLUDED.reached;`;

const upsertCounts = (select: string) => `
    INSERT INTO reach_counter (step_id, channel, state, incident_id, n)
    SELECT step_id, channel, state, incident_id, sum(d) FROM (${select}) x
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (step_id, channel, state) DO UPDATE SET n = reach_counter.n + EXCLUDED.n;`;

const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION tocsin_notification_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
    ${upsertCounts('SELECT step_id, channel, state, incident_id, 1 AS d FROM new_rows')}
    ${reachedFrom('new_rows')}
    RETURN NULL;
   END $fn$`,
  `CREATE OR REPLACE FUNCTION tocsin_notification_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
    ${upsertCounts(`SELECT o.step_id, o.channel, o.state, o.incident_id, -1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.state <> n.state
                    UNION ALL
                    SELECT n.step_id, n.channel, n.state, n.incident_id, 1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.state <> n.state`)}
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

const BACKFILL = [
  `TRUNCATE reach_counter, reached_customer, incident_counter`,
  `INSERT INTO reach_counter (step_id, channel, state, incident_id, n) SELECT step_id, channel, state, incident_id, count(*) FROM notification GROUP BY 1, 2, 3, 4`,
  `INSERT INTO reached_customer (incident_id, customer_id) SELECT DISTINCT incident_id, customer_id FROM notification WHERE customer_id IS NOT NULL AND state IN ${REACHED}`,
  `INSERT INTO incident_counter (incident_id, affected, reached)
   SELECT i.id, (SELECT count(*) FROM affected_customer a WHERE a.incident_id = i.id), (SELECT count(*) FROM reached_customer r WHERE r.incident_id = i.id) FROM incident i`,
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
        if (!missing.length) return;
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
}
