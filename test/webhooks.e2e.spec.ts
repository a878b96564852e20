import { createHmac, timingSafeEqual } from 'node:crypto';
import { auth, Harness, waitFor } from './support/harness';
import { ReceivedWebhook, WebhookReceiver } from './support/webhook-receiver';
import { declareBody, uniq } from './factories/scenario.factory';

/** What a receiver does (the README's example): HMAC-SHA256 of id.timestamp.body with the secret's bytes. */
function verified(secret: string, w: ReceivedWebhook): boolean {
  const id = w.headers['webhook-id'] as string;
  const ts = w.headers['webhook-timestamp'] as string;
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = Buffer.from('v1,' + createHmac('sha256', key).update(`${id}.${ts}.${w.body}`).digest('base64'));
  return String(w.headers['webhook-signature'])
    .split(' ')
    .some((s) => s.length === expected.length && timingSafeEqual(Buffer.from(s), expected));
}

const SLACK = { body: '{"text": "[{{upper incident.severity}}] {{incident.title}}: {{facts.whatHappened}}"}', variables: ['incident.severity', 'incident.title', 'facts.whatHappened'] };
const PARTNER = {
  body: '{"type": "breach.notification", "data": {"incident": "{{incident.id}}", "title": "{{incident.title}}", "awareAt": "{{incident.awareAt}}"}}',
  variables: ['incident.id', 'incident.title', 'incident.awareAt'],
};

