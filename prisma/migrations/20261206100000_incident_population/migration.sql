-- The affected population of a filter-declared incident while it is still being inserted after the declare (see schema.prisma).
-- CreateTable
CREATE TABLE "incident_population" (
    "incident_id" UUID NOT NULL,
    "cursor" UUID NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "expected" INTEGER NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_population_pkey" PRIMARY KEY ("incident_id")
);


-- the reconciler's look for populations left unfinished
CREATE INDEX "incident_population_open_idx" ON "incident_population" ("updated_at") WHERE "completed_at" IS NULL;
