import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Client } from 'pg';
import { contractCounterFile } from './openapi-contract';
import { startedServices } from './local-services';
import { workerDatabase } from './run-databases';
import { wipeQueues } from './redis-keys';

/** Drops this run's database and deletes this run's queue keys (unless KEEP_TEST_DB is set), then stops what the setup started. */
export default async function globalTeardown(): Promise<void> {
  reportContract();
  try {
    await dropRunData();
  } finally {
    // servers started by the setup because none answered (their data goes with them)
    for (const s of startedServices.list) await s.stop();
  }
}

async function dropRunData(): Promise<void> {
  if (process.env.KEEP_TEST_DB) return;
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const base = process.env.TOCSIN_TEST_DB;
  if (base) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    for (let w = 1; w <= Number(process.env.TOCSIN_TEST_WORKERS ?? '1'); w++) await admin.query(`DROP DATABASE IF EXISTS ${workerDatabase(base, w)} WITH (FORCE)`);
    await admin.end();
  }
  // every worker's prefix (test-<run>-w<n>) and those tests derive from it (…-throttling, …-dev)
  await wipeQueues(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', process.env.QUEUE_PREFIX ?? 'none', { andDerived: true });
}

/** How many answers the run checked against the OpenAPI document (test/support/openapi-contract.ts). */
function reportContract(): void {
  const file = contractCounterFile();
  if (!existsSync(file)) return;
  const rows = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { validated: number; outOfScope: number; operations: string[] });
  const validated = rows.reduce((n, r) => n + r.validated, 0);
  const outOfScope = rows.reduce((n, r) => n + r.outOfScope, 0);
  const operations = new Set(rows.flatMap((r) => r.operations));
  console.log(`\nOpenAPI contract: ${validated} responses validated against the document (${operations.size} operation/status pairs, ${rows.length} test files); ${outOfScope} answers from pages outside the API not checked.`);
  rmSync(file, { force: true });
}
