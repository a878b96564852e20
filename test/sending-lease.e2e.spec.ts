import { auth, Harness, waitFor } from './support/harness';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';

/**
 * The sending lease: a worker renews it on the rows it holds, and when a renewal finds rows taken back (the
 * worker stalled longer than a lease, and another worker claimed them), it leaves those rows to the worker
 * that took them instead of sending them too.
 */
describe('A worker whose sending lease was taken back', () => {
  let h: Harness;
  const saved = { ...process.env };
  let release = () => undefined as void;

  beforeAll(async () => {
    // a 5 s lease (renewed every 1.25 s): with 2 s, a loaded run's test process (the worker runs in it) once
    // stalled past a lease right after the claim, the rows went back to the queue before the test saw the
    // batch claimed, and the one busy lane never took them again
    h = await Harness.start({ workers: 1, env: { SENDING_LEASE_MS: '5000', SEND_BATCH_SIZE: '60', SEND_CONCURRENCY: '2', WORKER_CONCURRENCY: '1' } });
  });
  afterAll(async () => {
    release();
    h.sink.delayMs = 0;
    await h.stop();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('does not send the rows another worker claimed after its lease lapsed', async () => {
    const prefix = uniq('lease');
    const n = 60;
    const { runbook, externalIds } = await seedRunbook(h, prefix, n);
    h.sink.delayMs = 100;
    // the sink holds the first messages, so the worker's two lanes stand still on two rows while the theft
    // happens and its lease renewal sees it (on a busy machine the lanes could otherwise reach the stolen rows
    // first: those would be in flight, which the product allows to repeat, not what this test is about)
    release = h.sink.hold();
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    await waitFor('the batch claimed', async () => (await h.prisma.notification.count({ where: { incidentId: body.id, state: 'sending' } })) === n);
    await waitFor('the lanes standing at the sink', async () => h.sink.held.length >= 2);

    // "another worker" claims 30 rows the lanes have not started (what a claim after a lapsed lease does: one
    // more attempt, sending)
    const stolen = await h.prisma.$queryRaw<{ id: string; recipient: string; at: Date }[]>`
      UPDATE notification SET attempts = attempts + 1, sending_at = now() WHERE id IN (
        SELECT id FROM notification WHERE incident_id = ${body.id}::uuid AND state = 'sending' AND NOT recipient = ANY(${h.sink.held}::text[])
        ORDER BY customer_id DESC LIMIT 30)
      RETURNING id::text, recipient, now() AS at`;
    expect(stolen).toHaveLength(30);
    // … and, being alive, renews its lease on them as every sending worker does: without this, on a busy
    // machine the first worker could still be busy when the stolen rows' lease lapsed, and the reconciler
    // would rightly hand them back out
    const ids = stolen.map((s) => s.id);
    const renew = setInterval(() => void h.prisma.$executeRaw`UPDATE notification SET sending_at = now() WHERE id = ANY(${ids}::uuid[]) AND state = 'sending'`.catch(() => undefined), 250);
    try {
      // two renewals by the first worker after the theft (it renews the rows it still holds): the first has
      // told it which rows were taken by the time the second runs
      const renewedAfter = async (t: Date) =>
        (await h.prisma.notification.count({ where: { incidentId: body.id, state: 'sending', id: { notIn: stolen.map((s) => s.id) }, sendingAt: { gt: t } } })) > 0;
      await waitFor('a lease renewal after the theft', async () => renewedAfter(stolen[0].at));
      const first = new Date();
      await waitFor('a second lease renewal', async () => renewedAfter(first));
      release();
      await waitFor('the first worker done with its batch', async () => (await h.prisma.notification.count({ where: { incidentId: body.id, state: 'sent' } })) >= n - 30);
      // the other worker sends them and records it (here the test plays that part)
      await h.prisma.notification.updateMany({ where: { id: { in: ids } }, data: { state: 'sent', sentAt: new Date() } });
    } finally {
      clearInterval(renew);
    }

    const byUs = stolen.filter((s) => h.sink.to(s.recipient).length > 0);
    expect(byUs).toEqual([]);
    const others = (await h.prisma.notification.findMany({ where: { incidentId: body.id, id: { notIn: stolen.map((s) => s.id) } } })).map((r) => r.recipient);
    for (const r of others) expect(h.sink.to(r)).toHaveLength(1);
  }, 240_000);
});
