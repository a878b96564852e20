-- Temporary failures are retried for a time budget counted from the first attempt (like an MTA's queue
-- lifetime), not for a number of attempts: an outage of the relay must only delay.
ALTER TABLE "notification" ADD COLUMN "first_attempt_at" TIMESTAMPTZ(3);
