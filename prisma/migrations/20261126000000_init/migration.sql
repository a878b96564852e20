-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'commander', 'comms', 'agent', 'viewer');

-- CreateEnum
CREATE TYPE "IncidentState" AS ENUM ('declared', 'notifying', 'monitoring', 'resolved', 'closed', 'paused', 'cancelled');

-- CreateEnum
CREATE TYPE "StepState" AS ENUM ('scheduled', 'fanning_out', 'dispatched', 'completed', 'skipped', 'cancelled');

-- CreateEnum
CREATE TYPE "NotificationState" AS ENUM ('pending', 'queued', 'sending', 'sent', 'delivered', 'bounced', 'failed', 'acknowledged', 'suppressed');

-- CreateTable
CREATE TABLE "api_key" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "external_id" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "name" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "template" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "subject" TEXT,
    "html" TEXT,
    "text" TEXT NOT NULL,
    "variables" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runbook" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "draft" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "runbook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runbook_version" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "runbook_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_by" UUID,

    CONSTRAINT "runbook_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "state" "IncidentState" NOT NULL DEFAULT 'declared',
    "aware_at" TIMESTAMPTZ(3) NOT NULL,
    "declared_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "jurisdictions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "facts" JSONB NOT NULL DEFAULT '{}',
    "runbook_version_id" UUID NOT NULL,
    "declared_by" UUID,
    "idempotency_key" TEXT,
    "request_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "affected_customer" (
    "incident_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "affected_customer_pkey" PRIMARY KEY ("incident_id","customer_id")
);

-- CreateTable
CREATE TABLE "incident_step" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "incident_id" UUID NOT NULL,
    "step_key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "template_key" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "state" "StepState" NOT NULL DEFAULT 'scheduled',
    "fanout_cursor" UUID,
    "started_at" TIMESTAMPTZ(3),
    "dispatched_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "incident_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "incident_id" UUID NOT NULL,
    "step_id" UUID NOT NULL,
    "customer_id" UUID,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "state" "NotificationState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "template_version_id" UUID,
    "job_id" TEXT,
    "provider_message_id" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "queued_at" TIMESTAMPTZ(3),
    "sending_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_name" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "incident_id" UUID,
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_key_secret_hash_key" ON "api_key"("secret_hash");

-- CreateIndex
CREATE UNIQUE INDEX "customer_external_id_key" ON "customer"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "template_key_channel_locale_version_key" ON "template"("key", "channel", "locale", "version");

-- CreateIndex
CREATE UNIQUE INDEX "runbook_key_key" ON "runbook"("key");

-- CreateIndex
CREATE UNIQUE INDEX "runbook_version_runbook_id_version_key" ON "runbook_version"("runbook_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "incident_idempotency_key_key" ON "incident"("idempotency_key");

-- CreateIndex
CREATE INDEX "incident_step_state_due_at_idx" ON "incident_step"("state", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "incident_step_incident_id_step_key_key" ON "incident_step"("incident_id", "step_key");

-- CreateIndex
CREATE INDEX "notification_step_id_state_idx" ON "notification"("step_id", "state");

-- CreateIndex
CREATE INDEX "notification_incident_id_state_idx" ON "notification"("incident_id", "state");

-- CreateIndex
CREATE INDEX "notification_state_updated_at_idx" ON "notification"("state", "updated_at");

-- CreateIndex
CREATE INDEX "notification_customer_id_idx" ON "notification"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "notification_step_id_channel_customer_id_key" ON "notification"("step_id", "channel", "customer_id");

-- CreateIndex
CREATE INDEX "audit_event_incident_id_at_idx" ON "audit_event"("incident_id", "at");

-- AddForeignKey
ALTER TABLE "runbook_version" ADD CONSTRAINT "runbook_version_runbook_id_fkey" FOREIGN KEY ("runbook_id") REFERENCES "runbook"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident" ADD CONSTRAINT "incident_runbook_version_id_fkey" FOREIGN KEY ("runbook_version_id") REFERENCES "runbook_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "affected_customer" ADD CONSTRAINT "affected_customer_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "affected_customer" ADD CONSTRAINT "affected_customer_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_step" ADD CONSTRAINT "incident_step_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_step_id_fkey" FOREIGN KEY ("step_id") REFERENCES "incident_step"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

