import { auth, Harness, waitFor } from './support/harness';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';

describe('The incident lifecycle', () => {
  // a busy machine (the loaded test run) makes every wait longer: the waits below allow for it, so must the tests
  jest.setTimeout(600_000);
  let h: Harness;
  const sentTo = (prefix: string) => h.sink.received.filter((m) => m.envelopeTo[0]?.startsWith(`${prefix}-`)).length;
  const reach = async (id: string) => (await h.http.get(`/api/v1/incidents/${id}/reach`).set(auth())).body;
  const act = (id: string, action: string, body: object = {}) => h.http.post(`/api/v1/incidents/${id}/${action}`).set(auth()).send(body);

  beforeAll(async () => {
    h = await Harness.start({ workers: 1, env: { SEND_BATCH_SIZE: '10', SEND_CONCURRENCY: '2', WORKER_CONCURRENCY: '1' } });
  });
  afterAll(() => h.stop());
  afterEach(() => {
    h.sink.delayMs = 0;
  });

  it('stops sending within a batch on pause and carries on, once each, on resume', async () => {
    const prefix = uniq('pause');
    const n = 120;
    const { runbook, externalIds } = await seedRunbook(h, prefix, n);
    h.sink.delayMs = 10;
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    await waitFor('first mails', async () => sentTo(prefix) >= 10, 120_000);
    await act(body.id, 'pause', { reason: 'wrong hotline number' }).expect(200, { id: body.id, state: 'paused', previousState: 'notifying' });
    const [{ now: pausedAt }] = await h.prisma.$queryRaw<{ now: Date }[]>`SELECT now()`;
    // what the promise is: the pause stops new claims; sends already claimed (in flight) may still land
    await waitFor('the sends in flight at the pause to land', async () => (await h.prisma.notification.count({ where: { incidentId: body.id, state: 'sending' } })) === 0, 120_000);
    await h.reconciler().tick(); // the scheduler's repairs while paused must not start anything either
    const whilePaused = await h.prisma.notification.count({ where: { incidentId: body.id, state: 'sent' } });
    expect(sentTo(prefix)).toBe(whilePaused); // every message that went out is recorded, nothing more
    expect(whilePaused).toBeLessThan(n);

    const [{ now: resumedAt }] = await h.prisma.$queryRaw<{ now: Date }[]>`SELECT now()`;
    await act(body.id, 'resume').expect(200);
    const r = await waitFor('all sent and the step complete', async () => {
      const x = await reach(body.id);
      return x.sent === n && x.state === 'monitoring' ? x : null; // the step closes just after its last batch
    }, 240_000);
    expect(r.steps[0].state).toBe('completed');
    for (let i = 0; i < n; i++) expect(h.sink.to(`${prefix}-${i}@customers.test`)).toHaveLength(1);
    // nothing was claimed between the pause and the resume
    const claimedWhilePaused = await h.prisma.notification.count({ where: { incidentId: body.id, firstAttemptAt: { gt: pausedAt, lt: resumedAt } } });
    expect(claimedWhilePaused).toBe(0);
  });

  it('cancels: what was waiting is suppressed with the reason, and nothing comes back', async () => {
    const prefix = uniq('cancel');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 60);
    h.sink.delayMs = 10;
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    await waitFor('first mails', async () => sentTo(prefix) >= 5, 120_000);
    await act(body.id, 'cancel').expect(200);
    await waitFor('the sends in flight at the cancel to land', async () => (await h.prisma.notification.count({ where: { incidentId: body.id, state: 'sending' } })) === 0, 120_000);
    const r = await reach(body.id);
    expect(r.state).toBe('cancelled');
    expect(r.sent + r.suppressed).toBe(60);
    expect(r.suppressed).toBeGreaterThan(0);
    expect(sentTo(prefix)).toBe(r.sent);
    const suppressed = await h.prisma.notification.findFirstOrThrow({ where: { incidentId: body.id, state: 'suppressed' } });
    expect(suppressed.lastError).toBe('incident cancelled');
    const again = await act(body.id, 'resume').expect(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('cancelled'), details: { state: 'cancelled' } });
  });

  it('refuses transitions that are not allowed with 409 naming the current state, and goes resolved → closed', async () => {
    const prefix = uniq('flow');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 3);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    await act(body.id, 'close').expect(409);
    await waitFor('monitoring', async () => (await reach(body.id)).state === 'monitoring');
    const early = await act(body.id, 'close').expect(409);
    expect(early.body.error.message).toContain('monitoring');
    await act(body.id, 'resolve').expect(200, { id: body.id, state: 'resolved', previousState: 'monitoring' });
    // a resolved incident can be paused (its post-resolution steps may be sending) and resumes to resolved
    await act(body.id, 'pause').expect(200);
    await act(body.id, 'resume').expect(200, { id: body.id, state: 'resolved', previousState: 'paused' });
    await act(body.id, 'close').expect(200);
    const closed = await h.prisma.incident.findUniqueOrThrow({ where: { id: body.id } });
    expect(closed.closedAt).not.toBeNull(); // starts the marketing-hold cool-down
    const hold = await h.http.get(`/api/v1/holds/${externalIds[0]}`).set(auth()).expect(200);
    expect(hold.body.onHold).toBe(true); // still on hold during the cool-down after close

    const timeline = await h.http.get(`/api/v1/incidents/${body.id}/timeline`).set(auth()).expect(200);
    const actions = timeline.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['incident.declared', 'incident.notifying', 'step.completed', 'incident.monitoring', 'incident.resolve', 'incident.pause', 'incident.resume', 'incident.close']);
    expect(timeline.body.items[4]).toMatchObject({ actor: expect.stringContaining('bootstrap admin'), data: { before: 'monitoring', after: 'resolved' } });
  });

  it('needs the commander role and a real incident', async () => {
    const viewer = await h.http.post('/api/v1/api-keys').set(auth()).send({ name: 'v', role: 'viewer' }).expect(201);
    await h.http.post('/api/v1/incidents/00000000-0000-4000-8000-000000000000/pause').set(auth(viewer.body.secret)).send({}).expect(403);
    await act('00000000-0000-4000-8000-000000000000', 'pause').expect(404);
    await h.http.post('/api/v1/incidents/00000000-0000-4000-8000-000000000000/explode').set(auth()).send({}).expect(404);
  });
});
