import { SmtpSink } from './support/smtp-sink';
import { auth, Harness, waitFor } from './support/harness';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';

describe('SMTP failover', () => {
  let h: Harness;
  const secondary = new SmtpSink();

  beforeAll(async () => {
    await secondary.start();
    // the primary points at a port nobody listens on; the secondary is a second real SMTP server
    h = await Harness.start({ workers: 1, env: { SMTP_URL: 'smtp://127.0.0.1:1', SMTP_FALLBACK_URLS: secondary.url } });
  });
  afterAll(async () => {
    await h.stop();
    await secondary.stop();
  });

  it('sends through the next server when the primary cannot be reached, once per customer', async () => {
    const prefix = uniq('failover');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 30);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    await waitFor('all sent', async () => (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body.sent === 30);
    for (const id of externalIds) expect(secondary.to(`${id}@customers.test`)).toHaveLength(1);
    const n = await h.prisma.notification.findFirstOrThrow({ where: { incidentId: body.id } });
    expect(n.attempts).toBe(1); // failed over within the same attempt, not after a retry
  });
});
