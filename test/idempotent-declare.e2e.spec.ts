import { auth, Harness } from './support/harness';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';

describe('Declaring with an Idempotency-Key', () => {
  let h: Harness;
  let runbook: string;
  let externalIds: string[];

  beforeAll(async () => {
    h = await Harness.start({ workers: 1 });
    ({ runbook, externalIds } = await seedRunbook(h, uniq('idem'), 5));
  });
  afterAll(() => h.stop());

  it('replays the same incident for the same key and body', async () => {
    const key = uniq('key');
    const body = declareBody(runbook, externalIds);
    const first = await h.http.post('/api/v1/incidents').set(auth()).set('Idempotency-Key', key).send(body).expect(201);
    const again = await h.http.post('/api/v1/incidents').set(auth()).set('Idempotency-Key', key).send(body).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await h.prisma.incident.count({ where: { idempotencyKey: key } })).toBe(1);
  });

  it('refuses the same key with a different body with 422', async () => {
    const key = uniq('key');
    await h.http.post('/api/v1/incidents').set(auth()).set('Idempotency-Key', key).send(declareBody(runbook, externalIds)).expect(201);
    const r = await h.http
      .post('/api/v1/incidents')
      .set(auth())
      .set('Idempotency-Key', key)
      .send(declareBody(runbook, externalIds, { title: 'Another incident' }))
      .expect(422);
    expect(r.body.error.code).toBe('idempotency_key_reused');
  });

  it('creates one incident for concurrent declares with one key, and sends each notice once', async () => {
    const key = uniq('key');
    const body = declareBody(runbook, externalIds);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => h.http.post('/api/v1/incidents').set(auth()).set('Idempotency-Key', key).send(body)),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await h.prisma.incident.count({ where: { idempotencyKey: key } })).toBe(1);
    const id = responses[0].body.id;
    expect(await h.prisma.affectedCustomer.count({ where: { incidentId: id } })).toBe(5);
  });

  it('declares a separate incident for each request without a key', async () => {
    const body = declareBody(runbook, externalIds);
    const a = await h.http.post('/api/v1/incidents').set(auth()).send(body).expect(201);
    const b = await h.http.post('/api/v1/incidents').set(auth()).send(body).expect(201);
    expect(a.body.id).not.toBe(b.body.id);
  });
});
