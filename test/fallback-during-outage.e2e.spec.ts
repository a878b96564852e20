import { signBody } from '../src/tracking/event-signature.guard';
import { freePort } from './support/free-port';
import { SmsSink } from './support/sms-sink';
import { auth, Harness, waitFor } from './support/harness';
import { declareEmailThenSms, uniq } from './factories/scenario.factory';

const SECRET = 'test-events-secret-0123456789';

describe('A fallback while the step\'s own relay is down', () => {
  let h: Harness;
  const sms = new SmsSink();
  const saved = { ...process.env };

  beforeAll(async () => {
    await sms.start();
    h = await Harness.start({
      workers: 1,
      env: {
        SMTP_URL: `smtp://127.0.0.1:${await freePort() /* nothing listens: the email relay is down */}`,
        SEND_RETRY_WINDOW_SECONDS: '3600', // the emails wait for the relay for an hour
        EVENTS_SIGNING_SECRET: SECRET,
        SMS_PROVIDER: 'http', SMS_API_URL: sms.url, SMS_ACCOUNT: 'AC123', SMS_TOKEN: 'tok', SMS_FROM: '+15550001111',
      },
    });
  });
  afterAll(async () => {
    await h.stop();
    await sms.stop();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('sends the SMS of a customer whose email bounced at once, not after the email relay comes back', async () => {
    const prefix = uniq('fbout');
    const people = [0, 1].map((i) => ({ externalId: `${prefix}-${i}`, email: `${prefix}-${i}@customers.test`, phone: `+3361235${String(5000 + i)}`, name: `P${i}`, attributes: { accountNo: String(i) } }));
    const body = { id: await declareEmailThenSms(h, prefix, people) };

    // the emails wait on the relay, untried
    const [first] = await waitFor('the emails waiting on the relay', async () => {
      const rows = await h.prisma.notification.findMany({ where: { incidentId: body.id, channel: 'email' }, orderBy: { recipient: 'asc' } });
      return rows.length === 2 && rows.every((r) => r.state === 'queued' && /^waiting: the email relay/.test(r.lastError ?? '')) ? rows : null;
    });
    // one of them had gone out through another route before (staged: marked sent), and now bounces for good
    await h.prisma.notification.update({ where: { id: first.id }, data: { state: 'sent', sentAt: new Date() } });
    const bounce = JSON.stringify({ type: 'bounced', notificationId: first.id, reason: '550 5.1.1 mailbox unavailable', status: '5.1.1' });
    await h.http.post('/api/v1/events/email').set('Content-Type', 'application/json').set('X-Tocsin-Signature', signBody(SECRET, bounce)).send(bounce).expect(200);

    // that customer's SMS goes out while the email relay is still down (its circuit open well inside the window)
    await waitFor('the fallback SMS sent', async () => sms.to(people[0].phone).length === 1, 30_000);
    const other = await h.prisma.notification.findFirstOrThrow({ where: { incidentId: body.id, channel: 'email', recipient: people[1].email } });
    expect(['queued', 'sending']).toContain(other.state); // the other email still waits for its relay
    expect(sms.to(people[1].phone)).toHaveLength(0);
  }, 90_000);
});

describe('A fallback whose own relay is down', () => {
  let h: Harness;
  const saved = { ...process.env };

  beforeAll(async () => {
    h = await Harness.start({
      workers: 1,
      env: {
        EVENTS_SIGNING_SECRET: SECRET,
        SEND_RETRY_WINDOW_SECONDS: '3600',
        SMS_PROVIDER: 'http', SMS_API_URL: `http://127.0.0.1:${await freePort() /* the SMS provider is down */}`, SMS_ACCOUNT: 'AC123', SMS_TOKEN: 'tok', SMS_FROM: '+15550001111',
      },
    });
  });
  afterAll(async () => {
    await h.stop();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('waits on the fallback channel\'s relay, with its name in the reason, while the step\'s relay is fine', async () => {
    const prefix = uniq('fbdown');
    const person = { externalId: `${prefix}-0`, email: `${prefix}-0@customers.test`, phone: '+33612357000', name: 'P0', attributes: { accountNo: '0' } };
    const body = { id: await declareEmailThenSms(h, prefix, [person]) };
    const email = await waitFor('the email sent', async () => h.prisma.notification.findFirst({ where: { incidentId: body.id, channel: 'email', state: 'sent' } }));
    const bounce = JSON.stringify({ type: 'bounced', notificationId: email.id, reason: '550 5.1.1 mailbox unavailable', status: '5.1.1' });
    await h.http.post('/api/v1/events/email').set('Content-Type', 'application/json').set('X-Tocsin-Signature', signBody(SECRET, bounce)).send(bounce).expect(200);

    const sms = await waitFor('the SMS waiting on its provider', async () => {
      const r = await h.prisma.notification.findFirst({ where: { incidentId: body.id, channel: 'sms' } });
      return r?.state === 'queued' && r.lastError ? r : null;
    });
    expect(sms.lastError).toMatch(/^waiting: the sms relay has been unreachable since \d{4}-/);
    expect(sms.attempts).toBe(0); // waiting costs no attempt
  }, 90_000);
});
