import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';
import { auth, Harness } from './support/harness';

/**
 * Time-to-reach percentiles come from histograms the reach-counter triggers keep as notifications change
 * state; the send and delivery times are set here exactly, so every percentile is known in advance.
 */
describe('Time to reach in GET /incidents/{id}/reach', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
  });
  afterAll(() => h.stop());

  it('buckets times from the declaration: 1 s to 2 min, 10 s to 20 min, 1 min to 2 h, 10 min to a day, then hours', async () => {
    const cases: [string, number][] = [
      ['-3 seconds', 0],
      ['0.2 seconds', 1],
      ['120 seconds', 120],
      ['121 seconds', 130],
      ['1201 seconds', 1260],
      ['7201 seconds', 7800],
      ['86401 seconds', 90000],
    ];
    for (const [d, bucket] of cases) {
      const [r] = await h.prisma.$queryRawUnsafe<{ b: number }[]>(`SELECT tocsin_latency_bucket(interval '${d}') AS b`);
      expect([d, r.b]).toEqual([d, bucket]);
    }
  });

  it('gives p50/p90/p99 per step and channel (sent and delivered) and per customer (first reach on any channel)', async () => {
    const prefix = uniq('latency');
    const n = 100;
    const { externalIds } = await seedRunbook(h, prefix, n);
    // a step due in ten hours: nothing is sent by a worker, the test writes every state change itself
    const runbook = `${prefix}-later`;
    await h.http
      .put(`/api/v1/runbooks/${runbook}`)
      .set(auth())
      .send({ name: 'later', steps: [{ id: 'tell', audience: 'affected_customers', channel: 'email', template: `${prefix}-notice`, timing: { milestone: 'declared', offsetMinutes: 600 } }] })
      .expect(200);
    await h.http.post(`/api/v1/runbooks/${runbook}/publish`).set(auth()).expect(201);
    const { body: incident } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    const step = await h.prisma.incidentStep.findFirstOrThrow({ where: { incidentId: incident.id } });
    const people = await h.prisma.customer.findMany({ where: { externalId: { in: externalIds } }, select: { id: true, externalId: true } });
    const idOf = (i: number) => people.find((p) => p.externalId === `${prefix}-${i - 1}`)!.id; // customer i = 1..100
    const all = Array.from({ length: n }, (_, k) => idOf(k + 1));
    const last10 = all.slice(90);

    await h.prisma.$executeRaw`
      INSERT INTO notification (incident_id, step_id, customer_id, channel, recipient, state)
      SELECT ${incident.id}::uuid, ${step.id}::uuid, c, 'email', 'x@customers.test', 'queued' FROM unnest(${all}::uuid[]) c`;
    await h.prisma.$executeRaw`
      INSERT INTO notification (incident_id, step_id, customer_id, channel, recipient, state)
      SELECT ${incident.id}::uuid, ${step.id}::uuid, c, 'sms', '+15550000000', 'queued' FROM unnest(${last10}::uuid[]) c`;
    const sendAt = (channel: string, ids: string[], seconds: number[]) => h.prisma.$executeRaw`
      UPDATE notification n SET state = 'sent', sent_at = i.declared_at + make_interval(secs => v.s)
      FROM unnest(${ids}::uuid[], ${seconds}::int[]) v(c, s), incident i
      WHERE i.id = n.incident_id AND n.step_id = ${step.id}::uuid AND n.channel = ${channel} AND n.customer_id = v.c`;
    // customers 91-100 get an SMS 5 s after the declaration, before their (late) email
    await sendAt('sms', last10, last10.map(() => 5));
    // customer i's email goes out i × 10 s after the declaration (10 s … 1000 s), in two statements
    await sendAt('email', all.slice(0, 50), all.slice(0, 50).map((_, k) => (k + 1) * 10));
    await sendAt('email', all.slice(50), all.slice(50).map((_, k) => (k + 51) * 10));
    // the first 20 emails are reported delivered 5 s after they were sent (15 s … 205 s)
    await h.prisma.$executeRaw`
      UPDATE notification SET state = 'delivered', delivered_at = sent_at + interval '5 seconds'
      WHERE step_id = ${step.id}::uuid AND channel = 'email' AND customer_id = ANY(${all.slice(0, 20)}::uuid[])`;

    const { body: reach } = await h.http.get(`/api/v1/incidents/${incident.id}/reach`).set(auth()).expect(200);
    expect(reach).toMatchObject({ affected: n, reached: n, unreached: 0, sent: 90, delivered: 20 });
    // per customer: 10 at 5 s (SMS), the other 90 at 10 … 900 s
    expect(reach.timeToReach).toEqual({ count: 100, p50: 400, p90: 800, p99: 890 });
    const email = reach.steps.find((s: { channel: string }) => s.channel === 'email');
    const sms = reach.steps.find((s: { channel: string }) => s.channel === 'sms');
    // 10 … 1000 s: exact in 1 s buckets up to 120 s and in 10 s buckets above
    expect(email.timeToReach).toEqual({ count: 100, p50: 500, p90: 900, p99: 990 });
    // delivered at 15 … 205 s: 105 s is exact, 185 s and 205 s fall in the 190 s and 210 s buckets
    expect(email.timeToDeliver).toEqual({ count: 20, p50: 105, p90: 190, p99: 210 });
    expect(sms.timeToReach).toEqual({ count: 10, p50: 5, p90: 5, p99: 5 });
    expect(sms.timeToDeliver).toEqual({ count: 0, p50: null, p90: null, p99: null });

    // a state change after the first send (delivered → acknowledged, a repeated update) counts nothing twice
    await h.prisma.$executeRaw`UPDATE notification SET state = 'acknowledged' WHERE step_id = ${step.id}::uuid AND channel = 'email' AND state = 'delivered'`;
    const { body: again } = await h.http.get(`/api/v1/incidents/${incident.id}/reach`).set(auth()).expect(200);
    expect(again.timeToReach.count).toBe(100);
    expect(again.steps.find((s: { channel: string }) => s.channel === 'email').timeToReach.count).toBe(100);

    // fan-out progress on /metrics comes from the same counters
    const metrics = (await h.http.get('/metrics').expect(200)).text;
    const value = (series: string) => Number(metrics.split('\n').find((l) => l.startsWith(`${series} `))?.split(' ')[1]);
    expect(value('tocsin_notifications{channel="email",state="sent"}')).toBeGreaterThanOrEqual(80);
    expect(value('tocsin_notifications{channel="email",state="acknowledged"}')).toBeGreaterThanOrEqual(20);
    expect(value('tocsin_notifications{channel="sms",state="sent"}')).toBeGreaterThanOrEqual(10);
  });
});
