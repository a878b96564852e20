-- Issue 16: API key lifecycle and a tamper-evident audit trail.
-- (No semicolon may appear in a comment here: the migration runner splits the script at every one.)

-- API keys: expiry (rotation overlap or set at creation), why a key was revoked, which row follows
-- TOCSIN_ADMIN_KEY, and the key a rotated one replaced.
ALTER TABLE "api_key" ADD COLUMN "revoked_reason" TEXT,
  ADD COLUMN "expires_at" TIMESTAMPTZ(3),
  ADD COLUMN "bootstrap" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "rotated_from_id" UUID;
UPDATE "api_key" SET "bootstrap" = true WHERE "name" = 'bootstrap admin (TOCSIN_ADMIN_KEY)';

-- Audit: from where, and the hash chain. The chain and append-only triggers are PL/pgSQL, which this
-- runner cannot create (it splits function bodies too): src/audit/audit-chain.installer.ts installs them
-- at start, idempotently, and chains the rows written before (hash still NULL) in id order.
ALTER TABLE "audit_event" ADD COLUMN "origin" TEXT, ADD COLUMN "prev_hash" TEXT, ADD COLUMN "hash" TEXT;
CREATE INDEX "audit_event_action_id_idx" ON "audit_event" ("action", "id");

-- The chain head, one row: every insert locks it, so inserts from any number of processes are chained
-- one after the other.
CREATE TABLE "audit_chain_head" (
  "one" BOOLEAN PRIMARY KEY DEFAULT true CHECK ("one"),
  "last_id" BIGINT,
  "last_hash" TEXT NOT NULL
);
INSERT INTO "audit_chain_head" ("last_id", "last_hash") VALUES (NULL, repeat('0', 64));

-- The id is given by the chain trigger (under the head lock), never by a default: until the trigger is
-- installed no audit row can be written unchained.
ALTER TABLE "audit_event" ALTER COLUMN "id" DROP DEFAULT;
