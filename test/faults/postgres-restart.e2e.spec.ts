import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { uniq } from '../factories/scenario.factory';
import { CountingSmtpSink } from '../support/counting-smtp-sink';
import { auth, Harness, waitFor } from '../support/harness';
import { PostgresServer } from '../support/postgres-server';
import { declare, FAULT_ENV, POPULATION, seedPopulation, seedRunbook, settle, startHarness } from './fault-scenario';

/**
 * PostgreSQL (a server of the test's own) is stopped in the middle of a fan-out and started again 15 s
 * later. Write-backs fail and are retried, the batches stop starting sends, leases are not taken from live
 * workers: what repeats is at most what was in flight, and sending resumes by itself.
 */
describe('A PostgreSQL restart in the middle of a fan-out', () => {
  let pg: PostgresServer;
  let h: Harness;
  let stop: () => Promise<void>;
  const sink = new CountingSmtpSink();
  const DOWN_MS = 15_000;
  const WORKERS = 2;

  beforeAll(async () => {
    pg = await PostgresServer.start();
    const admin = new Client({ connectionString: pg.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE tocsin');
    await admin.end();
    // the committed migrations, as for the run's own database (test/support/global-setup.ts)
    execFileSync(path.resolve(__dirname, '../../node_modules/.bin/prisma'), ['migrate', 'deploy', '--config', 'prisma/prisma.config.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, DATABASE_URL: pg.url('tocsin') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await sink.start();
    ({ h, stop } = await startHarness({ ...FAULT_ENV, SMTP_URL: sink.url, DATABASE_URL: pg.url('tocsin') }, WORKERS));
  }, 240_000);
  afterAll(async () => {
    try {
      await stop?.();
      await sink.stop();
    } finally {
      pg?.destroy(); // never leave a PostgreSQL of our own running
    }
  });

  const mine = (prefix: string) => sink.accepted.filter((a) => a.to.startsWith(`${prefix}-`)).length;

  it('loses no customer and repeats at most what was in flight', async () => {
    const prefix = uniq('pgdown');
    await seedPopulation(h.config.DATABASE_URL, prefix, POPULATION);
    const runbook = await seedRunbook(h, prefix);
    const incidentId = await declare(h, runbook, prefix);
    await waitFor('a quarter sent', async () => mine(prefix) >= POPULATION / 4, 600_000);

    pg.down('fast');
    const atStop = mine(prefix);
    // the API answers 503 naming the database, not a 500, while it is away
    const during = await h.http.get(`/api/v1/incidents/${incidentId}`).set(auth());
    expect({ status: during.status, code: during.body?.error?.code }).toEqual({ status: 503, code: 'service_unavailable' });
    await new Promise((r) => setTimeout(r, DOWN_MS)); // the outage itself
    const duringOutage = mine(prefix) - atStop;
    pg.up();
    const figures = await settle({ databaseUrl: h.config.DATABASE_URL, incidentId, sink, prefix, n: POPULATION, fault: `PostgreSQL stopped for ${DOWN_MS / 1000} s`, faultEndedAt: Date.now(), workers: WORKERS, config: h.config });

    expect(figures.lost).toBe(0);
    // sends stop with the first failed write-back: what went out meanwhile is what was in flight
    expect(duringOutage).toBeLessThanOrEqual(figures.inFlightBound);
    expect(figures.duplicates).toBeLessThanOrEqual(figures.inFlightBound);
    const notSent = await h.prisma.notification.count({ where: { incidentId, state: { not: 'sent' } } });
    expect(notSent).toBe(0);
  }, 1_500_000);
});
