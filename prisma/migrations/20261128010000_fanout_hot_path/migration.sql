-- The fan-out hot path (a million notifications in one step).
--
-- Foreign keys on notification and affected_customer: PostgreSQL checks them with one trigger call per
-- row and per key, three lookups for every notification and two for every affected customer, which was
-- about half the cost of materialising a fan-out. These rows are only ever written by INSERT ... SELECT
-- from the incident, its steps and the customer table, and Tocsin never deletes customers (erasure
-- anonymises the row), incidents or steps, so the keys are right by construction. The relations stay in
-- schema.prisma for Prisma's joins (see the comment on the models).
ALTER TABLE "notification" DROP CONSTRAINT "notification_incident_id_fkey";
ALTER TABLE "notification" DROP CONSTRAINT "notification_step_id_fkey";
ALTER TABLE "notification" DROP CONSTRAINT "notification_customer_id_fkey";
ALTER TABLE "affected_customer" DROP CONSTRAINT "affected_customer_incident_id_fkey";
ALTER TABLE "affected_customer" DROP CONSTRAINT "affected_customer_customer_id_fkey";

-- Every state change writes a new row version and an entry in every index over it. Two full indexes
-- on the state become one partial index over the states that still need work: a sent, failed or
-- suppressed version adds nothing to it. The reconciler reads it (rows waiting for a job, leases of
-- rows left sending), and a step's completion reads the reach counters instead of the rows.
DROP INDEX "notification_state_updated_at_idx";
DROP INDEX "notification_step_id_state_idx";
CREATE INDEX "notification_waiting_idx" ON "notification" ("state", "updated_at") WHERE "state" IN ('pending', 'queued', 'sending');
