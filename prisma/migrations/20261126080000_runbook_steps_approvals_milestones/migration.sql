-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "StepState" ADD VALUE 'waiting_milestone';
ALTER TYPE "StepState" ADD VALUE 'awaiting_approval';

-- AlterTable
ALTER TABLE "incident" ADD COLUMN     "confirmed_at" TIMESTAMPTZ(3),
ADD COLUMN     "materiality_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "incident_step" ADD COLUMN     "approved_at" TIMESTAMPTZ(3),
ADD COLUMN     "approved_by" UUID,
ADD COLUMN     "approved_by_name" TEXT,
ADD COLUMN     "approved_snapshot" JSONB,
ADD COLUMN     "definition" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "waiting_reason" TEXT,
ALTER COLUMN "due_at" DROP NOT NULL;


-- Notifications to addresses that are not customers (regulator, internal, list audiences) are unique per
-- (step, channel, recipient), customers stay unique per (step, channel, customer). Partial index, which
-- schema.prisma cannot express: kept here on purpose. (No semicolons in comments: the migration runner
-- splits the script on them.)
CREATE UNIQUE INDEX "notification_step_channel_recipient_no_customer_key" ON "notification"("step_id", "channel", "recipient") WHERE "customer_id" IS NULL;
