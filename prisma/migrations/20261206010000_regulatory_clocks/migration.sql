-- Regulatory clocks (#14): NYDFS determination and extortion payment, the organisation profile frozen on
-- each incident, filings recorded as evidence, and the organisation profile itself (one row).
ALTER TABLE "incident" ADD COLUMN "determined_at" TIMESTAMPTZ(3),
  ADD COLUMN "extortion_paid_at" TIMESTAMPTZ(3),
  ADD COLUMN "organisation_profile" JSONB;

CREATE TABLE "clock_submission" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "incident_id" UUID NOT NULL,
  "clock_id" TEXT NOT NULL,
  "submitted_at" TIMESTAMPTZ(3) NOT NULL,
  "submitted_by" TEXT NOT NULL,
  "recorded_by" UUID,
  "recorded_by_name" TEXT NOT NULL,
  "reference" TEXT NOT NULL,
  "note" TEXT,
  "file_name" TEXT,
  "file_content_type" TEXT,
  "file_sha256" TEXT,
  "file_data" BYTEA,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "clock_submission_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "clock_submission_incident_id_clock_id_idx" ON "clock_submission"("incident_id", "clock_id");
ALTER TABLE "clock_submission" ADD CONSTRAINT "clock_submission_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "organisation_profile" (
  "one" BOOLEAN NOT NULL DEFAULT true,
  "established_in" TEXT[] DEFAULT ARRAY[]::TEXT[],
  "sec_registrant" BOOLEAN NOT NULL DEFAULT false,
  "nis2_entity" BOOLEAN NOT NULL DEFAULT false,
  "hipaa" TEXT NOT NULL DEFAULT 'none',
  "nydfs_covered_entity" BOOLEAN NOT NULL DEFAULT false,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_by" TEXT,
  CONSTRAINT "organisation_profile_pkey" PRIMARY KEY ("one"),
  CONSTRAINT "organisation_profile_one_row" CHECK ("one")
);
