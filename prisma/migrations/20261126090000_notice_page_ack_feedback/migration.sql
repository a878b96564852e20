-- Personal notice page (token hash, opened, acknowledged) and CSAT/CES feedback per (incident, customer)
-- CreateTable
CREATE TABLE "notice_page" (
    "incident_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "opened_at" TIMESTAMPTZ(3),
    "acknowledged_at" TIMESTAMPTZ(3),

    CONSTRAINT "notice_page_pkey" PRIMARY KEY ("incident_id","customer_id")
);

-- CreateTable
CREATE TABLE "notice_feedback" (
    "incident_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "csat" INTEGER NOT NULL,
    "ces" INTEGER NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notice_feedback_pkey" PRIMARY KEY ("incident_id","customer_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "notice_page_token_hash_key" ON "notice_page"("token_hash");

-- CreateIndex
CREATE INDEX "notice_page_customer_id_idx" ON "notice_page"("customer_id");

-- CreateIndex
CREATE INDEX "notice_feedback_incident_id_updated_at_idx" ON "notice_feedback"("incident_id", "updated_at");


-- Ranges the API also checks, kept by the database too
ALTER TABLE "notice_feedback" ADD CONSTRAINT "notice_feedback_csat_range" CHECK ("csat" BETWEEN 1 AND 5);
ALTER TABLE "notice_feedback" ADD CONSTRAINT "notice_feedback_ces_range" CHECK ("ces" BETWEEN 1 AND 7);

-- The reach report counts opened and acknowledged pages: partial indexes keep that to the rows that count
CREATE INDEX "notice_page_opened_idx" ON "notice_page"("incident_id") WHERE "opened_at" IS NOT NULL;
CREATE INDEX "notice_page_acknowledged_idx" ON "notice_page"("incident_id") WHERE "acknowledged_at" IS NOT NULL;
