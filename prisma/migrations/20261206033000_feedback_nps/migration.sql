-- Net Promoter Score on the notice page (issue 20 item 3), optional so earlier answers stay valid
ALTER TABLE "notice_feedback" ADD COLUMN "nps" INTEGER, ADD COLUMN "nps_reason" TEXT;
ALTER TABLE "notice_feedback" ADD CONSTRAINT "notice_feedback_nps_range" CHECK ("nps" IS NULL OR "nps" BETWEEN 0 AND 10);
