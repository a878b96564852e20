// Prepares what the tests need on the real services: a fresh PostgreSQL database with the committed
// migrations applied by `prisma migrate deploy`, and a BullMQ prefix unique to this run.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';

export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const run = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const dbName = `tocsin_test_${run}`;
  const admin = new Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`Tests need PostgreSQL at ${adminUrl} (set TEST_DATABASE_ADMIN_URL): ${(e as Error).message}`);
  }
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  process.env.DATABASE_URL = url.toString();
  process.env.TOCSIN_TEST_DB = dbName;
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  process.env.QUEUE_PREFIX = `test-${run}`;
  process.env.NOTICE_TOKEN_SECRET ??= randomBytes(32).toString('hex'); // the notice links' key (required outside development)

  const root = path.resolve(__dirname, '../..');
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy', '--config', 'prisma/prisma.config.ts'], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
