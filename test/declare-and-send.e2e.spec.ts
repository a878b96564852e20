import { auth, Harness, waitFor } from './support/harness';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';

describe('Declaring an incident emails every affected customer', () => {
  let h: Harness;

  beforeAll(async () => {
    // two worker processes' worth of workers at once: every rule must hold with more than one
    h = await Harness.start({ workers: 2, env: { SEND_BATCH_SIZE: '40', FANOUT_PAGE_SIZE: '100' } });
  });
  afterAll(() => h.stop());

  it('sends exactly one personalised email to each of 300 customers and reports them reached', async () => {
    const prefix = uniq('e2e');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 300);
    // one customer is listed twice: still one notice
    const res = await h.http
      .post('/api/v1/incidents')
      .set(auth())
      .set('Idempotency-Key', uniq('key'))
      .send(declareBody(runbook, [...externalIds, externalIds[0]]))
      .expect(201);
    const incidentId: string = res.body.id;
    expect(res.body.affected).toBe(300);
    expect(res.body.schedule).toHaveLength(1);

    const reach = await waitFor('all 300 sent', async () => {
      const r = await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth()).expect(200);
      return r.body.sent === 300 && r.body.steps[0].state === 'completed' && r.body.state === 'monitoring' ? r.body : null;
    });
    expect(reach).toMatchObject({ affected: 300, sent: 300, queued: 0, pending: 0, failed: 0, reached: 300, unreached: 0, state: 'monitoring' });

    const mine = h.sink.received.filter((m) => m.envelopeTo[0]?.startsWith(`${prefix}-`));
    expect(mine).toHaveLength(300);
    const notifications = await h.prisma.notification.findMany({ where: { incidentId }, include: { customer: true } });
    expect(notifications).toHaveLength(300);
    for (const n of notifications) {
      const i = Number(n.customer!.externalId.split('-').pop());
      const got = h.sink.to(`${prefix}-${i}@customers.test`);
      expect(got).toHaveLength(1);
      const mail = got[0];
      expect(mail.to).toContain(`Customer ${i} of ${prefix}`);
      expect(mail.subject).toBe(`Security incident: Unauthorised access to customer records (${prefix}-${i})`);
      expect(mail.text).toContain(`Dear Customer ${i} of ${prefix},`);
      expect(mail.text).toContain(`Account ACC-${i}`);
      expect(mail.text).toContain('An attacker copied <names & emails>.'); // plain text is not HTML-escaped
      expect(mail.html).toContain('An attacker copied &lt;names &amp; emails&gt;.'); // HTML is
      expect(mail.messageId).toBe(`<${n.id}@acme.test>`); // deterministic, derived from the notification
      expect(n.state).toBe('sent');
      expect(n.sentAt).not.toBeNull();
      expect(n.attempts).toBe(1);
      expect(n.templateVersionId).not.toBeNull();
    }
  });

  it('records a 5xx rejection as failed with the server reason, and retries a 4xx until it goes through', async () => {
    const prefix = uniq('fail');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 4);
    const rejected = `${prefix}-1@customers.test`;
    const flaky = `${prefix}-2@customers.test`;
    let flakyTries = 0;
    h.sink.failFor = (rcpt) => {
      if (rcpt === rejected) return { code: 550, message: 'No such user here' };
      if (rcpt === flaky && flakyTries++ < 1) return { code: 451, message: 'Try again later' };
      return null;
    };
    const res = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    const reach = await waitFor('3 sent and 1 failed', async () => {
      const r = await h.http.get(`/api/v1/incidents/${res.body.id}/reach`).set(auth());
      return r.body.sent === 3 && r.body.failed === 1 ? r.body : null;
    });
    h.sink.failFor = () => null;
    expect(reach).toMatchObject({ affected: 4, reached: 3, unreached: 1 });
    // the trigger-kept counters agree with a count over the rows themselves
    const direct = await h.prisma.$queryRaw<{ state: string; n: bigint }[]>`
      SELECT state::text, count(*) AS n FROM notification WHERE incident_id = ${res.body.id}::uuid GROUP BY 1`;
    for (const d of direct) expect(reach[d.state]).toBe(Number(d.n));
    expect(reach.queued + reach.sending + reach.pending).toBe(0);
    const failed = await h.prisma.notification.findFirstOrThrow({ where: { incidentId: res.body.id, recipient: rejected } });
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toContain('No such user here');
    const retried = await h.prisma.notification.findFirstOrThrow({ where: { incidentId: res.body.id, recipient: flaky } });
    expect(retried.state).toBe('sent');
    expect(retried.attempts).toBe(2);
    expect(h.sink.to(flaky)).toHaveLength(1);
  });

  it('suppresses customers without an email address and counts them as unreached', async () => {
    const prefix = uniq('nomail');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 2);
    await h.http.put(`/api/v1/customers/${prefix}-x`).set(auth()).send({ name: 'Phone only', phone: '+33612345678' }).expect(201);
    const res = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, [...externalIds, `${prefix}-x`])).expect(201);
    const reach = await waitFor('done', async () => {
      const r = await h.http.get(`/api/v1/incidents/${res.body.id}/reach`).set(auth());
      return r.body.sent === 2 ? r.body : null;
    });
    expect(reach).toMatchObject({ affected: 3, sent: 2, suppressed: 1, reached: 2, unreached: 1 });
  });
});
