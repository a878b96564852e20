import Redis from 'ioredis';
import { ReconcilerService } from '../../src/dispatch/reconciler.service';
import { uniq } from '../factories/scenario.factory';
import { CountingSmtpSink } from '../support/counting-smtp-sink';
import { Harness, waitFor } from '../support/harness';
import { RedisServer } from '../support/redis-server';
import { declare, FAULT_ENV, POPULATION, seedPopulation, seedRunbook, settle, startHarness } from './fault-scenario';

/**
 * Redis (a server of the test's own) loses everything in the middle of a fan-out served by three workers:
 * FLUSHALL, then a crash and a restart empty. Postgres is the truth: the reconcilers — one pass at a time
 * across the workers — give the waiting rows new jobs once each, and every customer is told once.
 */
describe('Redis losing everything in the middle of a fan-out (three workers)', () => {
  let redis: RedisServer;
  let h: Harness;
  let stop: () => Promise<void>;
  const sink = new CountingSmtpSink();
  const WORKERS = 3;

  beforeAll(async () => {
    redis = await RedisServer.start();
    await sink.start();
    ({ h, stop } = await startHarness({ ...FAULT_ENV, SMTP_URL: sink.url, REDIS_URL: redis.url }, WORKERS));
  });
  afterAll(async () => {
    await stop();
    await redis.crash();
    await sink.stop();
  });

  const mine = (prefix: string) => sink.accepted.filter((a) => a.to.startsWith(`${prefix}-`)).length;
  const requeued = () => h.workers.reduce((n, w) => n + w.get(ReconcilerService).totals.requeued, 0);
  const waitingRows = async (incidentId: string) => h.prisma.notification.count({ where: { incidentId, state: { in: ['pending', 'queued'] } } });

  it('re-queues each waiting row once after FLUSHALL and tells everyone once', async () => {
    const prefix = uniq('flushall');
    await seedPopulation(h.config.DATABASE_URL, prefix, POPULATION);
    const runbook = await seedRunbook(h, prefix);
    const incidentId = await declare(h, runbook, prefix);
    await waitFor('a quarter sent', async () => mine(prefix) >= POPULATION / 4, 600_000);

    const before = requeued();
    const client = new Redis(redis.url);
    await client.flushall();
    await client.quit();
    const waiting = await waitingRows(incidentId);
    const figures = await settle({ databaseUrl: h.config.DATABASE_URL, incidentId, sink, prefix, n: POPULATION, fault: 'Redis FLUSHALL (3 workers)', faultEndedAt: Date.now(), workers: WORKERS, config: h.config });

    expect(figures.lost).toBe(0);
    expect(figures.duplicates).toBeLessThanOrEqual(figures.inFlightBound);
    // one pass at a time across the workers: no row was given two new jobs (plus the rows of jobs active at the flush)
    const given = requeued() - before;
    console.log(`after FLUSHALL: ${waiting} rows waiting, ${given} re-queued by ${WORKERS} reconcilers`);
    expect(given).toBeLessThanOrEqual(waiting + figures.inFlightBound);
  }, 1_500_000);

  it('tells everyone once when Redis is killed and comes back empty', async () => {
    const prefix = uniq('rediskill');
    await seedPopulation(h.config.DATABASE_URL, prefix, POPULATION);
    const runbook = await seedRunbook(h, prefix);
    const incidentId = await declare(h, runbook, prefix);
    await waitFor('a quarter sent', async () => mine(prefix) >= POPULATION / 4, 600_000);

    await redis.crash();
    await new Promise((r) => setTimeout(r, 5000)); // the outage itself
    await redis.up();
    const figures = await settle({ databaseUrl: h.config.DATABASE_URL, incidentId, sink, prefix, n: POPULATION, fault: 'Redis killed, restarted empty after 5 s (3 workers)', faultEndedAt: Date.now(), workers: WORKERS, config: h.config });

    expect(figures.lost).toBe(0);
    expect(figures.duplicates).toBeLessThanOrEqual(figures.inFlightBound);
  }, 1_500_000);
});
