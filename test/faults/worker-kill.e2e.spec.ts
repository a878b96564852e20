import { uniq } from '../factories/scenario.factory';
import { CountingSmtpSink } from '../support/counting-smtp-sink';
import { Harness, waitFor } from '../support/harness';
import { WorkerProcess } from '../support/worker-process';
import { declare, FAULT_ENV, POPULATION, seedPopulation, seedRunbook, settle, startHarness } from './fault-scenario';

/**
 * Worker processes killed with SIGKILL (no shutdown hook) twice in the middle of a fan-out served by two of
 * them. Leases the dead worker stopped renewing come back after SENDING_LEASE_MS (20 s by default); the live
 * worker's rows are never taken.
 */
describe('Worker processes killed with SIGKILL during a fan-out', () => {
  let h: Harness;
  let stop: () => Promise<void>;
  const sink = new CountingSmtpSink();
  const children: WorkerProcess[] = [];

  beforeAll(async () => {
    await sink.start();
    ({ h, stop } = await startHarness({ ...FAULT_ENV, SMTP_URL: sink.url }, 0));
  });
  afterAll(async () => {
    for (const c of children) await c.kill();
    await stop();
    await sink.stop();
  });

  const mine = (prefix: string) => sink.accepted.filter((a) => a.to.startsWith(`${prefix}-`)).length;
  const startWorker = async () => {
    const w = await WorkerProcess.start({ ...FAULT_ENV, SMTP_URL: sink.url }, 300_000); // LOG_LEVEL log: it waits for 'worker started'
    children.push(w);
    return w;
  };

  it('loses no customer, repeats at most what the killed workers had in flight, and recovers within a lease', async () => {
    const prefix = uniq('kill9x2');
    await seedPopulation(h.config.DATABASE_URL, prefix, POPULATION);
    const runbook = await seedRunbook(h, prefix);
    const [a, b] = [await startWorker(), await startWorker()];
    const incidentId = await declare(h, runbook, prefix);

    await waitFor('a quarter sent', async () => mine(prefix) >= POPULATION / 4, 600_000);
    await a.kill('SIGKILL');
    await startWorker();
    await waitFor('half sent', async () => mine(prefix) >= POPULATION / 2, 600_000);
    await b.kill('SIGKILL');
    const lastKill = Date.now();
    // what the dead worker held (and the live one's in-flight rows): back and sent within about a lease
    const held = (await h.prisma.notification.findMany({ where: { incidentId, state: 'sending' }, select: { id: true } })).map((r) => r.id);
    await startWorker();
    await waitFor('the killed worker\'s rows sent again', async () => (await h.prisma.notification.count({ where: { id: { in: held }, state: 'sent' } })) === held.length, 180_000);
    const heldBackS = (Date.now() - lastKill) / 1000;
    console.log(`kill -9: ${held.length} rows held in sending, all sent ${heldBackS.toFixed(1)} s after the kill (lease ${h.config.SENDING_LEASE_MS / 1000} s)`);
    expect(held.length).toBeGreaterThan(0);
    const figures = await settle({ databaseUrl: h.config.DATABASE_URL, incidentId, sink, prefix, n: POPULATION, fault: 'worker kill -9 twice (2 workers)', faultEndedAt: lastKill, workers: 2, config: h.config });

    expect(figures.lost).toBe(0);
    expect(figures.duplicates).toBeLessThanOrEqual(figures.inFlightBound); // one worker's bound per kill
    const notSent = await h.prisma.notification.count({ where: { incidentId, state: { not: 'sent' } } });
    expect(notSent).toBe(0);
  }, 1_500_000);
});
