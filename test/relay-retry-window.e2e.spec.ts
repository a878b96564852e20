import { freePort } from './support/free-port';
import { SmsSink } from './support/sms-sink';
import { auth, Harness, waitFor } from './support/harness';
import { declareBody, declareEmailThenSms, NOTICE, uniq } from './factories/scenario.factory';
import { NotificationRepository } from '../src/dispatch/notification.repository';

describe('An email relay that never comes back', () => {
  let h: Harness;
  const sms = new SmsSink();
  const saved = { ...process.env };

  beforeAll(async () => {
    await sms.start();
    h = await Harness.start({
      workers: 1,
      env: {
        SMTP_URL: `smtp://127.0.0.1:${await freePort() /* nothing listens: refused, as a relay down for good */}`,
        SEND_RETRY_WINDOW_SECONDS: '4',
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

  it('waits without spending attempts, then after the retry window fails the notices over to the fallback channel', async () => {
    const prefix = uniq('deadrelay');
    const people = [0, 1, 2].map((i) => ({ externalId: `${prefix}-${i}`, email: `${prefix}-${i}@customers.test`, phone: `+3361234${String(5000 + i)}`, name: `P${i}`, attributes: { accountNo: String(i) } }));
    const body = { id: await declareEmailThenSms(h, prefix, people) };

    // while the window runs the notices wait, untried, with the reason
    const waiting = await waitFor('the notices waiting on the relay', async () => {
      const rows = await h.prisma.notification.findMany({ where: { incidentId: body.id, channel: 'email' } });
      return rows.length === 3 && rows.every((r) => r.state === 'queued' && /^waiting: the email relay has been unreachable since /.test(r.lastError ?? '')) ? rows : null;
    });
    expect(waiting.every((r) => r.attempts === 0)).toBe(true);

    // then they fail with the reason, and the customers get the SMS instead
    const emails = await waitFor('the emails failed after the window', async () => {
      const rows = await h.prisma.notification.findMany({ where: { incidentId: body.id, channel: 'email' } });
      return rows.every((r) => r.state === 'failed') ? rows : null;
    }, 240_000);
    for (const r of emails) expect(r.lastError).toMatch(/^gave up after the retry window: waiting: the email relay has been unreachable since /);
    await waitFor('the SMS fallback sent', async () => people.every((p) => sms.to(p.phone).length === 1), 30_000);
  }, 240_000);
  it('counts the window from a notice\'s first chance to go out, not from its creation (a long pause does not fail it at the first refusal)', async () => {
    const prefix = uniq('heldback');
    const people = [0, 1].map((i) => ({ externalId: `${prefix}-${i}`, email: `${prefix}-${i}@customers.test`, name: `P${i}`, attributes: { accountNo: String(i) } }));
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: people }).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-t/email/en`).set(auth()).send(NOTICE).expect(200);
    await h.http.put(`/api/v1/runbooks/${prefix}-rb`).set(auth()).send({ name: 'x', steps: [{ id: 'tell', audience: 'affected_customers', template: `${prefix}-t`, channel: 'email' }] }).expect(200);
    await h.http.post(`/api/v1/runbooks/${prefix}-rb/publish`).set(auth()).expect(201);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${prefix}-rb`, people.map((p) => p.externalId))).expect(201);
    await waitFor('both notices created', async () => (await h.prisma.notification.count({ where: { incidentId: body.id } })) === 2);
    // paused, so no batch claims them while the rows are staged below (a claim needs a live incident)
    await h.http.post(`/api/v1/incidents/${body.id}/pause`).set(auth()).send({ reason: 'test' }).expect(200);
    const [held, stale] = await waitFor('no batch holding them', async () => {
      const rows = await h.prisma.notification.findMany({ where: { incidentId: body.id }, orderBy: { recipient: 'asc' } });
      return rows.every((r) => r.state === 'queued' || r.state === 'pending') ? rows : null;
    });
    // as a batch holds them after claiming: both created an hour ago (e.g. a pause that long); one first
    // claimed just now, its first chance; the other first claimed an hour ago, its window spent
    await h.prisma.$executeRaw`UPDATE notification SET state = 'sending', sending_at = now(), created_at = now() - interval '1 hour',
      first_attempt_at = CASE WHEN id = ${held.id}::uuid THEN now() ELSE now() - interval '1 hour' END WHERE id IN (${held.id}::uuid, ${stale.id}::uuid)`;
    const failed = await h.workers[0].get(NotificationRepository).releaseUntried([held.id, stale.id], 'waiting: the email relay has been unreachable', 4);
    expect(failed).toEqual([stale.id]);
    const after = await h.prisma.notification.findUniqueOrThrow({ where: { id: held.id } });
    expect(after.state).toBe('queued'); // waiting again, its attempt given back
    expect(after.failedAt).toBeNull();
  }, 240_000);
});
