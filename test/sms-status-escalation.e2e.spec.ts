import { createHmac } from 'node:crypto';
import { Clock } from '../src/common/time/clock';
import { ReconcilerService } from '../src/dispatch/reconciler.service';
import { providerSignature } from '../src/tracking/sms/provider-signature.util';
import { SmsSink } from './support/sms-sink';
import { auth, Harness, waitFor } from './support/harness';
import { declareBody, uniq } from './factories/scenario.factory';

const SMS_TOKEN = 'sms-auth-token-of-the-account';
const EVENTS_SECRET = 'events-signing-secret-0123456789';
const CALLBACK_URL = 'http://tocsin.test/api/v1/events/sms';

const EMAIL = {
  subject: 'Security incident: {{incident.title}}',
  html: '<p>Dear {{default customer.name "customer"}},</p><p>{{facts.whatHappened}}</p><p><a href="{{notice.url}}">Read and confirm</a></p>',
  text: 'Dear {{default customer.name "customer"}},\n{{facts.whatHappened}}\nRead and confirm: {{notice.url}}',
  variables: ['incident.title', 'customer.name', 'facts.whatHappened', 'notice.url'],
};
const SMS = { text: '{{facts.whatHappened}} Details: {{notice.url}}', variables: ['facts.whatHappened', 'notice.url'] };

