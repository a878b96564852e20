import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signBody } from '../src/tracking/event-signature.guard';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';
import { auth, Harness, waitFor } from './support/harness';

const SECRET = 'test-events-secret-0123456789';
const sample = (name: string) => readFileSync(path.join(__dirname, 'fixtures/dsn', name), 'utf8');
/** A real DSN sample, pointed at one of this test's notifications. */
const dsnFor = (name: string, placeholder: string, notificationId: string) => sample(name).split(placeholder).join(notificationId);

describe('POST /api/v1/events/email without EVENTS_SIGNING_SECRET', () => {
  let h: Harness;
  beforeAll(async () => {
    delete process.env.EVENTS_SIGNING_SECRET;
    h = await Harness.start({ workers: 0 });
  });
  afterAll(() => h.stop());

  it('answers 503 events_disabled, saying how to enable events', async () => {
    const res = await h.http.post('/api/v1/events/email').set('Content-Type', 'application/json').send('{}').expect(503);
    expect(res.body.error).toMatchObject({ code: 'events_disabled' });
    expect(res.body.error.message).toContain('EVENTS_SIGNING_SECRET');
  });
});

describe('POST /api/v1/events/email', () => {
  let h: Harness;
  let incidentId: string;
  let ids: string[];

  beforeAll(async () => {
    h = await Harness.start({ env: { EVENTS_SIGNING_SECRET: SECRET } });
    const prefix = uniq('events');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 8);
    incidentId = (await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201)).body.id;
    await waitFor('all sent', async () => (await h.prisma.notification.count({ where: { incidentId, state: 'sent' } })) === 8);
    ids = (await h.prisma.notification.findMany({ where: { incidentId }, orderBy: { recipient: 'asc' } })).map((n) => n.id);
  });
  afterAll(() => h.stop());

  const post = (body: string, contentType: string, signature = signBody(SECRET, body)) =>
    h.http.post('/api/v1/events/email').set('Content-Type', contentType).set('X-Tocsin-Signature', signature).send(body);
  const json = (events: unknown) => post(JSON.stringify(events), 'application/json');
  const notification = (id: string) => h.prisma.notification.findUniqueOrThrow({ where: { id } });
  const evidence = (id: string) => h.prisma.deliveryEvent.findMany({ where: { notificationId: id }, orderBy: { id: 'asc' } });

  it('refuses a missing, malformed or wrong signature with 401, and needs no API key', async () => {
    const body = JSON.stringify({ type: 'delivered', notificationId: ids[0] });
    const none = await h.http.post('/api/v1/events/email').set('Content-Type', 'application/json').send(body).expect(401);
    expect(none.body.error.code).toBe('unauthorized');
    await post(body, 'application/json', 'sha256=abc').expect(401);
    await post(body, 'application/json', signBody('another-secret-0123456789', body)).expect(401);
    // signed over other bytes: a re-serialised body does not pass
    await post(JSON.stringify({ notificationId: ids[0], type: 'delivered' }), 'application/json', signBody(SECRET, body)).expect(401);
    expect((await notification(ids[0])).state).toBe('sent');
  });

  it('answers 4xx for bodies it cannot read', async () => {
    expect((await post('{"type":', 'application/json').expect(400)).body.error.code).toBe('malformed_body');
    const invalid = await json({ type: 'opened', notificationId: ids[0] }).expect(400);
    expect(invalid.body.error).toMatchObject({ code: 'validation_failed' });
    expect((await json({ type: 'delivered' }).expect(400)).body.error.message).toContain('notificationId or messageId');
    await json([]).expect(400);
    await post('hello', 'application/pdf').expect(415);
    await post('', 'message/rfc822').expect(400);
  });

  it('moves sent → delivered, then delivered → bounced with the reason, by id or Message-ID', async () => {
    const delivered = await json({ type: 'delivered', notificationId: ids[0], at: '2026-11-26T05:00:00Z' }).expect(200);
    expect(delivered.body).toEqual({ received: 1, applied: 1, events: [{ notificationId: ids[0], kind: 'delivered', status: null, matched: true, applied: true }] });
    expect(await notification(ids[0])).toMatchObject({ state: 'delivered', deliveredAt: new Date('2026-11-26T05:00:00Z') });

    const bounced = await json([{ type: 'bounced', messageId: `<${ids[0]}@acme.test>`, reason: '550 5.1.1 mailbox unavailable', status: '5.1.1' }]).expect(200);
    expect(bounced.body.applied).toBe(1);
    const n = await notification(ids[0]);
    expect(n).toMatchObject({ state: 'bounced', lastError: '550 5.1.1 mailbox unavailable' });
    expect(n.bouncedAt).toBeInstanceOf(Date);
    // a late "delivered" does not undo the bounce (compare-and-set)
    expect((await json({ type: 'delivered', notificationId: ids[0] }).expect(200)).body.applied).toBe(0);
    expect((await notification(ids[0])).state).toBe('bounced');
    expect(await h.prisma.suppression.findFirst({ where: { notificationId: ids[0] } })).toMatchObject({ channel: 'email' });
  });

  it('treats a bounced event with a 4.x.x status as a soft bounce: recorded, not bounced', async () => {
    const res = await json({ type: 'bounced', notificationId: ids[1], status: '4.2.2', reason: 'mailbox full' }).expect(200);
    expect(res.body.events[0]).toMatchObject({ kind: 'soft_bounce', applied: false, matched: true });
    expect((await notification(ids[1])).state).toBe('sent');
    expect(await evidence(ids[1])).toEqual([expect.objectContaining({ kind: 'soft_bounce', source: 'json', status: '4.2.2', applied: false })]);
  });

  it('records a complaint once and suppresses the channel, keeping the state', async () => {
    const first = await json({ type: 'complained', notificationId: ids[2] }).expect(200);
    const again = await json({ type: 'complained', notificationId: ids[2] }).expect(200);
    expect([first.body.applied, again.body.applied]).toEqual([1, 0]);
    const n = await notification(ids[2]);
    expect(n.state).toBe('sent');
    expect(n.complainedAt).toBeInstanceOf(Date);
    expect((await h.prisma.suppression.findFirst({ where: { notificationId: ids[2] } }))?.reason).toMatch(/^complaint/);
    expect(await evidence(ids[2])).toHaveLength(2);
  });

  it('accepts events for unknown notifications without changing anything (matched: false)', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await json([{ type: 'delivered', notificationId: unknown }, { type: 'bounced', messageId: '<someone-else@example.org>' }]).expect(200);
    expect(res.body.events.map((e: { matched: boolean; applied: boolean }) => [e.matched, e.applied])).toEqual([[false, false], [false, false]]);
  });

  it('marks a notification bounced from a real Postfix DSN (5.1.1) and keeps the message as evidence', async () => {
    const dsn = dsnFor('postfix-hard-bounce-5.1.1.eml', '11111111-2222-4333-8444-555555555555', ids[3]);
    const res = await post(dsn, 'message/rfc822').expect(200);
    expect(res.body.events).toEqual([{ notificationId: ids[3], kind: 'hard_bounce', status: '5.1.1', matched: true, applied: true }]);
    const n = await notification(ids[3]);
    expect(n.state).toBe('bounced');
    expect(n.lastError).toContain('5.1.1');
    const [e] = await evidence(ids[3]);
    expect(e).toMatchObject({ kind: 'hard_bounce', source: 'dsn', applied: true, incidentId, customerId: n.customerId });
    expect(e.raw).toBe(dsn);
    // the same DSN delivered twice changes nothing more
    expect((await post(dsn, 'text/plain').expect(200)).body.applied).toBe(0);
  });

  it('does not bounce on a real Postfix delay warning (4.4.1) or on automatic replies', async () => {
    const delayed = await post(dsnFor('postfix-delayed-4.4.1.eml', '66666666-7777-4888-9999-aaaaaaaaaaaa', ids[4]), 'message/rfc822').expect(200);
    expect(delayed.body.events[0]).toMatchObject({ kind: 'soft_bounce', status: '4.4.1', matched: true, applied: false });
    const ooo = await post(dsnFor('exchange-out-of-office.eml', 'a9b8c7d6-e5f4-4a3b-8c2d-1e0f9a8b7c6d', ids[5]), 'message/rfc822').expect(200);
    expect(ooo.body.events[0]).toMatchObject({ kind: 'auto_reply', matched: true, applied: false });
    const vacation = await post(sample('vacation-auto-reply.eml'), 'message/rfc822').expect(200);
    expect(vacation.body.events[0]).toMatchObject({ kind: 'auto_reply', notificationId: null, matched: false });
    expect((await notification(ids[4])).state).toBe('sent');
    expect((await notification(ids[5])).state).toBe('sent');
    expect(await h.prisma.suppression.count({ where: { notificationId: { in: [ids[4], ids[5]] } } })).toBe(0);
  });

  it('takes a JSON failed event as final without suppressing the address', async () => {
    const res = await json({ type: 'failed', notificationId: ids[7], status: '4.4.7', reason: 'retry window exhausted' }).expect(200);
    expect(res.body.events[0]).toMatchObject({ kind: 'failed', applied: true });
    expect(await notification(ids[7])).toMatchObject({ state: 'failed', lastError: 'retry window exhausted' });
    expect(await h.prisma.suppression.count({ where: { notificationId: ids[7] } })).toBe(0);
  });

  it('shows delivered, bounced and failed notices in reach; none of the bounced or failed count as reached', async () => {
    await json({ type: 'delivered', notificationId: ids[6] }).expect(200);
    const reach = (await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth()).expect(200)).body;
    expect(reach).toMatchObject({ affected: 8, bounced: 2, failed: 1, delivered: 1, reached: 5, unreached: 3 });
  });
});
