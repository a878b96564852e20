import { auth, Harness } from './support/harness';

describe('API keys and roles', () => {
  let h: Harness;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
    for (const role of ['commander', 'comms', 'agent', 'viewer']) {
      const r = await h.http.post('/api/v1/api-keys').set(auth()).send({ name: `${role} key`, role }).expect(201);
      keys[role] = r.body.secret;
    }
  });
  afterAll(() => h.stop());

  it('answers 401 as a JSON error without a key or with an unknown key', async () => {
    const none = await h.http.get('/api/v1/customers').expect(401);
    expect(none.body).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('Bearer') } });
    const bad = await h.http.get('/api/v1/customers').set(auth('tcs_not-a-real-key')).expect(401);
    expect(bad.body.error.code).toBe('unauthorized');
  });

  it('stores only a hash of each key and shows the secret once', async () => {
    const r = await h.http.post('/api/v1/api-keys').set(auth()).send({ name: 'ops', role: 'viewer' }).expect(201);
    const row = await h.prisma.apiKey.findUniqueOrThrow({ where: { id: r.body.id } });
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(r.body.secret);
  });

  it('answers 403 naming the needed role when the role does not allow the action', async () => {
    const r = await h.http.post('/api/v1/incidents').set(auth(keys.viewer)).send({}).expect(403);
    expect(r.body.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('commander') });
    await h.http.post('/api/v1/api-keys').set(auth(keys.commander)).send({ name: 'x', role: 'admin' }).expect(403);
    await h.http.put('/api/v1/customers/c-1').set(auth(keys.agent)).send({}).expect(403);
    await h.http.put('/api/v1/templates/t/email/en').set(auth(keys.viewer)).send({}).expect(403);
  });

  it('lets every role read what a viewer may read, and agents read customers', async () => {
    const prefix = `auth-${Date.now()}`;
    await h.http.put(`/api/v1/customers/${prefix}`).set(auth(keys.comms)).send({ email: 'a@b.test' }).expect(201);
    await h.http.get(`/api/v1/customers/${prefix}`).set(auth(keys.agent)).expect(200);
    for (const role of Object.keys(keys)) {
      await h.http.get('/api/v1/incidents/00000000-0000-4000-8000-000000000000').set(auth(keys[role])).expect(404);
    }
  });

  it('keeps health and the OpenAPI document public', async () => {
    const health = await h.http.get('/health').expect(200);
    expect(health.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' }, smtp: { status: 'up', reachable: true } });
    const doc = await h.http.get('/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/incidents', '/api/v1/incidents/{id}/reach']));
  });
});
