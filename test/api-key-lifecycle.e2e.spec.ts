import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApi } from '../src/bootstrap';
import { runCli } from '../src/cli/cli';
import { loadConfig } from '../src/config/config.schema';
import { ADMIN_KEY, auth, Harness, waitFor } from './support/harness';

describe('API key lifecycle', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
  });
  afterAll(() => h.stop());

  const create = async (body: Record<string, unknown>) => (await h.http.post('/api/v1/api-keys').set(auth()).send(body).expect(201)).body;

  it('lists keys with state, role, prefix and last use, never the secret or its hash', async () => {
    const k = await create({ name: 'lister', role: 'viewer' });
    await h.http.get('/api/v1/runbooks/none').set(auth(k.secret)).expect(404);
    const list = await h.http.get('/api/v1/api-keys?limit=500').set(auth()).expect(200);
    const row = list.body.items.find((x: { id: string }) => x.id === k.id);
    expect(row).toMatchObject({ name: 'lister', role: 'viewer', state: 'active', prefix: k.secret.slice(0, 8), bootstrap: false });
    expect(JSON.stringify(list.body)).not.toContain(k.secret);
    expect(JSON.stringify(list.body)).not.toMatch(/secretHash|[0-9a-f]{64}/);
    await waitFor('last use recorded', async () => {
      const r = await h.http.get('/api/v1/api-keys?limit=500').set(auth()).expect(200);
      return r.body.items.find((x: { id: string }) => x.id === k.id)?.lastUsedAt;
    });
    await h.http.get('/api/v1/api-keys').set(auth(k.secret)).expect(403);
  });

  it('revokes a key at once with DELETE, and records who did it', async () => {
    const k = await create({ name: 'to revoke', role: 'comms' });
    await h.http.get('/api/v1/runbooks/none').set(auth(k.secret)).expect(404);
    const r = await h.http.delete(`/api/v1/api-keys/${k.id}`).set(auth()).expect(200);
    expect(r.body).toMatchObject({ id: k.id, state: 'revoked', revokedReason: 'revoked' });
    await h.http.get('/api/v1/runbooks/none').set(auth(k.secret)).expect(401);
    await h.http.delete(`/api/v1/api-keys/${k.id}`).set(auth()).expect(200); // idempotent
    await h.http.delete('/api/v1/api-keys/00000000-0000-4000-8000-000000000000').set(auth()).expect(404);
    await h.http.delete('/api/v1/api-keys/not-a-uuid').set(auth()).expect(400);
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'api_key.revoked', entityId: k.id } });
    expect(audit.actorName).toBe('bootstrap admin (TOCSIN_ADMIN_KEY)');
    // the revoked key tried again: a signal worth an audit row of its own
    const rejected = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'api_key.rejected', entityId: k.id } });
    expect(rejected).toMatchObject({ actorName: 'to revoke', data: { state: 'revoked', prefix: k.secret.slice(0, 8) }, origin: expect.stringMatching(/127\.0\.0\.1|::1/) });
  });

  it('stops a key at its expiry and refuses an expiry in the past', async () => {
    await h.http.post('/api/v1/api-keys').set(auth()).send({ name: 'past', role: 'viewer', expiresAt: '2020-01-01T00:00:00Z' }).expect(400);
    const k = await create({ name: 'short-lived', role: 'viewer', expiresAt: new Date(Date.now() + 1500).toISOString() });
    await h.http.get('/api/v1/runbooks/none').set(auth(k.secret)).expect(404);
    await waitFor('the key to expire', async () => (await h.http.get('/api/v1/runbooks/none').set(auth(k.secret))).status === 401);
    const list = await h.http.get('/api/v1/api-keys?limit=500').set(auth()).expect(200);
    expect(list.body.items.find((x: { id: string }) => x.id === k.id).state).toBe('expired');
  });

  it('rotates a key: the new secret works at once and the old one until the overlap ends', async () => {
    const k = await create({ name: 'rotating', role: 'commander' });
    const r = await h.http.post(`/api/v1/api-keys/${k.id}/rotate`).set(auth()).send({ overlapHours: 1 }).expect(201);
    expect(r.body).toMatchObject({ name: 'rotating', role: 'commander', secret: expect.stringMatching(/^tcs_/) });
    expect(new Date(r.body.previous.expiresAt).getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    await h.http.get('/api/v1/runbooks/none').set(auth(k.secret)).expect(404);
    await h.http.get('/api/v1/runbooks/none').set(auth(r.body.secret)).expect(404);
    // a second rotation with no overlap ends the previous secret now
    const r2 = await h.http.post(`/api/v1/api-keys/${r.body.id}/rotate`).set(auth()).send({ overlapHours: 0 }).expect(201);
    await h.http.get('/api/v1/runbooks/none').set(auth(r.body.secret)).expect(401);
    await h.http.get('/api/v1/runbooks/none').set(auth(r2.body.secret)).expect(404);
    await h.http.post(`/api/v1/api-keys/${r.body.id}/rotate`).set(auth()).send({}).expect(409);
    expect(await h.prisma.auditEvent.count({ where: { action: 'api_key.rotated', entityId: { in: [k.id, r.body.id] } } })).toBe(2);
  });

  // For a few seconds the run's ADMIN_KEY is revoked here (then restored): with --runInBand (npm test) no
  // other file is running; test files run in parallel in one jest invocation may see 401s in that window.
  it('makes the bootstrap row follow TOCSIN_ADMIN_KEY: a changed or removed value revokes the old one at boot', async () => {
    const bootWith = async (value: string | undefined): Promise<INestApplication> => {
      // the app reads its configuration from the environment (ConfigModule)
      const saved = process.env.TOCSIN_ADMIN_KEY;
      if (value === undefined) delete process.env.TOCSIN_ADMIN_KEY;
      else process.env.TOCSIN_ADMIN_KEY = value;
      try {
        const app = await createApi(loadConfig());
        await app.init();
        return app;
      } finally {
        process.env.TOCSIN_ADMIN_KEY = saved;
      }
    };
    const NEW_KEY = 'rotated-admin-key-9876543210-zyxwvu';
    const second = await bootWith(NEW_KEY);
    try {
      const http = () => request(second.getHttpServer());
      await http().get('/api/v1/api-keys').set(auth(ADMIN_KEY)).expect(401);
      await http().post('/api/v1/api-keys').set(auth(ADMIN_KEY)).send({ name: 'x', role: 'admin' }).expect(401);
      const list = await http().get('/api/v1/api-keys?limit=500').set(auth(NEW_KEY)).expect(200);
      const boot = list.body.items.filter((k: { bootstrap: boolean }) => k.bootstrap);
      expect(boot.filter((k: { state: string }) => k.state === 'active')).toHaveLength(1);
      expect(boot.find((k: { prefix: string }) => k.prefix === ADMIN_KEY.slice(0, 6))).toMatchObject({ state: 'revoked', revokedReason: 'bootstrap_rotated' });
    } finally {
      await second.close();
    }
    const none = await bootWith(undefined);
    try {
      await request(none.getHttpServer()).get('/api/v1/api-keys').set(auth(NEW_KEY)).expect(401);
    } finally {
      await none.close();
    }
    // the operator sets the first value again (as every other test here does): it is live again
    const back = await bootWith(ADMIN_KEY);
    await back.close();
    await h.http.get('/api/v1/api-keys').set(auth(ADMIN_KEY)).expect(200);
    await h.http.get('/api/v1/api-keys').set(auth(NEW_KEY)).expect(401);
  });

  it('refuses to rotate the bootstrap key through the API (it follows the variable)', async () => {
    const list = await h.http.get('/api/v1/api-keys?limit=500').set(auth()).expect(200);
    const boot = list.body.items.find((k: { bootstrap: boolean; state: string }) => k.bootstrap && k.state === 'active');
    await h.http.post(`/api/v1/api-keys/${boot.id}/rotate`).set(auth()).send({}).expect(409);
  });

  it('lists and revokes keys from the CLI', async () => {
    const k = await create({ name: 'cli-victim', role: 'agent' });
    const out: string[] = [];
    expect(await runCli(['list-keys'], (s) => out.push(s))).toBe(0);
    const line = out.find((l) => l.startsWith(k.id))!;
    expect(line).toContain('active');
    expect(line).toContain('cli-victim');
    expect(out.join('\n')).not.toContain(k.secret);
    expect(await runCli(['revoke-key', k.id], (s) => out.push(s))).toBe(0);
    await h.http.get('/api/v1/runbooks/none').set(auth(k.secret)).expect(401);
    const row = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'api_key.revoked', entityId: k.id } });
    expect(row).toMatchObject({ actorName: 'cli', origin: 'cli' });
    const errors: string[] = [];
    expect(await runCli(['revoke-key'], undefined, (s) => errors.push(s))).toBe(2);
    expect(await runCli(['revoke-key', '00000000-0000-4000-8000-000000000000'], undefined, (s) => errors.push(s))).toBe(1);
  });
});
