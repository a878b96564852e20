// Installs the audit trail's database side: the hash-chain trigger and the append-only triggers.
// Here and not in a migration because Prisma's JS migration runner splits scripts at every semicolon,
// PL/pgSQL bodies included (as for src/database/reach-counters.ts). Idempotent, under a lock, run in
// onModuleInit so it is in place before any onApplicationBootstrap hook writes an audit row. Until it
// has run no audit row can be written at all: the id column has no default, the chain trigger gives it.
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

const LOCK_KEY = 7302016;

// The SQL twin of canonicalText() in audit-chain.ts: change both or neither.
const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION audit_event_canonical(e audit_event) RETURNS text LANGUAGE sql STABLE AS $fn$
    SELECT string_agg(CASE WHEN f IS NULL THEN '-' ELSE octet_length(f)::text || ':' || f END, '|' ORDER BY i)
    FROM unnest(ARRAY[e.id::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      e.actor_id::text, e.actor_name, e.action, e.entity_type, e.entity_id, e.incident_id::text, e.data::text, e.origin])
      WITH ORDINALITY AS t(f, i)
  $fn$`,
  // the head row is locked FOR UPDATE: concurrent inserts (any process) chain one after the other, and
  // the id is taken under that lock so id order is chain order. Under REPEATABLE READ a concurrent
  // insert fails with a serialisation error instead of forking the chain.
  `CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $fn$
   DECLARE prev text;
   BEGIN
     SELECT last_hash INTO prev FROM audit_chain_head WHERE one FOR UPDATE;
     IF prev IS NULL THEN RAISE EXCEPTION 'audit_chain_head has no row: the audit chain cannot continue'; END IF;
     NEW.id := nextval(pg_get_serial_sequence('audit_event', 'id'));
     NEW.at := date_trunc('milliseconds', coalesce(NEW.at, now()));
     NEW.prev_hash := prev;
     NEW.hash := encode(sha256(convert_to(prev || chr(10) || audit_event_canonical(NEW), 'UTF8')), 'hex');
     UPDATE audit_chain_head SET last_id = NEW.id, last_hash = NEW.hash WHERE one;
     RETURN NEW;
   END $fn$`,
  `CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
     RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
   END $fn$`,
];

const TRIGGERS: [string, string][] = [
  ['audit_event_chain', `CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain()`],
  ['audit_event_no_update_delete', `CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`],
  ['audit_event_no_truncate', `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`],
  ['audit_chain_head_no_delete', `CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE OR TRUNCATE ON audit_chain_head FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`],
];

// rows written before the chain existed, chained once in id order (first install only: the triggers are not there yet)
const BACKFILL = `DO $do$
  DECLARE r audit_event; prev text; h text;
  BEGIN
    SELECT last_hash INTO prev FROM audit_chain_head WHERE one FOR UPDATE;
    FOR r IN SELECT * FROM audit_event WHERE hash IS NULL ORDER BY id LOOP
      h := encode(sha256(convert_to(prev || chr(10) || audit_event_canonical(r), 'UTF8')), 'hex');
      UPDATE audit_event SET prev_hash = prev, hash = h WHERE id = r.id;
      UPDATE audit_chain_head SET last_id = r.id, last_hash = h WHERE one;
      prev := h;
    END LOOP;
  END $do$`;

@Injectable()
export class AuditChainInstaller implements OnModuleInit {
  private readonly logger = new Logger(AuditChainInstaller.name);

  constructor(private readonly prisma: PrismaService) {}

  async onModuleInit(): Promise<void> {
    await this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
        const have = (await tx.$queryRawUnsafe<{ tgname: string }[]>(`SELECT tgname FROM pg_trigger WHERE tgname LIKE 'audit\\_%'`)).map((t) => t.tgname);
        for (const f of FUNCTIONS) await tx.$executeRawUnsafe(f);
        const missing = TRIGGERS.filter(([name]) => !have.includes(name));
        if (!missing.length) return;
        if (!have.includes('audit_event_chain')) {
          await tx.$executeRawUnsafe(`LOCK TABLE audit_event IN SHARE ROW EXCLUSIVE MODE`);
          await tx.$executeRawUnsafe(BACKFILL);
        } else {
          // the chain was installed before, so something dropped a guard: say so where operators look
          this.logger.error(`audit triggers were missing and are recreated: ${missing.map(([n]) => n).join(', ')} (run "node dist/cli.js audit verify")`);
        }
        for (const [, sql] of missing) await tx.$executeRawUnsafe(sql);
      },
      { timeout: 600_000 },
    );
    // the head in the logs at every start: a copy outside the database to compare a later verify with
    const head = await this.prisma.auditChainHead.findFirst();
    if (head) this.logger.log(`audit chain head ${head.lastId ?? '(empty)'} ${head.lastHash}`);
  }
}
