import { Client } from 'pg';
import { wipeQueues } from './redis-keys';

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
  await wipeQueues(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', process.env.QUEUE_PREFIX ?? 'none');
}
