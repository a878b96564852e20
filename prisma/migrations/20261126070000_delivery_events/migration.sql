-- CreateEnum
CREATE TYPE "DeliveryEventKind" AS ENUM ('delivered', 'hard_bounce', 'soft_bounce', 'auto_reply', 'complaint', 'unknown');

-- AlterTable
ALTER TABLE "notification" ADD COLUMN     "bounced_at" TIMESTAMPTZ(3),
ADD COLUMN     "complained_at" TIMESTAMPTZ(3),
ADD COLUMN     "delivered_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "delivery_event" (
    "id" BIGSERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "kind" "DeliveryEventKind" NOT NULL,
    "notification_id" UUID,
    "customer_id" UUID,
    "incident_id" UUID,
    "status" TEXT,
    "reason" TEXT,
    "applied" BOOLEAN NOT NULL DEFAULT false,
    "occurred_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raw" TEXT NOT NULL,

    CONSTRAINT "delivery_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "delivery_event_notification_id_idx" ON "delivery_event"("notification_id");

-- CreateIndex
CREATE INDEX "delivery_event_customer_id_idx" ON "delivery_event"("customer_id");

-- CreateIndex
CREATE INDEX "delivery_event_incident_id_received_at_idx" ON "delivery_event"("incident_id", "received_at");

