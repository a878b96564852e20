-- CreateTable
CREATE TABLE "reach_latency" (
    "step_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "bucket_s" INTEGER NOT NULL,
    "incident_id" UUID NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "reach_latency_pkey" PRIMARY KEY ("step_id","channel","kind","bucket_s")
);

-- CreateTable
CREATE TABLE "incident_reach_latency" (
    "incident_id" UUID NOT NULL,
    "bucket_s" INTEGER NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "incident_reach_latency_pkey" PRIMARY KEY ("incident_id","bucket_s")
);

-- CreateIndex
CREATE INDEX "reach_latency_incident_id_idx" ON "reach_latency"("incident_id");

-- Filled by the reach-counter triggers (src/database/reach-counters.ts), which also fill them from the
-- rows already there when they are found empty on an existing database
