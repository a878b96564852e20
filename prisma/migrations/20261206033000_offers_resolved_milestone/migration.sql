-- Issue 20 items 1 and 2: the resolved milestone, and remedy offers with pools of unique codes.

-- The resolved milestone: steps timed from it are planned when the incident is resolved.
ALTER TABLE "incident" ADD COLUMN "resolved_at" TIMESTAMPTZ(3), ADD COLUMN "offer_id" UUID;
ALTER TABLE "incident_step" ADD COLUMN "offer_id" UUID;

CREATE TABLE "offer" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "key" TEXT NOT NULL,
  "title" TEXT NOT NULL,
  "terms" TEXT NOT NULL,
  "url" TEXT,
  "expires_at" TIMESTAMPTZ(3),
  "shared_code_enc" BYTEA,
  "low_watermark" INTEGER NOT NULL DEFAULT 100,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "offer_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "offer_key_key" ON "offer"("key");

CREATE TABLE "offer_code" (
  "id" BIGSERIAL NOT NULL,
  "offer_id" UUID NOT NULL,
  "code_enc" BYTEA NOT NULL,
  "code_hash" BYTEA NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "assigned_at" TIMESTAMPTZ(3),
  CONSTRAINT "offer_code_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "offer_code_offer_id_code_hash_key" ON "offer_code"("offer_id", "code_hash");
-- the free codes of a pool, in upload order: taking the next n stays an index range scan however far the pool is used
CREATE INDEX "offer_code_free_idx" ON "offer_code"("offer_id", "id") WHERE "assigned_at" IS NULL;

CREATE TABLE "offer_assignment" (
  "offer_id" UUID NOT NULL,
  "customer_id" UUID NOT NULL,
  "code_id" BIGINT,
  "incident_id" UUID NOT NULL,
  "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "claimed_at" TIMESTAMPTZ(3),
  CONSTRAINT "offer_assignment_pkey" PRIMARY KEY ("offer_id", "customer_id")
);
CREATE UNIQUE INDEX "offer_assignment_code_id_key" ON "offer_assignment"("code_id");
CREATE INDEX "offer_assignment_incident_id_claimed_at_idx" ON "offer_assignment"("incident_id", "claimed_at");
CREATE INDEX "offer_assignment_customer_id_idx" ON "offer_assignment"("customer_id");