const linkIn = (text: string) => /http:\/\/tocsin\.test(\/n\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
const csrfOf = (html: string, action: string) => new RegExp(`action="${action.replace(/[/]/g, '\\/')}">\\s*<input type="hidden" name="csrf" value="([^"]+)"`).exec(html)?.[1];

/** An IANA zone (Etc/GMT±N) in which it is `hour` o'clock now, by the test's clock. */
function zoneAt(hour: number): string {
  const utc = new Clock().now().getUTCHours();
  for (let off = -12; off <= 14; off++) {
    if ((((utc + off) % 24) + 24) % 24 === hour) return off === 0 ? 'Etc/GMT' : `Etc/GMT${off > 0 ? '-' : '+'}${Math.abs(off)}`; // Etc signs are inverted
  }
  throw new Error('unreachable');
}

describe('SMS status callbacks, quiet hours and reminders', () => {
  let h: Harness;
  const sms = new SmsSink();

  beforeAll(async () => {
    await sms.start();
    h = await Harness.start({
      workers: 1,
      env: {
        SMS_PROVIDER: 'http',
        SMS_API_URL: sms.url,
        SMS_ACCOUNT: 'AC777',
        SMS_TOKEN,
        SMS_FROM: '+15550002222',
        EVENTS_SIGNING_SECRET: EVENTS_SECRET,
        NOTICE_TOKEN_SECRET: 'escalation-test-notice-secret-0123456789',
        QUIET_HOURS: '21:00-08:00',
      },
    });
  });
  afterEach(() => Clock.reset());
  afterAll(async () => {
    await h.stop();
    await sms.stop();
  });

  let phoneBase = 100;
  /** Customers, an email + sms template and a published one-step runbook. */
  async function setup(prefix: string, step: object, people: { name: string; phone?: boolean; email?: boolean; timezone?: string }[]) {
    phoneBase += 10;
    const phone = (i: number) => `+33612345${String(phoneBase + i).padStart(3, '0')}`;
    const list = people.map((p, i) => ({
      externalId: `${prefix}-${i}`,
      name: p.name,
      ...(p.email === false ? {} : { email: `${prefix}-${i}@customers.test` }),
      ...(p.phone === false ? {} : { phone: phone(i) }),
      ...(p.timezone ? { timezone: p.timezone } : {}),
    }));
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: list }).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-t/email/en`).set(auth()).send(EMAIL).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-t/sms/en`).set(auth()).send(SMS).expect(200);
    await h.http.put(`/api/v1/runbooks/${prefix}-rb`).set(auth()).send({ name: 'x', steps: [{ id: 'tell', audience: 'affected_customers', template: `${prefix}-t`, ...step }] }).expect(200);
    await h.http.post(`/api/v1/runbooks/${prefix}-rb/publish`).set(auth()).expect(201);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${prefix}-rb`, list.map((c) => c.externalId))).expect(201);
    return { incidentId: body.id as string, ids: list.map((c) => c.externalId), phone, email: (i: number) => `${prefix}-${i}@customers.test` };
  }

  const reach = async (id: string) => (await h.http.get(`/api/v1/incidents/${id}/reach`).set(auth()).expect(200)).body;
  const notificationOf = (incidentId: string, externalId: string, channel: string) =>
    h.prisma.notification.findMany({ where: { incidentId, channel, customer: { externalId } }, orderBy: { createdAt: 'asc' } });

  /** Posts a status callback signed as the provider signs it (or with a given signature). */
  function callback(fields: Record<string, string>, signature?: string) {
    const form = new URLSearchParams({ AccountSid: 'AC777', ApiVersion: '2010-04-01', ...fields });
    return h.http
      .post('/api/v1/events/sms')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('X-Twilio-Signature', signature ?? providerSignature(SMS_TOKEN, CALLBACK_URL, form))
      .send(form.toString());
  }

  describe('status callbacks', () => {
    it('delivered and undelivered callbacks move the SMS to its final state, once; a bad signature changes nothing', async () => {
      const prefix = uniq('cb');
      const { incidentId, ids, phone, email } = await setup(prefix, { channel: 'sms', fallbackChannels: ['email'] }, [{ name: 'Ada' }, { name: 'Bob' }]);
      await waitFor('both SMS sent with their provider ids', async () => {
        const rows = await h.prisma.notification.findMany({ where: { incidentId, channel: 'sms', state: 'sent' } });
        return rows.length === 2 && rows.every((r) => r.providerMessageId) ? rows : null;
      });
      // the send stored the provider's message id and told it where to call back
      const [ada] = await notificationOf(incidentId, ids[0], 'sms');
      const [bob] = await notificationOf(incidentId, ids[1], 'sms');
      expect(sms.to(phone(0))[0].statusCallback).toBe(CALLBACK_URL);
      expect(ada.providerMessageId).toMatch(/^SM[0-9a-f]+$/);

      // forged: wrong token, a tampered field, no signature at all → 403, nothing recorded
      const forged = new URLSearchParams({ AccountSid: 'AC777', ApiVersion: '2010-04-01', MessageSid: ada.providerMessageId!, MessageStatus: 'undelivered', ErrorCode: '30006' });
      const events = () => h.prisma.deliveryEvent.count({ where: { channel: 'sms', notificationId: { in: [ada.id, bob.id] } } });
      await callback({ MessageSid: ada.providerMessageId!, MessageStatus: 'undelivered', ErrorCode: '30006' }, providerSignature('another-token', CALLBACK_URL, forged)).expect(403);
      const signedForDelivered = providerSignature(SMS_TOKEN, CALLBACK_URL, new URLSearchParams({ AccountSid: 'AC777', ApiVersion: '2010-04-01', MessageSid: ada.providerMessageId!, MessageStatus: 'delivered' }));
      await callback({ MessageSid: ada.providerMessageId!, MessageStatus: 'undelivered' }, signedForDelivered).expect(403);
      const unsigned = await h.http.post('/api/v1/events/sms').type('form').send(forged.toString()).expect(403);
      expect(unsigned.body.error.code).toBe('forbidden');
      expect((await h.prisma.notification.findUniqueOrThrow({ where: { id: ada.id } })).state).toBe('sent');
      expect(await events()).toBe(0);

      // progress reports are kept as evidence and change nothing
      const queued = await callback({ MessageSid: ada.providerMessageId!, MessageStatus: 'sent', To: phone(0) }).expect(200);
      expect(queued.body).toMatchObject({ received: 1, applied: 0, events: [{ kind: 'accepted', matched: true, applied: false }] });

      const delivered = await callback({ MessageSid: ada.providerMessageId!, MessageStatus: 'delivered', To: phone(0) }).expect(200);
      expect(delivered.body).toMatchObject({ applied: 1, events: [{ notificationId: ada.id, kind: 'delivered', applied: true }] });
      const again = await callback({ MessageSid: ada.providerMessageId!, MessageStatus: 'delivered', To: phone(0) }).expect(200);
      expect(again.body.applied).toBe(0);
      expect(await h.prisma.notification.findUniqueOrThrow({ where: { id: ada.id } })).toMatchObject({ state: 'delivered' });

      // undelivered with an invalid-number code: failed for good, the reason kept, the number suppressed
      const failed = await callback({ MessageSid: bob.providerMessageId!, MessageStatus: 'undelivered', ErrorCode: '30006', To: phone(1) }).expect(200);
      expect(failed.body).toMatchObject({ applied: 1, events: [{ notificationId: bob.id, kind: 'failed', status: '30006', applied: true }] });
      expect(await h.prisma.notification.findUniqueOrThrow({ where: { id: bob.id } })).toMatchObject({
        state: 'failed',
        lastError: 'SMS undelivered: error 30006 (landline or unreachable carrier)',
      });
      const bobCustomer = await h.prisma.customer.findUniqueOrThrow({ where: { externalId: ids[1] } });
      expect(await h.prisma.suppression.findFirst({ where: { customerId: bobCustomer.id, channel: 'sms' } })).toMatchObject({
        address: phone(1),
        reason: expect.stringContaining('error 30006'),
      });

      // … and the scheduler gives Bob the step's fallback channel, once
      await waitFor('fallback email to Bob', async () => h.sink.to(email(1)).length === 1);
      await h.reconciler().tick();
      await h.reconciler().tick();
      await callback({ MessageSid: bob.providerMessageId!, MessageStatus: 'failed', ErrorCode: '30006' }).expect(200);
      await h.reconciler().tick();
      await new Promise((r) => setTimeout(r, 500));
      expect(h.sink.to(email(1))).toHaveLength(1);
      expect(h.sink.to(email(0))).toHaveLength(0);

      // evidence: every signed callback is kept, with what it changed
      const evidence = await h.prisma.deliveryEvent.findMany({ where: { channel: 'sms', notificationId: { in: [ada.id, bob.id] } }, orderBy: { id: 'asc' } });
      expect(evidence.map((e) => [e.kind, e.applied])).toEqual([
        ['accepted', false],
        ['delivered', true],
        ['delivered', false],
        ['failed', true],
        ['failed', false],
      ]);
      expect(evidence[3]).toMatchObject({ source: 'form', status: '30006', incidentId, customerId: bobCustomer.id });
      expect(evidence[3].raw).toContain('MessageStatus=undelivered');

      const r = await waitFor('reach with the fallback sent', async () => {
        const x = await reach(incidentId);
        return x.channels.find((c: { channel: string }) => c.channel === 'email')?.sent === 1 ? x : null;
      });
      expect(r).toMatchObject({ affected: 2, delivered: 1, failed: 1, sent: 1, reached: 2, unreached: 0 });
      expect(r.channels).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ channel: 'sms', delivered: 1, failed: 1, reached: 1 }),
          expect.objectContaining({ channel: 'email', sent: 1, reached: 1 }),
        ]),
      );
      // the agent sees which channel reached Bob
      const ctx = (await h.http.get(`/api/v1/customers/${ids[1]}/context`).set(auth()).expect(200)).body;
      expect(ctx.incidents.find((i: { id: string }) => i.id === incidentId).reachedBy).toEqual(['email']);
    });

    it('accepts an unknown MessageSid (200, recorded, nothing changed), a relayed callback signed by Tocsin, and refuses malformed ones', async () => {
      const unknown = await callback({ MessageSid: 'SMdoesnotexist000', MessageStatus: 'delivered' }).expect(200);
      expect(unknown.body).toMatchObject({ received: 1, applied: 0, events: [{ notificationId: null, matched: false, applied: false }] });
      expect(await h.prisma.deliveryEvent.count({ where: { channel: 'sms', raw: { contains: 'SMdoesnotexist000' } } })).toBe(1);

      const body = 'MessageSid=SMrelayed0001&MessageStatus=delivered';
      const sig = `sha256=${createHmac('sha256', EVENTS_SECRET).update(body).digest('hex')}`;
      await h.http.post('/api/v1/events/sms').type('form').set('X-Tocsin-Signature', sig).send(body).expect(200);
      await h.http.post('/api/v1/events/sms').type('form').set('X-Tocsin-Signature', sig.replace(/.$/, '0')).send(body.replace('delivered', 'failed')).expect(403);

      const missing = await callback({ MessageStatus: 'delivered' }).expect(400);
      expect(missing.body.error).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('MessageSid') });
      await callback({ MessageSid: 'SM1', MessageStatus: 'Delivered; DROP TABLE' }).expect(400);
      const json = JSON.stringify({ MessageSid: 'SM1', MessageStatus: 'delivered' });
      await h.http
        .post('/api/v1/events/sms')
        .set('Content-Type', 'application/json')
        .set('X-Tocsin-Signature', `sha256=${createHmac('sha256', EVENTS_SECRET).update(json).digest('hex')}`)
        .send(json)
        .expect(415);
    });
  });

  it('applies a callback that overtakes the recording of its own send', async () => {
    const prefix = uniq('race');
    const { incidentId, ids } = await setup(prefix, { channel: 'sms' }, [{ name: 'Quick' }]);
    const [n] = await waitFor('sent', async () => {
      const rows = await notificationOf(incidentId, ids[0], 'sms');
      return rows[0]?.state === 'sent' && rows[0].providerMessageId ? rows : null;
    });
    // as if the send's result were still in the worker's write buffer
    await h.prisma.notification.update({ where: { id: n.id }, data: { providerMessageId: null } });
    const pending = callback({ MessageSid: n.providerMessageId!, MessageStatus: 'delivered' }).then((r) => r);
    await new Promise((r) => setTimeout(r, 600));
    await h.prisma.notification.update({ where: { id: n.id }, data: { providerMessageId: n.providerMessageId } });
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: 1, events: [{ notificationId: n.id, kind: 'delivered', applied: true }] });
  });

  describe('quiet hours', () => {
    it("defers a non-urgent SMS in the customer's night to the end of their window, across a worker restart, and sends it once", async () => {
      const prefix = uniq('quiet');
      const hourStart = Math.floor(new Clock().now().getTime() / 3600_000) * 3600_000;
      const night = zoneAt(3);
      const day = zoneAt(14);
      const { incidentId, ids, phone } = await setup(prefix, { channel: 'sms', urgent: false }, [
        { name: 'Sleeper', timezone: night },
        { name: 'Awake', timezone: day },
      ]);
      await waitFor('the daytime customer texted', async () => sms.to(phone(1)).length === 1);
      const [deferred] = await waitFor('the night-time SMS deferred', async () => {
        const rows = await notificationOf(incidentId, ids[0], 'sms');
        return rows[0]?.state === 'deferred' ? rows : null;
      });
      // 3:mm am local (a whole-hour zone): it waits until 8 am local, five hours after the start of this hour
      if (Math.floor(new Clock().now().getTime() / 3600_000) * 3600_000 === hourStart) {
        expect(deferred.deferredUntil!.toISOString()).toBe(new Date(hourStart + 5 * 3600_000).toISOString());
      }
      const wait = deferred.deferredUntil!.getTime() - new Clock().now().getTime();
      expect(wait).toBeGreaterThan(3.9 * 3600_000);
      expect(wait).toBeLessThanOrEqual(5 * 3600_000);
      expect(deferred.lastError).toContain(`quiet hours (21:00-08:00 ${night})`);
      expect(deferred.attempts).toBe(0);
      expect(sms.to(phone(0))).toHaveLength(0);
      const r = await reach(incidentId);
      expect(r).toMatchObject({ sent: 1, deferred: 1 });
      expect(r.steps[0]).toMatchObject({ step: 'tell', channel: 'sms', deferred: 1, state: 'dispatched' });

      // nothing happens before its time, even with the scheduler running and the worker restarted
      await h.stopWorkers();
      await h.startWorker();
      await h.reconciler().tick();
      await new Promise((r) => setTimeout(r, 500));
      expect(sms.to(phone(0))).toHaveLength(0);

      // morning comes (the injectable clock): the scheduler sends it, once
      Clock.travel(wait + 60_000);
      await h.reconciler().tick();
      await waitFor('the deferred SMS sent in the morning', async () => sms.to(phone(0)).length === 1);
      await h.reconciler().tick();
      await new Promise((r) => setTimeout(r, 500));
      expect(sms.to(phone(0))).toHaveLength(1);
      const done = await waitFor('step completed', async () => {
        const x = await reach(incidentId);
        return x.state === 'monitoring' ? x : null;
      });
      expect(done).toMatchObject({ sent: 2, deferred: 0, reached: 2 });
      expect((await notificationOf(incidentId, ids[0], 'sms'))[0]).toMatchObject({ state: 'sent', deferredUntil: null, lastError: null, attempts: 1 });
    });
  });

  describe('reminders', () => {
    async function acknowledge(emailAddress: string) {
      const path = linkIn(h.sink.to(emailAddress)[0].text)!;
      const page = await h.http.get(path).expect(200);
      await h.http.post(`${path}/ack`).type('form').set('Origin', 'http://tocsin.test').send({ csrf: csrfOf(page.text, `${path}/ack`) }).expect(303);
    }

    it('reminds, once and on the rule channel, only the customers who have not acknowledged, after the set time, across restarts', async () => {
      const prefix = uniq('remind');
      const { incidentId, ids, phone, email } = await setup(
        prefix,
        { channel: 'email', reminder: { afterMinutes: 60, when: 'not_acknowledged', channel: 'sms' } },
        [{ name: 'Acker' }, { name: 'Silent' }, { name: 'No phone', phone: false }],
      );
      await waitFor('3 emails and the step completed', async () => [0, 1, 2].every((i) => h.sink.to(email(i)).length === 1) && (await reach(incidentId)).state === 'monitoring');
      await acknowledge(email(0));
      expect((await reach(incidentId)).acknowledged).toBe(1);

      // before the time: nothing
      await h.reconciler().tick();
      Clock.travel(30 * 60_000);
      await h.reconciler().tick();
      await new Promise((r) => setTimeout(r, 300));
      expect(sms.received.filter((s) => [phone(0), phone(1)].includes(s.to))).toHaveLength(0);

      // the worker stops; time passes; a new one starts: Postgres says the reminder is due
      await h.stopWorkers();
      Clock.travel(31 * 60_000);
      await h.startWorker();
      await h.reconciler().tick();
      await waitFor('the reminder to the silent customer', async () => sms.to(phone(1)).length === 1);
      expect(sms.to(phone(1))[0].body).toMatch(/Details: http:\/\/tocsin\.test\/n\/[A-Za-z0-9_-]{43}$/);
      // the same link as in their email: one notice page per customer and incident
      expect(sms.to(phone(1))[0].body).toContain(linkIn(h.sink.to(email(1))[0].text)!);

      // more passes, a second worker, a restart: still one reminder each, none to the one who acknowledged
      await h.startWorker();
      await h.reconciler().tick();
      await h.workers[1].get(ReconcilerService).tick();
      await h.stopWorkers();
      await h.startWorker();
      await h.reconciler().tick();
      await new Promise((r) => setTimeout(r, 500));
      expect(sms.to(phone(1))).toHaveLength(1);
      expect(sms.to(phone(0))).toHaveLength(0);
      expect([0, 1, 2].map((i) => h.sink.to(email(i)).length)).toEqual([1, 1, 1]);

      const steps = await h.prisma.incidentStep.findMany({ where: { incidentId }, orderBy: { stepKey: 'asc' } });
      expect(steps.map((s) => [s.stepKey, s.channel, s.audience])).toEqual([
        ['tell', 'email', 'affected_customers'],
        ['tell:reminder', 'sms', 'reminder'],
      ]);
      const r = await waitFor('reminder step completed', async () => {
        const x = await reach(incidentId);
        return x.steps.find((s: { step: string }) => s.step === 'tell:reminder')?.state === 'completed' ? x : null;
      });
      // the customer without a phone is recorded as not reachable by the reminder, with the reason
      expect(r.steps.find((s: { step: string }) => s.step === 'tell:reminder')).toMatchObject({ channel: 'sms', sent: 1, suppressed: 1 });
      expect(r.channels).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'email', sent: 3 }), expect.objectContaining({ channel: 'sms', sent: 1, reached: 1 })]));
      const ctx = (await h.http.get(`/api/v1/customers/${ids[1]}/context`).set(auth()).expect(200)).body;
      expect(ctx.incidents.find((i: { id: string }) => i.id === incidentId).reachedBy).toEqual(['email', 'sms']);
      const timeline = (await h.http.get(`/api/v1/incidents/${incidentId}/timeline`).set(auth()).expect(200)).body;
      expect(JSON.stringify(timeline)).toContain('step.reminder_sent');
    });

    it('reminds the undelivered on the same channel when the rule names no channel and the step has no fallback', async () => {
      const prefix = uniq('again');
      const { incidentId, ids, phone } = await setup(prefix, { channel: 'sms', reminder: { afterMinutes: 15, when: 'not_delivered' } }, [{ name: 'Delivered' }, { name: 'Unknown fate' }]);
      await waitFor('both texted', async () => sms.to(phone(0)).length === 1 && sms.to(phone(1)).length === 1 && (await reach(incidentId)).state === 'monitoring');
      const [first] = await notificationOf(incidentId, ids[0], 'sms');
      await callback({ MessageSid: first.providerMessageId!, MessageStatus: 'delivered' }).expect(200);

      Clock.travel(16 * 60_000);
      await h.reconciler().tick();
      await waitFor('the reminder', async () => sms.to(phone(1)).length === 2);
      await h.reconciler().tick();
      await new Promise((r) => setTimeout(r, 300));
      expect(sms.to(phone(1))).toHaveLength(2);
      expect(sms.to(phone(0))).toHaveLength(1);
    });
  });

  describe('regulator and internal steps', () => {
    it('go through the same pipeline and meet the regulatory clocks', async () => {
      const prefix = uniq('reg');
      await h.http.put(`/api/v1/templates/${prefix}-dpa/email/en`).set(auth()).send({
        subject: 'Personal data breach notification: {{incident.title}}',
        html: '<p>{{facts.whatHappened}}</p>',
        text: '{{facts.whatHappened}}',
        variables: ['incident.title', 'facts.whatHappened'],
      }).expect(200);
      await h.http.put(`/api/v1/runbooks/${prefix}-rb`).set(auth()).send({
        name: 'GDPR',
        steps: [
          { id: 'dpa', audience: 'regulator', recipients: [{ address: `dpa-${prefix}@authority.test`, name: 'Authority' }], channel: 'email', template: `${prefix}-dpa`, meets: ['gdpr-art33'] },
          { id: 'staff', audience: 'internal', recipients: [{ address: `soc-${prefix}@acme.test` }, { address: `legal-${prefix}@acme.test` }], channel: 'email', template: `${prefix}-dpa` },
        ],
      }).expect(200);
      await h.http.post(`/api/v1/runbooks/${prefix}-rb/publish`).set(auth()).expect(201);
      await h.http.put(`/api/v1/customers/${prefix}-c`).set(auth()).send({ email: `${prefix}-c@customers.test` }).expect(201);
      const { body } = await h.http
        .post('/api/v1/incidents')
        .set(auth())
        .send(declareBody(`${prefix}-rb`, [`${prefix}-c`], { type: 'personal_data_breach', jurisdictions: ['FR'] }))
        .expect(201);
      expect(body.clocks.find((c: { id: string }) => c.id === 'gdpr-art33')).toMatchObject({ status: 'running' });
      await waitFor('authority and staff emailed', async () =>
        [`dpa-${prefix}@authority.test`, `soc-${prefix}@acme.test`, `legal-${prefix}@acme.test`].every((a) => h.sink.to(a).length === 1),
      );
      const incident = await waitFor('the regulator step completed', async () => {
        const i = (await h.http.get(`/api/v1/incidents/${body.id}`).set(auth())).body;
        return i.clocks.find((c: { id: string }) => c.id === 'gdpr-art33')?.status === 'met' ? i : null;
      });
      expect(incident.clocks.find((c: { id: string }) => c.id === 'gdpr-art33')).toMatchObject({ status: 'met', metBy: 'dpa' });
      expect(h.sink.to(`dpa-${prefix}@authority.test`)[0].subject).toBe('Personal data breach notification: Unauthorised access to customer records');
      const r = await reach(body.id);
      expect(r.steps).toEqual(
        expect.arrayContaining([expect.objectContaining({ step: 'dpa', channel: 'email', sent: 1 }), expect.objectContaining({ step: 'staff', channel: 'email', sent: 2 })]),
      );
      // the customer was not in any step: regulator and staff messages do not count as reaching customers
      expect(r).toMatchObject({ affected: 1, reached: 0 });
    });

    it('does not count a regulator step whose notice failed as meeting the clock', async () => {
      const prefix = uniq('regfail');
      const authority = `dpa-${prefix}@authority.test`;
      await h.http.put(`/api/v1/templates/${prefix}-dpa/email/en`).set(auth()).send({ subject: 'Breach: {{incident.title}}', html: '<p>{{facts.whatHappened}}</p>', text: '{{facts.whatHappened}}', variables: ['incident.title', 'facts.whatHappened'] }).expect(200);
      await h.http.put(`/api/v1/runbooks/${prefix}-rb`).set(auth()).send({
        name: 'GDPR',
        steps: [{ id: 'dpa', audience: 'regulator', recipients: [{ address: authority }], channel: 'email', template: `${prefix}-dpa`, meets: ['gdpr-art33'] }],
      }).expect(200);
      await h.http.post(`/api/v1/runbooks/${prefix}-rb/publish`).set(auth()).expect(201);
      await h.http.put(`/api/v1/customers/${prefix}-c`).set(auth()).send({ email: `${prefix}-c@customers.test` }).expect(201);
      h.sink.failFor = (rcpt) => (rcpt === authority ? { code: 550, message: '5.1.1 mailbox unavailable' } : null);
      try {
        const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${prefix}-rb`, [`${prefix}-c`], { type: 'personal_data_breach', jurisdictions: ['FR'] })).expect(201);
        const incident = await waitFor('the regulator step completed', async () => {
          const i = (await h.http.get(`/api/v1/incidents/${body.id}`).set(auth())).body;
          return i.schedule.find((s: { step: string }) => s.step === 'dpa')?.state === 'completed' ? i : null;
        });
        // a clock is met only when every authority recipient got it: the one that failed is named (#14)
        expect(incident.clocks.find((c: { id: string }) => c.id === 'gdpr-art33')).toMatchObject({
          status: 'running',
          metAt: null,
          failedRecipients: [{ step: 'dpa', recipient: authority, state: 'failed' }],
          note: expect.stringContaining(`not met: ${authority} failed`),
        });
        expect((await reach(body.id)).steps).toEqual([expect.objectContaining({ step: 'dpa', channel: 'email', failed: 1, sent: 0 })]);
      } finally {
        h.sink.failFor = () => null;
      }
    });
  });
});
