import { SmsSink } from './support/sms-sink';
import { auth, Harness, waitFor } from './support/harness';
import { declareBody, NOTICE, uniq } from './factories/scenario.factory';

const SMS = { text: '{{facts.whatHappened}} Call {{facts.hotline}}. Details: {{notice.url}}', variables: ['facts.whatHappened', 'facts.hotline', 'notice.url'] };

describe('SMS steps and the fallback channel', () => {
  let h: Harness;
  const sms = new SmsSink();

  beforeAll(async () => {
    await sms.start();
    h = await Harness.start({ workers: 1, env: { SMS_PROVIDER: 'http', SMS_API_URL: sms.url, SMS_ACCOUNT: 'AC123', SMS_TOKEN: 'tok', SMS_FROM: '+15550001111' } });
  });
  afterAll(async () => {
    await h.stop();
    await sms.stop();
  });

  let phoneBase = 10;
  async function setup(prefix: string, step: object) {
    phoneBase += 10;
    const phone = (n: number) => `+336123456${phoneBase + n}`;
    const people = [
      { externalId: `${prefix}-a`, email: `${prefix}-a@customers.test`, phone: phone(1), name: 'A', attributes: { accountNo: '1' } },
      { externalId: `${prefix}-b`, email: `${prefix}-b@customers.test`, phone: phone(2), name: 'B', attributes: { accountNo: '2' } },
      { externalId: `${prefix}-c`, email: `${prefix}-c@customers.test`, name: 'C (no phone)', attributes: { accountNo: '3' } },
    ];
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: people }).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-t/email/en`).set(auth()).send(NOTICE).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-t/sms/en`).set(auth()).send(SMS).expect(200);
    await h.http.put(`/api/v1/runbooks/${prefix}-rb`).set(auth()).send({ name: 'x', steps: [{ id: 'tell', audience: 'affected_customers', template: `${prefix}-t`, ...step }] }).expect(200);
    await h.http.post(`/api/v1/runbooks/${prefix}-rb/publish`).set(auth()).expect(201);
    return { ids: people.map((p) => p.externalId), phone };
  }

  it('sends an SMS step to customers with a phone number and records why the others were not reached', async () => {
    const prefix = uniq('sms');
    const { ids, phone } = await setup(prefix, { channel: 'sms' });
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${prefix}-rb`, ids)).expect(201);
    const reach = await waitFor('sent', async () => {
      const r = (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body;
      return r.sent === 2 && r.state === 'monitoring' ? r : null;
    });
    expect(reach).toMatchObject({ affected: 3, sent: 2, suppressed: 1, unreached: 1 });
    const got = sms.to(phone(1));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ account: 'AC123', from: '+15550001111', auth: `Basic ${Buffer.from('AC123:tok').toString('base64')}` });
    expect(got[0].body).toMatch(/^An attacker copied <names & emails>\. Call \+1 800 555 0100\. Details: http:\/\/tocsin\.test\/n\/\S+$/);
    expect(got[0].statusCallback).toBe('http://tocsin.test/api/v1/events/sms');
    const c = await h.prisma.notification.findFirstOrThrow({ where: { incidentId: body.id, customer: { externalId: `${prefix}-c` } } });
    expect(c).toMatchObject({ state: 'suppressed', lastError: 'customer has no phone number' });
  });

  it('moves a customer whose email failed for good to the fallback channel, once', async () => {
    const prefix = uniq('fallback');
    const { ids, phone } = await setup(prefix, { channel: 'email', fallbackChannels: ['sms'] });
    h.sink.failFor = (rcpt) => (rcpt === `${prefix}-b@customers.test` ? { code: 550, message: 'No such user' } : null);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${prefix}-rb`, ids)).expect(201);
    const reach = await waitFor('done', async () => {
      const r = (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body;
      return r.state === 'monitoring' ? r : null;
    });
    h.sink.failFor = () => null;
    expect(reach).toMatchObject({ affected: 3, sent: 3, failed: 1, reached: 3, unreached: 0 });
    expect(reach.steps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ step: 'tell', channel: 'email', sent: 2, failed: 1 }),
        expect.objectContaining({ step: 'tell', channel: 'sms', sent: 1 }),
      ]),
    );
    expect(sms.to(phone(2))).toHaveLength(1);
    expect(sms.to(phone(1))).toHaveLength(0);
    expect(h.sink.to(`${prefix}-a@customers.test`)).toHaveLength(1);
  });

  it('sends through the fallback channel at once to customers the step channel cannot reach', async () => {
    const prefix = uniq('noemail');
    const { ids, phone } = await setup(prefix, { channel: 'email', fallbackChannels: ['sms'] });
    // a: suppressed on email after an earlier hard bounce; b: no email address at all
    const a = await h.prisma.customer.findUniqueOrThrow({ where: { externalId: ids[0] } });
    await h.prisma.suppression.create({ data: { customerId: a.id, channel: 'email', address: a.email!, reason: 'hard bounce (550 5.1.1)' } });
    await h.http.put(`/api/v1/customers/${ids[1]}`).set(auth()).send({ phone: phone(2), name: 'B', attributes: { accountNo: '2' } }).expect(200);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${prefix}-rb`, ids)).expect(201);
    const reach = await waitFor('done', async () => {
      const r = (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body;
      return r.state === 'monitoring' ? r : null;
    });
    expect(reach).toMatchObject({ affected: 3, sent: 3, suppressed: 2, reached: 3, unreached: 0 });
    expect(sms.to(phone(1))).toHaveLength(1);
    expect(sms.to(phone(2))).toHaveLength(1);
    expect(h.sink.to(`${prefix}-a@customers.test`)).toHaveLength(0);
    expect(h.sink.to(`${prefix}-c@customers.test`)).toHaveLength(1);
  });
});
