import { consoleLogin } from './support/console-session';
import { auth, Harness } from './support/harness';

describe('Console: API keys (admins)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
  });
  afterAll(() => h.stop());

  it('lists keys without secrets, creates one (secret shown once), rotates and revokes it', async () => {
    const admin = await consoleLogin(h, 'admin');
    const home = await admin.agent.get('/console').expect(200);
    expect(home.text).toContain('href="/console/api-keys"');

    const created = await admin.agent.post('/console/api-keys').type('form').send({ _csrf: admin.csrf, name: 'crm sync', role: 'viewer', expiresOn: '2099-01-31' }).expect(201);
    const secret = /id="new-secret">([^<]+)</.exec(created.text)![1];
    await h.http.get('/api/v1/runbooks/none').set(auth(secret)).expect(404);
    const list = await admin.agent.get('/console/api-keys').expect(200);
    expect(list.text).toContain('crm sync');
    expect(list.text).not.toContain(secret);

    const key = (await h.http.get('/api/v1/api-keys?limit=500').set(auth()).expect(200)).body.items.find((k: { name: string }) => k.name === 'crm sync');
    expect(key.expiresAt).toBe('2099-01-31T00:00:00.000Z');
    const rotated = await admin.agent.post(`/console/api-keys/${key.id}/rotate`).type('form').send({ _csrf: admin.csrf }).expect(200);
    const next = /id="new-secret">([^<]+)</.exec(rotated.text)![1];
    await h.http.get('/api/v1/runbooks/none').set(auth(next)).expect(404);
    await h.http.get('/api/v1/runbooks/none').set(auth(secret)).expect(404); // the overlap

    await admin.agent.post(`/console/api-keys/${key.id}/revoke`).type('form').send({ _csrf: admin.csrf }).expect(303);
    await h.http.get('/api/v1/runbooks/none').set(auth(secret)).expect(401);
    const byAdmin = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'api_key.revoked', entityId: key.id } });
    expect(byAdmin.actorName).toBe('admin person');
  });

  it('is for admins only', async () => {
    const commander = await consoleLogin(h, 'commander');
    await commander.agent.get('/console/api-keys').expect(403);
    await commander.agent.post('/console/api-keys').type('form').send({ _csrf: commander.csrf, name: 'x', role: 'admin' }).expect(403);
  });
});