describe('Webhook channel (internal and regulator steps)', () => {
  let h: Harness;
  // the allow-listed receiver lives on 127.0.0.2; 127.0.0.1 (what `localhost` resolves to) stays refused
  const receiver = new WebhookReceiver('127.0.0.2');
  const internal = new WebhookReceiver('127.0.0.1');

  beforeAll(async () => {
    await receiver.start();
    await internal.start();
    h = await Harness.start({ workers: 1, env: { WEBHOOK_ALLOW_PRIVATE: '127.0.0.2', WEBHOOK_TIMEOUT_MS: '3000' } });
  });
  afterAll(async () => {
    await h.stop();
    await receiver.stop();
    await internal.stop();
  });

  const endpoint = async (key: string, url: string) => (await h.http.post('/api/v1/webhook-endpoints').set(auth()).send({ key, name: key, url }).expect(201)).body;
  const incident = async (id: string) => (await h.http.get(`/api/v1/incidents/${id}`).set(auth())).body;
  const reach = async (id: string) => (await h.http.get(`/api/v1/incidents/${id}/reach`).set(auth())).body;
  const settled = (id: string) => waitFor('incident settled', async () => ((await incident(id)).state === 'monitoring' ? incident(id) : null));
  const notification = (incidentId: string, recipient: string) => h.prisma.notification.findFirstOrThrow({ where: { incidentId, recipient } });

  async function publish(prefix: string, steps: object[]) {
    await h.http.put(`/api/v1/templates/${prefix}-slack/webhook/en`).set(auth()).send(SLACK).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-partner/webhook/en`).set(auth()).send(PARTNER).expect(200);
    await h.http.put(`/api/v1/customers/${prefix}-c`).set(auth()).send({ email: `${prefix}-c@customers.test`, name: 'C' }).expect(201);
    await h.http.put(`/api/v1/runbooks/${prefix}-rb`).set(auth()).send({ name: prefix, steps }).expect(200);
    return h.http.post(`/api/v1/runbooks/${prefix}-rb/publish`).set(auth());
  }

  it('sends one signed call per step to a Slack-style internal hook and a regulator endpoint, counted in reach and the GDPR clock', async () => {
    const p = uniq('wh');
    const slack = await endpoint(`${p}-slack`, receiver.url(`/${p}/slack`));
    const dpa = await endpoint(`${p}-dpa`, receiver.url(`/${p}/dpa`));
    expect(slack.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    // rotated before the incident: during the overlap a receiver still holding the old secret verifies too
    const rotated = (await h.http.post(`/api/v1/webhook-endpoints/${p}-slack/rotate-secret`).set(auth()).expect(200)).body;
    await publish(p, [
      { id: 'ops', audience: 'internal', channel: 'webhook', template: `${p}-slack`, recipients: [{ webhook: `${p}-slack`, name: 'Ops channel' }] },
      { id: 'dpa', audience: 'regulator', channel: 'webhook', template: `${p}-partner`, recipients: [{ webhook: `${p}-dpa` }], meets: ['gdpr-art33'] },
    ]).then((r) => expect(r.status).toBe(201));

    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${p}-rb`, [`${p}-c`], { jurisdictions: ['FR'] })).expect(201);
    const done = await settled(body.id);

    const [ops] = receiver.at(`/${p}/slack`);
    expect(receiver.at(`/${p}/slack`)).toHaveLength(1);
    expect(receiver.at(`/${p}/dpa`)).toHaveLength(1);
    expect(ops.headers['content-type']).toBe('application/json');
    expect(JSON.parse(ops.body)).toEqual({ text: '[HIGH] Unauthorised access to customer records: An attacker copied <names & emails>.' });
    expect(verified(rotated.secret, ops)).toBe(true);
    expect(verified(slack.secret, ops)).toBe(true);
    expect(String(ops.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(dpa.secret, ops)).toBe(false);
    const [reg] = receiver.at(`/${p}/dpa`);
    expect(verified(dpa.secret, reg)).toBe(true);
    expect(JSON.parse(reg.body)).toMatchObject({ type: 'breach.notification', data: { incident: body.id } });
    // webhook-id is the notification's own id: the receiver's idempotency key, the same on every retry
    expect(reg.headers['webhook-id']).toBe((await notification(body.id, `${p}-dpa`)).id);

    const r = await reach(body.id);
    expect(r.steps).toEqual(expect.arrayContaining([expect.objectContaining({ step: 'ops', channel: 'webhook', sent: 1 }), expect.objectContaining({ step: 'dpa', channel: 'webhook', sent: 1 })]));
    expect(done.clocks.find((c: { id: string }) => c.id === 'gdpr-art33')).toMatchObject({ status: 'met', metBy: 'dpa' });
  });

  it('retries a 503 with backoff, disables an endpoint on 410, does not follow a redirect, and refuses localhost at connection time', async () => {
    const p = uniq('whf');
    receiver.script(`/${p}/flaky`, { status: 503, body: 'busy' }, { status: 200 });
    receiver.script(`/${p}/gone`, { status: 410, body: 'unsubscribed' });
    receiver.script(`/${p}/moved`, { status: 302, headers: { Location: internal.url('/admin') } });
    const flaky = await endpoint(`${p}-flaky`, receiver.url(`/${p}/flaky`));
    await endpoint(`${p}-gone`, receiver.url(`/${p}/gone`));
    await endpoint(`${p}-moved`, receiver.url(`/${p}/moved`));
    // the save-time check refuses localhost; written directly to prove the connection-time check on its own
    expect((await h.http.post('/api/v1/webhook-endpoints').set(auth()).send({ key: `${p}-local`, name: 'x', url: `http://localhost:${internal.port}/hook` }).expect(422)).body.error).toMatchObject({
      code: 'webhook_url_refused',
      message: expect.stringContaining('localhost resolves to 127.0.0.1 is a loopback address'),
    });
    await h.prisma.webhookEndpoint.create({ data: { key: `${p}-local`, name: 'x', url: `http://localhost:${internal.port}/hook`, secret: flaky.secret } });

    const step = (id: string) => ({ id, audience: 'internal', channel: 'webhook', template: `${p}-slack`, recipients: [{ webhook: `${p}-${id}` }] });
    await publish(p, [step('flaky'), step('gone'), step('moved'), step('local')]).then((r) => expect(r.status).toBe(201));
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${p}-rb`, [`${p}-c`])).expect(201);
    await settled(body.id);

    const calls = receiver.at(`/${p}/flaky`);
    expect(calls.map((c) => c.headers['webhook-id'])).toEqual([calls[0].headers['webhook-id'], calls[0].headers['webhook-id']]);
    expect(calls.every((c) => verified(flaky.secret, c))).toBe(true);
    expect(await notification(body.id, `${p}-flaky`)).toMatchObject({ state: 'sent', attempts: 2 });

    expect(receiver.at(`/${p}/gone`)).toHaveLength(1);
    expect(await notification(body.id, `${p}-gone`)).toMatchObject({ state: 'failed', attempts: 1, lastError: expect.stringContaining('410 Gone: endpoint disabled (unsubscribed)') });
    const gone = (await h.http.get(`/api/v1/webhook-endpoints/${p}-gone`).set(auth()).expect(200)).body;
    expect(gone).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('410'), disabledAt: expect.any(String) });
    expect(gone.secret).toBeUndefined();
    const disabledEvents = await h.prisma.auditEvent.findMany({ where: { action: 'webhook_endpoint.disabled', entityType: 'webhook_endpoint' } });
    expect(disabledEvents.filter((e) => (e.data as { key?: string }).key === `${p}-gone`)).toHaveLength(1);

    expect(await notification(body.id, `${p}-moved`)).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/answered 302 \(redirect to http:\/\/127\.0\.0\.1:\d+\/admin not followed/) });
    expect(await notification(body.id, `${p}-local`)).toMatchObject({ state: 'failed', attempts: 1, lastError: expect.stringContaining('refused to connect to localhost: 127.0.0.1 is a loopback address') });
    expect(internal.received).toHaveLength(0);

    // a later incident does not call the disabled endpoint: its notice fails at once, with the reason
    const again = (await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${p}-rb`, [`${p}-c`], { title: 'Second' })).expect(201)).body;
    await settled(again.id);
    expect(receiver.at(`/${p}/gone`)).toHaveLength(1);
    expect(await notification(again.id, `${p}-gone`)).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/^endpoint disabled: webhook answered 410/) });
    const r = await reach(again.id);
    expect(r.steps).toEqual(expect.arrayContaining([expect.objectContaining({ step: 'gone', channel: 'webhook', failed: 1 })]));
  });

  it('manages endpoints: URL checked on save, secret shown once, rotation, re-enable, delete', async () => {
    const p = uniq('whm');
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://[::ffff:127.0.0.1]/', 'http://2130706433/', 'http://0x7f.0.0.1/', 'ftp://example.com/', 'https://u:p@example.com/']) {
      const r = await h.http.post('/api/v1/webhook-endpoints').set(auth()).send({ key: `${p}-bad`, name: 'x', url }).expect(422);
      expect(r.body.error.code).toBe('webhook_url_refused');
    }
    await h.http.post('/api/v1/webhook-endpoints').set(auth()).send({ key: 'Bad Key', name: 'x', url: receiver.url('/x') }).expect(400);
    const created = await endpoint(`${p}-a`, receiver.url('/a'));
    await h.http.post('/api/v1/webhook-endpoints').set(auth()).send({ key: `${p}-a`, name: 'x', url: receiver.url('/a') }).expect(409);
    const got = (await h.http.get(`/api/v1/webhook-endpoints/${p}-a`).set(auth()).expect(200)).body;
    expect(got).toMatchObject({ key: `${p}-a`, enabled: true, secretPrefix: created.secret.slice(0, 12) });
    expect(got.secret).toBeUndefined();

    const rotated = (await h.http.post(`/api/v1/webhook-endpoints/${p}-a/rotate-secret`).set(auth()).expect(200)).body;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.previousSecretUntil).toEqual(expect.any(String));

    await h.http.patch(`/api/v1/webhook-endpoints/${p}-a`).set(auth()).send({ url: 'http://10.0.0.1/' }).expect(422);
    expect((await h.http.patch(`/api/v1/webhook-endpoints/${p}-a`).set(auth()).send({ enabled: false }).expect(200)).body).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('disabled by') });
    expect((await h.http.patch(`/api/v1/webhook-endpoints/${p}-a`).set(auth()).send({ enabled: true }).expect(200)).body).toMatchObject({ enabled: true, disabledReason: null });
    const list = (await h.http.get('/api/v1/webhook-endpoints?limit=500').set(auth()).expect(200)).body;
    expect(list.items.map((e: { key: string }) => e.key)).toContain(`${p}-a`);
    await h.http.delete(`/api/v1/webhook-endpoints/${p}-a`).set(auth()).expect(204);
    await h.http.get(`/api/v1/webhook-endpoints/${p}-a`).set(auth()).expect(404);
  });

  it('refuses on publish a webhook step to customers, unknown endpoints, and mixed recipients', async () => {
    const p = uniq('whp');
    await endpoint(`${p}-ok`, receiver.url('/ok'));
    const r = await publish(p, [
      { id: 'customers', audience: 'affected_customers', channel: 'webhook', template: `${p}-slack` },
      { id: 'unknown', audience: 'internal', channel: 'webhook', template: `${p}-slack`, recipients: [{ webhook: `${p}-nope` }] },
      { id: 'mixed', audience: 'regulator', channel: 'webhook', template: `${p}-slack`, recipients: [{ webhook: `${p}-ok` }, { address: 'dpa@example.test' }] },
      { id: 'email-to-hook', audience: 'internal', channel: 'email', template: `${p}-slack`, recipients: [{ webhook: `${p}-ok` }] },
    ]);
    expect(r.status).toBe(422);
    expect(r.body.error.details).toEqual(
      expect.arrayContaining([
        { step: 'customers', field: 'channel', message: expect.stringContaining('reach affected customers by email or sms') },
        { step: 'unknown', field: 'recipients', message: expect.stringContaining(`no webhook endpoint '${p}-nope'`) },
        { step: 'mixed', field: 'recipients', message: expect.stringContaining('not email addresses') },
        { step: 'email-to-hook', field: 'recipients', message: expect.stringContaining("need channel 'webhook'") },
      ]),
    );
  });
});
