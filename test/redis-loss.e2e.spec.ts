import { auth, Harness, waitFor } from './support/harness';
import { wipeQueues } from './support/redis-keys';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';

/** Postgres is the truth; Redis may lose everything at any moment and every notice still goes out once. */
describe('Losing Redis state', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await Harness.start({ workers: 0, env: { SEND_BATCH_SIZE: '20', SEND_CONCURRENCY: '4', WORKER_CONCURRENCY: '1' } });
  });
  afterEach(() => h.stopWorkers());
  afterAll(() => h.stop());

  const exactlyOnce = (prefix: string, n: number) => {
    for (let i = 0; i < n; i++) expect(h.sink.to(`${prefix}-${i}@customers.test`)).toHaveLength(1);
  };

  it('still notifies everyone when the queue is wiped between declare and fan-out', async () => {
    const prefix = uniq('flush1');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 50);
    const res = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    expect(await wipeQueues(h.config.REDIS_URL, h.config.QUEUE_PREFIX)).toBeGreaterThan(0);

    await h.startWorker();
    await waitFor('all sent', async () => {
      const r = await h.http.get(`/api/v1/incidents/${res.body.id}/reach`).set(auth());
      return r.body.sent === 50;
    });
    exactlyOnce(prefix, 50);
  });

  it('sends each notice exactly once when the queue is wiped in the middle of sending', async () => {
    const prefix = uniq('flush2');
    const n = 200;
    const { runbook, externalIds } = await seedRunbook(h, prefix, n);
    h.sink.delayMs = 5;
    await h.startWorker();
    const res = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    await waitFor('some mail sent', async () => h.sink.received.filter((m) => m.envelopeTo[0].startsWith(prefix)).length >= 30);
    await wipeQueues(h.config.REDIS_URL, h.config.QUEUE_PREFIX);
    const atWipe = h.sink.received.filter((m) => m.envelopeTo[0].startsWith(prefix)).length;
    expect(atWipe).toBeLessThan(n); // the wipe really happened mid-fan-out

    const reach = await waitFor('all sent', async () => {
      const r = await h.http.get(`/api/v1/incidents/${res.body.id}/reach`).set(auth());
      return r.body.sent === n ? r.body : null;
    }, 240_000);
    h.sink.delayMs = 0;
    expect(reach).toMatchObject({ affected: n, sent: n, unreached: 0 });
    exactlyOnce(prefix, n);
  });

  it('resumes sending when a worker is stopped mid-fan-out and another starts', async () => {
    const prefix = uniq('restart');
    const n = 150;
    const { runbook, externalIds } = await seedRunbook(h, prefix, n);
    h.sink.delayMs = 5;
    await h.startWorker();
    const res = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    await waitFor('some mail sent', async () => h.sink.received.filter((m) => m.envelopeTo[0].startsWith(prefix)).length >= 20);
    await h.stopWorkers(); // graceful: the active batch finishes, waiting jobs stay in Redis
    expect(await h.prisma.notification.count({ where: { incidentId: res.body.id, state: 'sending' } })).toBe(0);
    const atStop = h.sink.received.filter((m) => m.envelopeTo[0].startsWith(prefix)).length;
    expect(atStop).toBeLessThan(n);
    await h.startWorker();
    await waitFor('all sent', async () => {
      const r = await h.http.get(`/api/v1/incidents/${res.body.id}/reach`).set(auth());
      return r.body.sent === n;
    }, 240_000);
    h.sink.delayMs = 0;
    exactlyOnce(prefix, n);
  });
});
