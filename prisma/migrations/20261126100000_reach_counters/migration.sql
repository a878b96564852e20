-- CreateTable
CREATE TABLE "reach_counter" (
    "step_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "state" "NotificationState" NOT NULL,
    "incident_id" UUID NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "reach_counter_pkey" PRIMARY KEY ("step_id","channel","state")
);

-- CreateTable
CREATE TABLE "incident_counter" (
    "incident_id" UUID NOT NULL,
    "affected" BIGINT NOT NULL DEFAULT 0,
    "reached" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "incident_counter_pkey" PRIMARY KEY ("incident_id")
);

-- CreateTable
CREATE TABLE "reached_customer" (
    "incident_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "reached_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reached_customer_pkey" PRIMARY KEY ("incident_id","customer_id")
);

-- CreateIndex
CREATE INDEX "reach_counter_incident_id_idx" ON "reach_counter"("incident_id");


-- The triggers that keep these tables current are installed by the application at start (see
-- src/database/reach-counters.ts), which also fills them from existing rows the first time: the migration
-- runner splits scripts at every semicolon and so cannot create PL/pgSQL functions
