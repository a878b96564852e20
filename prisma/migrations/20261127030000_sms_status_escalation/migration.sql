-- SMS status callbacks, quiet hours and reminders (issue 8).

-- AlterEnum
ALTER TYPE "NotificationState" ADD VALUE 'deferred';

-- AlterEnum
ALTER TYPE "DeliveryEventKind" ADD VALUE 'failed';
ALTER TYPE "DeliveryEventKind" ADD VALUE 'accepted';

-- AlterTable
ALTER TABLE "notification" ADD COLUMN     "deferred_until" TIMESTAMPTZ(3);

-- Partial indexes (not expressible in schema.prisma): the scheduler finds due deferred notifications,
-- and a status callback finds its SMS by the provider's message id, without scanning a million rows.
-- Rows outside the predicates (every email, every notification not deferred) cost nothing.
CREATE INDEX "notification_deferred_until_idx" ON "notification"("deferred_until") WHERE "deferred_until" IS NOT NULL;
CREATE INDEX "notification_sms_provider_message_id_idx" ON "notification"("provider_message_id") WHERE "channel" = 'sms' AND "provider_message_id" IS NOT NULL;
