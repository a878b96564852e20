import { inFlightBound } from '../src/dispatch/send-batch/in-flight-bound';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';
import { auth, Harness, waitFor } from './support/harness';
import { WorkerProcess } from './support/worker-process';

// Small enough that a batch is much larger than what one job can have in flight, so the bound below means something.
const SETTINGS = { SEND_BATCH_SIZE: 200, SEND_CONCURRENCY: 4, WORKER_CONCURRENCY: 2 };

/** What a kill -9 can repeat: the one in-flight bound (src/dispatch/send-batch/in-flight-bound.ts), for the one worker killed. */
const IN_FLIGHT_BOUND = inFlightBound(SETTINGS, 1);

describe('A worker process killed with SIGKILL in the middle of a fan-out', () => {
  let h: Harness;
  const children: WorkerProcess[] = [];

  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
  });
  afterAll(async () => {
    for (const c of children) await c.kill();
    await h.stop();
  });

  const workerEnv = () => ({
    ...Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, String(v)])),
    SMTP_URL: h.sink.url,
    RECONCILE_INTERVAL_MS: '300',
    // rows a dead worker left in `sending` go back to the queue after this (longer than any batch takes here)
    SENDING_LEASE_MS: '8000',
  });

  it('ends with every customer emailed once, duplicates within the in-flight bound, exact counters, step completed', async () => {
    const prefix = uniq('kill9');
    const n = 3000;
    const { runbook, externalIds } = await seedRunbook(h, prefix, n);
    const mine = () => h.sink.received.filter((m) => m.envelopeTo[0].startsWith(`${prefix}-`));
    h.sink.delayMs = 2;

    const first = await WorkerProcess.start(workerEnv());
    children.push(first);
    const { body: incident } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    await waitFor('a third of the mail sent', async () => mine().length >= n / 3, 300_000);
    await first.kill('SIGKILL');
    const atKill = mine().length;
    expect(atKill).toBeLessThan(n); // really killed mid-fan-out
    const leftSending = await h.prisma.notification.count({ where: { incidentId: incident.id, state: 'sending' } });

    children.push(await WorkerProcess.start(workerEnv()));
    const reach = await waitFor(
      'every notification sent',
      async () => {
        const r = await h.http.get(`/api/v1/incidents/${incident.id}/reach`).set(auth()).expect(200);
        return r.body.sent === n ? r.body : null;
      },
      180_000,
    );
    h.sink.delayMs = 0;

    // every customer got their email; some may have it twice, never more than the in-flight bound in total
    const notifications = await h.prisma.notification.findMany({ where: { incidentId: incident.id }, select: { id: true, recipient: true, state: true } });
    const byRecipient = new Map<string, string[]>();
    for (const m of mine()) byRecipient.set(m.envelopeTo[0], [...(byRecipient.get(m.envelopeTo[0]) ?? []), m.messageId]);
    let duplicates = 0;
    for (const note of notifications) {
      const ids = byRecipient.get(note.recipient) ?? [];
      expect(ids.length).toBeGreaterThanOrEqual(1);
      duplicates += ids.length - 1;
      // a repeat carries the same deterministic Message-ID: the receiving side can drop it
      for (const id of ids) expect(id).toBe(`<${note.id}@acme.test>`);
    }
    expect(byRecipient.size).toBe(n);
    expect(duplicates).toBeLessThanOrEqual(IN_FLIGHT_BOUND);
    expect(duplicates).toBeLessThanOrEqual(leftSending);
    console.log(`kill -9 at ${atKill}/${n} sent: ${leftSending} rows left in sending, ${duplicates} duplicate emails (bound ${IN_FLIGHT_BOUND})`);

    // the counters agree with the rows, and the step is closed
    expect(reach).toMatchObject({ affected: n, sent: n, reached: n, unreached: 0, pending: 0, queued: 0, sending: 0, failed: 0 });
    expect(reach.steps).toEqual([expect.objectContaining({ step: 'notify-customers', channel: 'email', state: 'completed', sent: n })]);
    expect(notifications.every((x) => x.state === 'sent')).toBe(true);
    const view = await h.http.get(`/api/v1/incidents/${incident.id}`).set(auth()).expect(200);
    expect(view.body.schedule[0].state).toBe('completed');
  }, 600_000); // its waits allow 300 s + 180 s: on a busy machine the default 60 s cut it short
});
