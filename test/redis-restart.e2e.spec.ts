import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';
import { auth, Harness, waitFor } from './support/harness';
import { RedisServer } from './support/redis-server';

/**
 * Redis crashing and coming back empty (no persistence), not just a FLUSHALL: every connection of the API
 * and the worker drops mid-fan-out. Postgres is the truth: the reconciler re-adds what Redis lost.
 */
describe('Redis restarted in the middle of a fan-out', () => {
  let redis: RedisServer;
  let h: Harness;

  beforeAll(async () => {
    redis = await RedisServer.start();
    h = await Harness.start({ workers: 1, env: { REDIS_URL: redis.url, SEND_BATCH_SIZE: '20', SEND_CONCURRENCY: '4', WORKER_CONCURRENCY: '2' } });
  });
  afterAll(async () => {
    // closing BullMQ connections to a Redis that is gone can wait forever: bring it back first
    if (!redis.running) await redis.up();
    await h.stop();
    await redis.crash();
  });

  it('sends every notice exactly once after Redis crashed and restarted empty', async () => {
    const prefix = uniq('restart');
    const n = 600;
    const { runbook, externalIds } = await seedRunbook(h, prefix, n);
    const mine = () => h.sink.received.filter((m) => m.envelopeTo[0].startsWith(`${prefix}-`));
    h.sink.delayMs = 3;
    const { body: incident } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    await waitFor('a fifth sent', async () => mine().length >= n / 5, 60_000);
    await redis.crash();
    const atCrash = mine().length;
    await new Promise((r) => setTimeout(r, 1500)); // down for a moment: the worker finishes what it holds
    await redis.up();
    expect(atCrash).toBeLessThan(n);

    await waitFor('every notification sent', async () => (await h.http.get(`/api/v1/incidents/${incident.id}/reach`).set(auth())).body.sent === n, 120_000);
    h.sink.delayMs = 0;
    const counts = new Map<string, number>();
    for (const m of mine()) counts.set(m.envelopeTo[0], (counts.get(m.envelopeTo[0]) ?? 0) + 1);
    const duplicates = [...counts.values()].reduce((s, c) => s + c - 1, 0);
    console.log(`Redis crashed at ${atCrash}/${n} sent; ${duplicates} duplicates`);
    expect(counts.size).toBe(n);
    expect(duplicates).toBe(0);
    const { body: reach } = await h.http.get(`/api/v1/incidents/${incident.id}/reach`).set(auth()).expect(200);
    expect(reach).toMatchObject({ affected: n, sent: n, reached: n, unreached: 0, queued: 0, sending: 0 });
    await waitFor('step completed', async () => (await h.http.get(`/api/v1/incidents/${incident.id}`).set(auth())).body.schedule[0].state === 'completed');
  }, 180_000);

  it('with Redis down: /health is 503, queue-only routes 503 queue_unavailable, a declare is kept and sent once Redis is back', async () => {
    const prefix = uniq('down');
    const n = 30;
    const { runbook, externalIds } = await seedRunbook(h, prefix, n);
    await redis.crash();
    try {
      const health = await h.http.get('/health').expect(503);
      expect(health.body.error).toMatchObject({ code: 'queue_unavailable', details: { redis: { status: 'down' }, database: { status: 'up' } } });

      const board = await h.http.get('/admin/queues/api/queues').set(auth()).expect(503);
      expect(board.body.error.code).toBe('queue_unavailable');

      // the declare is Postgres's: recorded and answered (the reconciler fires its fan-out when Redis returns)
      const started = Date.now();
      const declared = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
      expect(Date.now() - started).toBeLessThan(10_000);
      const reach = await h.http.get(`/api/v1/incidents/${declared.body.id}/reach`).set(auth()).expect(200);
      expect(reach.body).toMatchObject({ affected: n, sent: 0 });

      await redis.up();
      await waitFor('sent once Redis is back', async () => (await h.http.get(`/api/v1/incidents/${declared.body.id}/reach`).set(auth())).body.sent === n, 60_000);
      for (let i = 0; i < n; i++) expect(h.sink.to(`${prefix}-${i}@customers.test`)).toHaveLength(1);
      await h.http.get('/health').expect(200);
    } finally {
      if (!redis.running) await redis.up();
    }
  }, 240_000);
});
