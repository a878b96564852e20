import { NoticeLinks } from '../src/notices/notice-links.service';
import { auth, Harness, waitFor } from './support/harness';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';

const COOLDOWN_HOURS = 2;

describe('Audiences, marketing hold, erasure and the agent view', () => {
  let h: Harness;
  let marketingKey: string;
  beforeAll(async () => {
    h = await Harness.start({ workers: 1, env: { HOLD_COOLDOWN_HOURS: String(COOLDOWN_HOURS) } });
    marketingKey = (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: 'crm', role: 'marketing' }).expect(201)).body.secret;
  });
  afterAll(() => h.stop());

  /** 40 customers: plan pro/basic alternating, tag eu on multiples of 4, score = i (as a CSV-style string on odd ones). */
  async function population(prefix: string) {
    const customers = Array.from({ length: 40 }, (_, i) => ({
      externalId: `${prefix}-${i}`,
      email: `${prefix}-${i}@customers.test`,
      name: `Customer ${i}`,
      tags: i % 4 === 0 ? ['eu', prefix] : [prefix],
      attributes: { plan: i % 2 ? 'pro' : 'basic', score: i % 2 ? String(i) : i, ...(i < 5 ? { vip: true } : {}) },
    }));
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers }).expect(200);
  }

  it('counts and lists customers with one filter format over tags and attributes', async () => {
    const p = uniq('aud');
    await population(p);
    const count = async (filter: unknown) =>
      (await h.http.post('/api/v1/audiences/count').set(auth()).send({ filter: { and: [{ field: 'tags', eq: p }, filter] } }).expect(200)).body.count;
    expect(await count({ field: 'tags', eq: 'eu' })).toBe(10);
    expect(await count({ field: 'attributes.plan', eq: 'pro' })).toBe(20);
    expect(await count({ field: 'attributes.plan', in: ['pro', 'basic'] })).toBe(40);
    expect(await count({ field: 'attributes.vip', exists: true })).toBe(5);
    expect(await count({ field: 'attributes.score', gt: 29 })).toBe(10); // numbers and numeric strings alike
    expect(await count({ field: 'attributes.score', lt: 10 })).toBe(10);
    expect(await count({ or: [{ field: 'tags', eq: 'eu' }, { field: 'attributes.vip', exists: true }] })).toBe(13);
    expect(await count({ not: { field: 'attributes.plan', eq: 'pro' } })).toBe(20);

    const filter = encodeURIComponent(JSON.stringify({ and: [{ field: 'tags', eq: p }, { field: 'tags', eq: 'eu' }] }));
    const page1 = await h.http.get(`/api/v1/customers?limit=6&filter=${filter}`).set(auth()).expect(200);
    expect(page1.body.items).toHaveLength(6);
    const page2 = await h.http.get(`/api/v1/customers?limit=6&filter=${filter}&cursor=${page1.body.nextCursor}`).set(auth()).expect(200);
    expect(page2.body.items).toHaveLength(4);
    expect([...page1.body.items, ...page2.body.items].every((c: { tags: string[] }) => c.tags.includes('eu'))).toBe(true);

    const bad = await h.http.post('/api/v1/audiences/count').set(auth()).send({ filter: { field: 'tags', gt: 1 } }).expect(400);
    expect(bad.body.error.message).toContain('does not apply');
    await h.http.get('/api/v1/customers?filter=not-json').set(auth()).expect(400);
    await h.http.post('/api/v1/audiences/count').set(auth()).send({ filter: { field: 'password', eq: 'x' } }).expect(400);
  });

  it('declares with a filter, holds the affected customers until close plus the cool-down, and says so to marketing', async () => {
    const p = uniq('hold');
    const { runbook } = await seedRunbook(h, `${p}-rb`, 1);
    await population(p);
    const filter = { and: [{ field: 'tags', eq: p }, { field: 'tags', eq: 'eu' }] };
    const declared = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, [], { affected: { filter } })).expect(201);
    expect(declared.body.affected).toBe(10);
    const incidentId: string = declared.body.id;

    const held = await h.http.get(`/api/v1/holds/${p}-4`).set(auth(marketingKey)).expect(200);
    expect(held.body).toMatchObject({ externalId: `${p}-4`, onHold: true, until: null, incidents: [{ id: incidentId, state: expect.any(String) }] });
    expect((await h.http.get(`/api/v1/holds/${p}-5`).set(auth(marketingKey)).expect(200)).body).toMatchObject({ onHold: false, incidents: [] });
    // the marketing key may ask about holds and nothing else
    await h.http.get(`/api/v1/customers/${p}-4`).set(auth(marketingKey)).expect(403);
    await h.http.get(`/api/v1/incidents/${incidentId}`).set(auth(marketingKey)).expect(403);

    const since = new Date(Date.now() - 60_000).toISOString();
    const sync = await h.http.get(`/api/v1/holds?since=${since}`).set(auth(marketingKey)).expect(200);
    expect(sync.headers['content-type']).toContain('application/x-ndjson');
    const lines = sync.text.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.externalId.startsWith(`${p}-`));
    expect(lines.map((l) => l.externalId).sort()).toEqual([0, 12, 16, 20, 24, 28, 32, 36, 4, 8].map((i) => `${p}-${i}`).sort());
    expect(lines.every((l) => l.onHold === true && l.until === null)).toBe(true);
    await h.http.get('/api/v1/holds?since=yesterday').set(auth(marketingKey)).expect(400);

    // closed 30 minutes ago: still held for the rest of the cool-down
    const closedAt = new Date(Date.now() - 30 * 60_000);
    await h.prisma.incident.update({ where: { id: incidentId }, data: { state: 'closed', closedAt } });
    const cooling = await h.http.get(`/api/v1/holds/${p}-4`).set(auth(marketingKey)).expect(200);
    expect(cooling.body).toMatchObject({ onHold: true, until: new Date(closedAt.getTime() + COOLDOWN_HOURS * 3600_000).toISOString() });

    // closed longer ago than the cool-down: released, and the sync stream reports the release
    const longAgo = new Date(Date.now() - (COOLDOWN_HOURS * 3600_000 + 60_000));
    await h.prisma.incident.update({ where: { id: incidentId }, data: { closedAt: longAgo } });
    expect((await h.http.get(`/api/v1/holds/${p}-4`).set(auth(marketingKey)).expect(200)).body).toMatchObject({ onHold: false, until: null });
    const after = await h.http.get(`/api/v1/holds?since=${since}`).set(auth(marketingKey)).expect(200);
    const released = after.text.trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.externalId === `${p}-4`);
    expect(released).toMatchObject({ onHold: false });
    const everyoneHeld = await h.http.get('/api/v1/holds').set(auth(marketingKey)).expect(200);
    expect(everyoneHeld.text).not.toContain(`"${p}-4"`);
  });

  it('shows an agent every notice and one script, then erases the customer while keeping the counts', async () => {
    const p = uniq('agent');
    const { runbook, externalIds } = await seedRunbook(h, p, 3);
    const bounced = `${p}-2@customers.test`;
    h.sink.failFor = (rcpt) => (rcpt === bounced ? { code: 550, message: '5.1.1 No such user here' } : null);
    const facts = { whatHappened: 'Records were copied.', hotline: '+1 800 555 0100', agentScript: 'Offer a password reset.' };
    const res = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds, { facts })).expect(201);
    const incidentId: string = res.body.id;
    await waitFor('2 sent, 1 failed', async () => {
      const r = await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth());
      return r.body.sent === 2 && r.body.failed === 1;
    });
    h.sink.failFor = () => null;

    const agentKey = (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: 'agent', role: 'agent' }).expect(201)).body.secret;
    const ctx = await h.http.get(`/api/v1/customers/${p}-0/context`).set(auth(agentKey)).expect(200);
    expect(ctx.body.incidents).toEqual([
      expect.objectContaining({
        id: incidentId,
        reached: true,
        acknowledged: false,
        notices: [expect.objectContaining({ step: 'notify-customers', channel: 'email', state: 'sent', to: `${p}-0@customers.test`, sentAt: expect.any(String) })],
      }),
    ]);
    expect(ctx.body.script).toMatchObject({ incidentId, facts });
    expect(ctx.body.script.say).toEqual(
      expect.arrayContaining([expect.stringMatching(/^We sent this customer a notice by email/), 'What happened: Records were copied.', 'Where to get help: +1 800 555 0100', 'Offer a password reset.']),
    );
    const bouncedCtx = await h.http.get(`/api/v1/customers/${p}-2/context`).set(auth(agentKey)).expect(200);
    expect(bouncedCtx.body.incidents[0]).toMatchObject({ reached: false, notices: [expect.objectContaining({ state: 'failed', error: expect.stringContaining('No such user') })] });
    expect(bouncedCtx.body.script.say[0]).toMatch(/has not reached/);

    // the hard bounce suppressed the channel: the next incident does not try the address again, and says why
    const customer2 = await h.prisma.customer.findUniqueOrThrow({ where: { externalId: `${p}-2` } });
    expect(await h.prisma.suppression.findFirst({ where: { customerId: customer2.id, channel: 'email' } })).toMatchObject({
      address: customer2.email,
      reason: expect.stringContaining('550'),
    });
    const second = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, [`${p}-2`])).expect(201);
    const reach2 = await waitFor('second incident done', async () => {
      const r = await h.http.get(`/api/v1/incidents/${second.body.id}/reach`).set(auth());
      return r.body.suppressed === 1 ? r.body : null;
    });
    expect(reach2).toMatchObject({ affected: 1, sent: 0, suppressed: 1 });
    const n2 = await h.prisma.notification.findFirstOrThrow({ where: { incidentId: second.body.id } });
    expect(n2.lastError).toMatch(/^suppressed: hard bounce: .*550/);
    expect(h.sink.to(bounced)).toHaveLength(0);

    // erasure: personal data gone, counts unchanged, audited
    const c0 = await h.prisma.customer.findUniqueOrThrow({ where: { externalId: `${p}-0` } });
    const link0 = new URL(h.api.get(NoticeLinks).url(incidentId, c0.id)).pathname;
    // the factory's template has no {{notice.url}}: the link is added to both parts anyway
    const mail0 = h.sink.to(`${p}-0@customers.test`)[0];
    expect(mail0.text).toContain(`http://tocsin.test${link0}`);
    expect(mail0.html).toContain(`<a href="http://tocsin.test${link0}">`);
    await h.http.get(link0).expect(200);
    await h.prisma.deliveryEvent.create({ data: { channel: 'email', source: 'json', kind: 'delivered', customerId: c0.id, incidentId, raw: `{"to":"${p}-0@customers.test"}` } });
    await h.prisma.noticeFeedback.create({ data: { incidentId, customerId: c0.id, csat: 4, ces: 6, comment: `I am ${p}-0, call me` } });
    const reachBefore = (await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth()).expect(200)).body;
    await h.http.delete(`/api/v1/customers/${p}-0`).set(auth(agentKey)).expect(403);
    const erased = await h.http.delete(`/api/v1/customers/${p}-0`).set(auth()).expect(200);
    expect(erased.body).toEqual({ erased: true, notificationsAnonymised: 1 });
    await h.http.get(`/api/v1/customers/${p}-0`).set(auth()).expect(404);
    await h.http.get(`/api/v1/customers/${p}-0/context`).set(auth(agentKey)).expect(404);
    await h.http.delete(`/api/v1/customers/${p}-0`).set(auth()).expect(404);
    const reachAfter = (await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth()).expect(200)).body;
    expect(reachAfter).toEqual(reachBefore);
    const row = await h.prisma.customer.findFirstOrThrow({ where: { externalId: { startsWith: 'erased:' }, notifications: { some: { incidentId } }, erasedAt: { not: null } } });
    expect(row).toMatchObject({ email: null, phone: null, name: null, attributes: {}, tags: [] });
    const n = await h.prisma.notification.findFirstOrThrow({ where: { customerId: row.id } });
    expect(n).toMatchObject({ recipient: '', state: 'sent' });
    expect(row.id).toBe(c0.id);
    expect(await h.prisma.deliveryEvent.count({ where: { customerId: c0.id } })).toBe(0);
    expect(await h.prisma.noticeFeedback.findUniqueOrThrow({ where: { incidentId_customerId: { incidentId, customerId: c0.id } } })).toMatchObject({ csat: 4, ces: 6, comment: null });
    await h.http.get(link0).expect(404);
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'customer.erased', entityId: row.id } });
    expect(audit).toMatchObject({ entityType: 'customer', data: { notificationsAnonymised: 1 } });
    expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toContain(`${p}-0`);
    expect(await h.http.get(`/api/v1/holds/${p}-0`).set(auth(marketingKey)).expect(200)).toMatchObject({ body: { onHold: false } });
  });
});
