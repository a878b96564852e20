import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NotificationRepository } from '../src/dispatch/notification.repository';
import { signBody } from '../src/tracking/event-signature.guard';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';
import { auth, Harness, waitFor } from './support/harness';

const SECRET = 'test-events-secret-early-dsn-0123';
const dsn = (file: string, placeholder: string, id: string) => readFileSync(path.join(__dirname, 'fixtures/dsn', file), 'utf8').split(placeholder).join(id);

/**
 * A relay may report on a message before the batch that sent it has written the send back (an unknown local
 * user bounces at once; DSNs piped straight to the API). The report must count, and the write-back must not
 * undo it: a bounced customer is never counted as reached.
 */
describe('A delivery report that arrives before the send is written back', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 1, env: { EVENTS_SIGNING_SECRET: SECRET } });
  });
  afterAll(() => h.stop());

  const post = (body: string) =>
    h.http.post('/api/v1/events/email').set('Content-Type', 'message/rfc822').set('X-Tocsin-Signature', signBody(SECRET, body)).send(body).expect(200);

  it('applies a bounce or a delivery to a notification still being sent, and the write-back keeps it', async () => {
    const prefix = uniq('early');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 3);
    const incidentId = (await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201)).body.id;
    await waitFor('three emails sent', async () => (await h.prisma.notification.count({ where: { incidentId, state: 'sent' } })) === 3);
    const [bounced, delivered] = await h.prisma.notification.findMany({ where: { incidentId }, orderBy: { recipient: 'asc' } });
    await h.stopWorkers(); // nothing takes the staged rows back meanwhile

    // two of them as a batch holds them: handed to the relay, not yet written back
    await h.prisma.notification.updateMany({ where: { id: { in: [bounced.id, delivered.id] } }, data: { state: 'sending', sentAt: null, providerMessageId: null, sendingAt: new Date() } });
    expect((await post(dsn('postfix-remote-5.1.1.eml', 'bbbbbbbb-0000-4000-8000-000000000002', bounced.id))).body.applied).toBe(1);
    expect((await post(dsn('postfix-delivered-2.0.0.eml', 'aaaaaaaa-0000-4000-8000-000000000001', delivered.id))).body.applied).toBe(1);

    // then the batch writes its sends back
    const worker = await h.startWorker();
    await worker.get(NotificationRepository).recordResults(
      [bounced, delivered].map((n) => ({ id: n.id, state: 'sent' as const, providerMessageId: `<${n.id}@acme.test>`, error: null, templateVersionId: null })),
    );
    const after = await h.prisma.notification.findMany({ where: { id: { in: [bounced.id, delivered.id] } }, orderBy: { recipient: 'asc' } });
    expect(after.map((n) => n.state)).toEqual(['bounced', 'delivered']);
    for (const n of after) {
      expect(n.sentAt).toBeInstanceOf(Date); // the send is recorded all the same
      expect(n.providerMessageId).toBe(`<${n.id}@acme.test>`);
    }
    expect(after[0].lastError).toMatch(/5\.1\.1/);

    const reach = (await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth()).expect(200)).body;
    expect(reach).toMatchObject({ affected: 3, reached: 2, unreached: 1, bounced: 1, delivered: 1 });
    const csv = (await h.http.get(`/api/v1/incidents/${incidentId}/unreached.csv`).set(auth()).expect(200)).text;
    expect(csv.trim().split('\n')).toHaveLength(2); // header + the bounced customer
    expect(csv).toContain(bounced.recipient);
  }, 120_000);
});
