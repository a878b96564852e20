-- Issue 15: suppressions belong to an address (channel + address), not to a customer. Acknowledgement
-- counters per incident and per step/channel from notice_page (kept by triggers installed at start, see
-- src/database/reach-counters.ts, which also refills every reach counter from the rows on this upgrade).

-- Suppression: the address each existing row meant is the recipient of the notification that caused it,
-- else the customer's current address on that channel. Rows with neither (erased customers) go.
ALTER TABLE "suppression" DROP CONSTRAINT "suppression_customer_id_fkey";
ALTER TABLE "suppression" ADD COLUMN "address" TEXT;
UPDATE "suppression" sp SET "address" = coalesce(
    (SELECT nullif(n.recipient, '') FROM notification n WHERE n.id = sp.notification_id),
    (SELECT CASE WHEN sp.channel = 'sms' THEN c.phone ELSE c.email END FROM customer c WHERE c.id = sp.customer_id));
DELETE FROM "suppression" WHERE "address" IS NULL;
DELETE FROM "suppression" a USING "suppression" b
  WHERE a.channel = b.channel AND a.address = b.address AND (a.created_at, a.ctid) > (b.created_at, b.ctid);
ALTER TABLE "suppression" DROP CONSTRAINT "suppression_pkey",
ALTER COLUMN "address" SET NOT NULL,
ALTER COLUMN "customer_id" DROP NOT NULL,
ADD CONSTRAINT "suppression_pkey" PRIMARY KEY ("channel", "address");
CREATE INDEX "suppression_customer_id_idx" ON "suppression"("customer_id");
ALTER TABLE "suppression" ADD CONSTRAINT "suppression_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Opened / acknowledged notice pages per incident (customers)
ALTER TABLE "incident_counter" ADD COLUMN "acknowledged" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN "opened" BIGINT NOT NULL DEFAULT 0;

-- … and per step and channel (notifications whose customer opened / acknowledged after being reached)
CREATE TABLE "notice_counter" (
    "step_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "incident_id" UUID NOT NULL,
    "opened" BIGINT NOT NULL DEFAULT 0,
    "acknowledged" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "notice_counter_pkey" PRIMARY KEY ("step_id","channel")
);
CREATE INDEX "notice_counter_incident_id_idx" ON "notice_counter"("incident_id");
