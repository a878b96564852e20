import { signBody } from '../src/tracking/event-signature.guard';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';
import { consoleLogin } from './support/console-session';
import { auth, Harness, waitFor } from './support/harness';

const SECRET = 'test-events-secret-suppressions-01';

/** Issue 15: a suppression belongs to the address that bounced, not to the customer; comms can lift one, audited. */
describe('Suppressions per address', () => {
  let h: Harness;
  let prefix: string;
  let runbook: string;
  let externalIds: string[];
  const bouncedAddress = () => `${prefix}-1@customers.test`;

  const event = (body: object) => {
    const raw = JSON.stringify(body);
    return h.http.post('/api/v1/events/email').set('Content-Type', 'application/json').set('X-Tocsin-Signature', signBody(SECRET, raw)).send(raw).expect(200);
  };
  const declare = async (ids: string[]) => {
    const id = (await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, ids)).expect(201)).body.id as string;
    await waitFor('notices settled', async () => (await h.prisma.notification.count({ where: { incidentId: id, state: { in: ['sent', 'suppressed', 'failed'] } } })) === ids.length);
    return id;
  };

  beforeAll(async () => {
    h = await Harness.start({ env: { EVENTS_SIGNING_SECRET: SECRET } });
    prefix = uniq('supp');
    ({ runbook, externalIds } = await seedRunbook(h, prefix, 3));
    const first = await declare(externalIds);
    const n = await h.prisma.notification.findFirstOrThrow({ where: { incidentId: first, recipient: bouncedAddress() } });
    await event({ type: 'bounced', notificationId: n.id, status: '5.1.1', reason: '550 5.1.1 user unknown' });
  });
  afterAll(() => h.stop());

  it('suppresses the address that bounced, so the next incident does not use it', async () => {
    const list = (await h.http.get('/api/v1/suppressions').query({ address: `${prefix}-1@` }).set(auth()).expect(200)).body;
    expect(list.items).toEqual([
      expect.objectContaining({ channel: 'email', address: bouncedAddress(), customer: { externalId: `${prefix}-1`, name: expect.any(String) }, reason: expect.stringContaining('5.1.1') }),
    ]);
    const second = await declare([`${prefix}-1`]);
    expect(await h.prisma.notification.findFirstOrThrow({ where: { incidentId: second } })).toMatchObject({ state: 'suppressed', lastError: expect.stringMatching(/^suppressed: hard bounce/) });
  });

  it('tries a corrected address: the customer is not suppressed, the old address still is', async () => {
    const corrected = `${prefix}-1-new@customers.test`;
    await h.http.put(`/api/v1/customers/${prefix}-1`).set(auth()).send({ email: corrected, name: 'Corrected', attributes: { plan: 'pro', accountNo: 'ACC-1' } }).expect(200);
    const third = await declare([`${prefix}-1`]);
    expect(await h.prisma.notification.findFirstOrThrow({ where: { incidentId: third } })).toMatchObject({ state: 'sent', recipient: corrected });
    expect(h.sink.to(corrected)).toHaveLength(1);
    expect((await h.http.get('/api/v1/suppressions').query({ customer: `${prefix}-1` }).set(auth()).expect(200)).body.items.map((s: { address: string }) => s.address)).toEqual([bouncedAddress()]);
  });

  it('lets comms lift a suppression with a reason, recorded in the audit trail; 4xx for the rest', async () => {
    const viewerKey = (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: `${prefix}-viewer`, role: 'viewer' }).expect(201)).body.secret;
    await h.http.get('/api/v1/suppressions').set(auth(viewerKey)).expect(403);
    const body = { channel: 'email', address: bouncedAddress(), reason: 'Customer says the mailbox was recreated (call 2026-12-06)' };
    await h.http.post('/api/v1/suppressions/lift').set(auth(viewerKey)).send(body).expect(403);
    expect((await h.http.post('/api/v1/suppressions/lift').set(auth()).send({ ...body, reason: '' }).expect(400)).body.error.code).toBe('validation_failed');
    expect((await h.http.post('/api/v1/suppressions/lift').set(auth()).send({ ...body, address: 'nobody@customers.test' }).expect(404)).body.error.code).toBe('not_found');
    await h.http.get('/api/v1/suppressions').query({ cursor: 'not-a-cursor' }).set(auth()).expect(400);

    const lifted = (await h.http.post('/api/v1/suppressions/lift').set(auth()).send(body).expect(200)).body.lifted;
    expect(lifted).toMatchObject({ channel: 'email', address: bouncedAddress(), reason: expect.stringContaining('5.1.1'), customer: { externalId: `${prefix}-1` }, incidentId: expect.any(String) });
    expect((await h.http.get('/api/v1/suppressions').query({ address: bouncedAddress() }).set(auth()).expect(200)).body.items).toEqual([]);
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'suppression.lifted', entityId: `email:${bouncedAddress()}` } });
    expect(audit.data).toMatchObject({ reason: body.reason, suppressedBecause: expect.stringContaining('5.1.1') });
    await h.http.post('/api/v1/suppressions/lift').set(auth()).send(body).expect(404);
  });

  it('lists and lifts suppressions in the console (comms only)', async () => {
    const n = await h.prisma.notification.findFirstOrThrow({ where: { recipient: `${prefix}-2@customers.test` } });
    await event({ type: 'complained', notificationId: n.id });
    const comms = await consoleLogin(h, 'comms');
    const page = (await comms.agent.get('/console/suppressions').query({ q: prefix }).expect(200)).text;
    expect(page).toContain(`${prefix}-2@customers.test`);
    expect(page).toMatch(/complaint/);
    const missing = await comms.agent.post('/console/suppressions/lift').type('form').send({ _csrf: comms.csrf, channel: 'email', address: `${prefix}-2@customers.test`, reason: '' });
    expect(missing.status).toBe(400);
    await comms.agent.post('/console/suppressions/lift').type('form').send({ _csrf: comms.csrf, channel: 'email', address: `${prefix}-2@customers.test`, reason: 'Opted back in by phone' }).expect(303);
    expect((await comms.agent.get("/console/suppressions").query({ q: prefix }).expect(200)).text).not.toContain(`<td>email</td><td>${prefix}-2@customers.test</td>`);
    expect(await h.prisma.auditEvent.count({ where: { action: 'suppression.lifted', entityId: `email:${prefix}-2@customers.test`, actorName: { not: null } } })).toBe(1);

    const agent = await consoleLogin(h, 'agent');
    expect((await agent.agent.get('/console/suppressions')).status).toBe(403);
  });
});
