import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signBody } from '../src/tracking/event-signature.guard';
import { declareBody, NOTICE, uniq } from './factories/scenario.factory';
import { consoleLogin } from './support/console-session';
import { auth, Harness, waitFor } from './support/harness';
import { SmsSink } from './support/sms-sink';

const SECRET = 'test-events-secret-reach-truth-0123';
const SMS = { text: '{{facts.whatHappened}} Details: {{notice.url}}', variables: ['facts.whatHappened', 'notice.url'] };
/** A committed Postfix DSN (test/fixtures/dsn) pointed at one of this test's notifications. */
const dsn = (file: string, placeholder: string, id: string) => readFileSync(path.join(__dirname, 'fixtures/dsn', file), 'utf8').split(placeholder).join(id);
const linkIn = (text: string) => /http:\/\/tocsin\.test(\/n\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
const ackCsrf = (html: string, action: string) => new RegExp(`action="${action.replace(/[/]/g, '\\/')}">\\s*<input type="hidden" name="csrf" value="([^"]+)"`).exec(html)?.[1];

/**
 * Issue 15: one definition of "reached" and one source of opened/acknowledged, read back from every surface:
 * the reach report (headline, per step, per channel), unreached.csv, /metrics, the console dashboard and its
 * stream, and the agent view (API and console). Bounces and failures come in as real Postfix DSNs.
 */
describe('Reach that tells the truth', () => {
  let h: Harness;
  const sms = new SmsSink();
  const prefix = uniq('truth');
  const email = (i: number) => `${prefix}-${i}@customers.test`;
  const phone = (i: number) => `+3361234${String(5000 + i)}`;
  let incidentId: string;
  const ids: Record<number, string> = {};

  const post = (body: string) =>
    h.http.post('/api/v1/events/email').set('Content-Type', 'message/rfc822').set('X-Tocsin-Signature', signBody(SECRET, body)).send(body).expect(200);
  const reach = async () => (await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth()).expect(200)).body;

  beforeAll(async () => {
    await sms.start();
    h = await Harness.start({ env: { EVENTS_SIGNING_SECRET: SECRET, SMS_PROVIDER: 'http', SMS_API_URL: sms.url, SMS_ACCOUNT: 'AC1', SMS_TOKEN: 'tok', SMS_FROM: '+15550001111' } });
    // 0 delivered, 1 hard bounce (no phone), 2 given up 4.4.1 (no phone), 3 given up 4.2.2 (has a phone: the SMS fallback reaches them), 4 sent
    const people = [0, 1, 2, 3, 4].map((i) => ({ externalId: `${prefix}-${i}`, email: email(i), name: `C${i}`, attributes: { accountNo: String(i) }, ...(i === 3 ? { phone: phone(3) } : {}) }));
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: people }).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-t/email/en`).set(auth()).send(NOTICE).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-t/sms/en`).set(auth()).send(SMS).expect(200);
    await h.http
      .put(`/api/v1/runbooks/${prefix}-rb`)
      .set(auth())
      .send({ name: 'x', steps: [{ id: 'tell', audience: 'affected_customers', channel: 'email', fallbackChannels: ['sms'], template: `${prefix}-t` }] })
      .expect(200);
    await h.http.post(`/api/v1/runbooks/${prefix}-rb/publish`).set(auth()).expect(201);
    incidentId = (await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${prefix}-rb`, people.map((p) => p.externalId))).expect(201)).body.id;
    await waitFor('five emails sent', async () => (await h.prisma.notification.count({ where: { incidentId, state: 'sent' } })) === 5);
    for (const n of await h.prisma.notification.findMany({ where: { incidentId }, include: { customer: true } })) ids[Number(n.customer!.externalId.split('-').pop())] = n.id;

    await post(dsn('postfix-delivered-2.0.0.eml', 'aaaaaaaa-0000-4000-8000-000000000001', ids[0]));
    await post(dsn('postfix-remote-5.1.1.eml', 'bbbbbbbb-0000-4000-8000-000000000002', ids[1]));
    await post(dsn('postfix-expired-4.4.1.eml', 'eeeeeeee-0000-4000-8000-000000000005', ids[2]));
    await post(dsn('postfix-expired-remote-4.2.2.eml', '12121212-0000-4000-8000-000000000007', ids[3]));
    // the scheduler's pass moves the bounced and failed customers to the step's fallback channel
    await waitFor('fallback SMS sent to customer 3', async () => {
      await h.reconciler().tick();
      return (await h.prisma.notification.count({ where: { incidentId, channel: 'sms', state: { in: ['sent', 'suppressed'] } } })) === 3;
    });

    // customer 0 acknowledges through their notice page; customer 4 only opens it
    const link0 = linkIn(h.sink.to(email(0))[0].text)!;
    const page = await h.http.get(link0).expect(200);
    await h.http.post(`${link0}/ack`).type('form').set('Origin', 'http://tocsin.test').send({ csrf: ackCsrf(page.text, `${link0}/ack`) }).expect(303);
    await h.http.get(linkIn(h.sink.to(email(4))[0].text)!).expect(200);
  });
  afterAll(async () => {
    await h.stop();
    await sms.stop();
  });

  it('counts bounced and failed customers as not reached, a fallback that reached them as reached', async () => {
    const r = await reach();
    expect(r).toMatchObject({ affected: 5, reached: 3, unreached: 2, opened: 2, acknowledged: 1 });
    const email = r.steps.find((s: { channel: string }) => s.channel === 'email');
    const text = r.steps.find((s: { channel: string }) => s.channel === 'sms');
    expect(email).toMatchObject({ step: 'tell', sent: 1, delivered: 1, bounced: 1, failed: 2, reached: 2, opened: 2, acknowledged: 1 });
    expect(text).toMatchObject({ step: 'tell', sent: 1, suppressed: 2, reached: 1, acknowledged: 0 });
    expect(r.channels).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'email', reached: 2, acknowledged: 1, opened: 2 }),
        expect.objectContaining({ channel: 'sms', reached: 1, acknowledged: 0 }),
      ]),
    );
    expect(sms.to(phone(3))).toHaveLength(1);
  });

  it('takes a 4.x.x give-up as final without suppressing the address; a 5.x.x bounce suppresses it', async () => {
    const n = await h.prisma.notification.findMany({ where: { id: { in: [ids[1], ids[2], ids[3]] } } });
    expect(Object.fromEntries(n.map((x) => [x.id, x.state]))).toEqual({ [ids[1]]: 'bounced', [ids[2]]: 'failed', [ids[3]]: 'failed' });
    expect(await h.prisma.suppression.findMany({ where: { address: { in: [email(1), email(2), email(3)] } }, select: { address: true } })).toEqual([{ address: email(1) }]);
  });

  it('lists the same two customers in unreached.csv, and the same figures in /metrics', async () => {
    const csv = (await h.http.get(`/api/v1/incidents/${incidentId}/unreached.csv`).set(auth()).expect(200)).text.trim().split('\n');
    expect(csv).toHaveLength(1 + 2);
    expect(csv.slice(1).map((l) => l.split(',')[0]).sort()).toEqual([`${prefix}-1`, `${prefix}-2`]);
    expect(csv.find((l) => l.startsWith(`${prefix}-1,`))).toMatch(/bounced \(5\.1\.1/);

    const metrics = (await h.http.get('/metrics').expect(200)).text;
    const value = (measure: string) => Number(new RegExp(`^tocsin_incident_customers\\{incident="${incidentId}",measure="${measure}"\\} (\\d+)$`, 'm').exec(metrics)?.[1]);
    expect(['affected', 'reached', 'unreached', 'opened', 'acknowledged'].map(value)).toEqual([5, 3, 2, 2, 1]);
  });

  it('shows the same figures on the console dashboard and in its live stream', async () => {
    const viewer = await consoleLogin(h, 'viewer');
    const html = (await viewer.agent.get(`/console/incidents/${incidentId}`).expect(200)).text;
    const span = (id: string) => new RegExp(`id="${id}">([^<]+)<`).exec(html)?.[1];
    expect([span('reach-reached'), span('reach-affected'), span('reach-unreached'), span('reach-acknowledged')]).toEqual(['3', '5', '2', '1']);
    expect(span('reach-percent')).toBe('60 %');
    const emailRow = /<tr[^>]*>\s*<td[^>]*>tell<\/td><td[^>]*>email<\/td>[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '';
    expect([...emailRow.matchAll(/class="num"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(['0', '1', '1', '1', '1', '2', '0']);

    const events = await new Promise<string>((resolve, reject) => {
      let body = '';
      const req = viewer.agent.get(`/console/incidents/${incidentId}/reach/stream`).buffer(false);
      req.parse((res, cb) => {
        res.on('data', (c: Buffer) => {
          body += c.toString();
          if (body.includes('\n\n')) {
            resolve(body);
            (res as unknown as { destroy(): void }).destroy();
          }
        });
        res.on('error', () => cb(null, body));
      });
      req.catch((e: Error) => (body.includes('\n\n') ? undefined : reject(e)));
    });
    const first = JSON.parse(/^data: (.*)$/m.exec(events)![1]);
    expect(first.reach).toMatchObject({ affected: 5, reached: 3, unreached: 2, acknowledged: 1 });
    expect(first.reachPercent).toBe(60);
  });

  it('tells the agent who acknowledged, and why a notice failed in plain words (API and console)', async () => {
    const agentKey = (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: `${prefix}-agent`, role: 'agent' }).expect(201)).body.secret;
    const ada = (await h.http.get(`/api/v1/customers/${prefix}-0/context`).set(auth(agentKey)).expect(200)).body;
    expect(ada.incidents[0]).toMatchObject({ id: incidentId, reached: true, opened: true, acknowledged: true, acknowledgedAt: expect.any(String) });
    expect(ada.script.say).toEqual(expect.arrayContaining([expect.stringMatching(/^They acknowledged the notice on \d{4}-\d{2}-\d{2}\.$/)]));

    const bounced = (await h.http.get(`/api/v1/customers/${prefix}-1/context`).set(auth(agentKey)).expect(200)).body;
    expect(bounced.incidents[0]).toMatchObject({ reached: false, acknowledged: false });
    const emailNotice = bounced.incidents[0].notices.find((n: { channel: string }) => n.channel === 'email');
    expect(emailNotice).toMatchObject({ state: 'bounced', problem: 'the address does not exist', error: expect.stringContaining('550 5.1.1') });
    expect(bounced.script.say[0]).toMatch(/has not reached this customer yet \(the address does not exist\)/);
    // the suppressed address, so the agent asks for a new one (the 4.x.x give-up suppressed nothing)
    expect(bounced.suppressed).toEqual([expect.objectContaining({ channel: 'email', address: email(1), problem: 'the address does not exist' })]);
    expect(bounced.script.say[1]).toBe(`We no longer write to their email address ${email(1)} (the address does not exist): ask for a new one.`);
    const gaveUp = (await h.http.get(`/api/v1/customers/${prefix}-2/context`).set(auth(agentKey)).expect(200)).body;
    expect(gaveUp.incidents[0].notices.find((n: { channel: string }) => n.channel === 'email')).toMatchObject({ state: 'failed', problem: 'their server could not be reached' });
    expect(gaveUp.suppressed).toEqual([]);

    const agent = await consoleLogin(h, 'agent');
    const page = (await agent.agent.get(`/console/customers/${prefix}-0`).expect(200)).text;
    expect(page).toMatch(new RegExp(`id="ack-${incidentId}">acknowledged <time`));
    const bouncedPage = (await agent.agent.get(`/console/customers/${prefix}-1`).expect(200)).text;
    expect(bouncedPage).toContain('the address does not exist<details><summary>Technical details</summary><pre class="raw-error">5.1.1 550 5.1.1');
    expect(bouncedPage).toMatch(new RegExp(`id="suppressed"[\\s\\S]*<strong>${email(1)}</strong> \\(email\\) since <time`));
  });

  /**
   * The DSNs a Postfix relay sends on the way, fed to the same surfaces (the #15 re-check): a delay warning
   * (never final), `relayed` (accepted by a server that reports no success, then a give-up from further down
   * with 4.4.7), `expanded` (delivered to the alias, forwarded), an alias whose Final-Recipient differs from
   * the address we wrote to (Original-Recipient names it), a duplicate bounce, a delivery report after a bounce,
   * and DSNs about messages Tocsin never sent. Each is a committed real Postfix DSN, pointed at this test's
   * notification, with the Action/Status/recipient lines changed as the comment says.
   */
  describe('after the DSNs Postfix sends on the way', () => {
    const p2 = uniq('truth-way');
    const mail = (i: number) => `${p2}-${i}@customers.test`;
    let incident2: string;
    const n2: Record<number, string> = {};
    const outcome = async (body: string) => (await post(body)).body as { received: number; applied: number; events: { kind: string; matched: boolean; applied: boolean }[] };
    const delivered = (id: string) => dsn('postfix-delivered-2.0.0.eml', 'aaaaaaaa-0000-4000-8000-000000000001', id);
    const bounce = (id: string) => dsn('postfix-remote-5.1.1.eml', 'bbbbbbbb-0000-4000-8000-000000000002', id);

    beforeAll(async () => {
      const people = [0, 1, 2, 3, 4].map((i) => ({ externalId: `${p2}-${i}`, email: mail(i), name: `W${i}`, attributes: { accountNo: String(i) } }));
      await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: people }).expect(200);
      await h.http.put(`/api/v1/templates/${p2}-t/email/en`).set(auth()).send(NOTICE).expect(200);
      await h.http.put(`/api/v1/runbooks/${p2}-rb`).set(auth()).send({ name: 'x', steps: [{ id: 'tell', audience: 'affected_customers', channel: 'email', template: `${p2}-t` }] }).expect(200);
      await h.http.post(`/api/v1/runbooks/${p2}-rb/publish`).set(auth()).expect(201);
      incident2 = (await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${p2}-rb`, people.map((p) => p.externalId))).expect(201)).body.id;
      await waitFor('five emails sent', async () => (await h.prisma.notification.count({ where: { incidentId: incident2, state: 'sent' } })) === 5);
      for (const n of await h.prisma.notification.findMany({ where: { incidentId: incident2 }, include: { customer: true } })) n2[Number(n.customer!.externalId.split('-').pop())] = n.id;
    });

    it('reads each DSN as Postfix meant it', async () => {
      // 0: "Delayed Mail (still being retried)", text/rfc822-headers as its third part: never final
      expect((await outcome(dsn('postfix-delayed-4.4.1.eml', '66666666-7777-4888-9999-aaaaaaaaaaaa', n2[0]))).events).toEqual([expect.objectContaining({ kind: 'soft_bounce', matched: true, applied: false })]);
      // 1: relayed to a server that reports no success: not a delivery; the give-up returned later (4.4.7) is final
      expect((await outcome(delivered(n2[1]).replace('Action: delivered', 'Action: relayed'))).events).toEqual([expect.objectContaining({ kind: 'accepted', matched: true, applied: false })]);
      const gaveUp = dsn('postfix-expired-4.4.1.eml', 'eeeeeeee-0000-4000-8000-000000000005', n2[1]).replace('Status: 4.4.1', 'Status: 4.4.7');
      expect((await outcome(gaveUp)).events).toEqual([expect.objectContaining({ kind: 'failed', matched: true, applied: true })]);
      // 2: expanded (delivered to the alias, then forwarded)
      expect((await outcome(delivered(n2[2]).replace('Action: delivered', 'Action: expanded'))).events).toEqual([expect.objectContaining({ kind: 'delivered', applied: true })]);
      // 3: we wrote to mail(3), an alias: the DSN's Final-Recipient is the mailbox it led to, Original-Recipient ours
      const alias = bounce(n2[3]).replace('Original-Recipient: rfc822;gone@remote.test', `Original-Recipient: rfc822;${mail(3)}`).replace(/^To: gone@remote\.test$/m, `To: ${mail(3)}`);
      expect((await outcome(alias)).events).toEqual([expect.objectContaining({ kind: 'hard_bounce', status: '5.1.1', applied: true })]);
      // 4: a bounce, the same bounce again, then a delivery report: the bounce stands, counted once
      expect((await outcome(bounce(n2[4]))).applied).toBe(1);
      expect((await outcome(bounce(n2[4]))).applied).toBe(0);
      expect((await outcome(delivered(n2[4]))).applied).toBe(0);
      // DSNs about messages Tocsin never sent: 200, recorded, nothing matched
      for (const other of [delivered('00000000-0000-4000-8000-00000000dead'), readFileSync(path.join(__dirname, 'fixtures/dsn/postfix-multi-recipient.eml'), 'utf8')]) {
        expect((await outcome(other)).events).toEqual([expect.objectContaining({ matched: false, applied: false })]);
      }
      const states = await h.prisma.notification.findMany({ where: { incidentId: incident2 }, select: { id: true, state: true } });
      expect(Object.fromEntries(states.map((x) => [x.id, x.state]))).toEqual({ [n2[0]]: 'sent', [n2[1]]: 'failed', [n2[2]]: 'delivered', [n2[3]]: 'bounced', [n2[4]]: 'bounced' });
      // the alias's address is suppressed (not the mailbox it led to), the 4.4.7 give-up suppresses nothing
      expect((await h.prisma.suppression.findMany({ where: { address: { in: [0, 1, 2, 3, 4].map(mail) } }, select: { address: true } })).map((x) => x.address).sort()).toEqual([mail(3), mail(4)].sort());
    });

    it('shows the same figures in the headline, the step row, unreached.csv and /metrics', async () => {
      const r = (await h.http.get(`/api/v1/incidents/${incident2}/reach`).set(auth()).expect(200)).body;
      expect(r).toMatchObject({ affected: 5, reached: 2, unreached: 3 });
      expect(r.steps).toEqual([expect.objectContaining({ step: 'tell', channel: 'email', sent: 1, delivered: 1, bounced: 2, failed: 1, reached: 2 })]);
      const csv = (await h.http.get(`/api/v1/incidents/${incident2}/unreached.csv`).set(auth()).expect(200)).text.trim().split('\n');
      expect(csv.slice(1).map((l) => l.split(',')[0]).sort()).toEqual([`${p2}-1`, `${p2}-3`, `${p2}-4`]);
      const metrics = (await h.http.get('/metrics').expect(200)).text;
      const value = (measure: string) => Number(new RegExp(`^tocsin_incident_customers\\{incident="${incident2}",measure="${measure}"\\} (\\d+)$`, 'm').exec(metrics)?.[1]);
      expect(['affected', 'reached', 'unreached'].map(value)).toEqual([5, 2, 3]);
    });
  });
});
