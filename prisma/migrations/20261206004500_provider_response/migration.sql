-- The receiving server's own words when it accepted a message ("250 2.0.0 Ok: queued as …"): the
-- evidence report shows them for authority recipients.
ALTER TABLE "notification" ADD COLUMN "provider_response" TEXT;
