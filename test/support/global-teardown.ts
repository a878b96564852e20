import Redis from 'ioredis';
import { Client } from 'pg';

/** Drops this run's database and deletes this run's queue keys (unless KEEP_TEST_DB is set). */
export default async function globalTeardown(): Promise<void> {
  if (process.env.KEEP_TEST_DB) return;
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const db = process.env.TOCSIN_TEST_DB;
  if (db) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `{${process.env.QUEUE_PREFIX}}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}
