import { Client } from 'pg';
import request from 'supertest';
import { AuditRepository } from '../src/audit/audit.repository';
import { canonicalText } from '../src/audit/audit-chain';
import { runCli } from '../src/cli/cli';
import { uniq } from './factories/scenario.factory';
import { consoleLogin, csrfOf } from './support/console-session';
import { auth, Harness } from './support/harness';

describe('The audit trail', () => {
  let h: Harness;
  let owner: Client; // a database superuser: what an attacker with the database would have
  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
    owner = new Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await h.stop();
  });

  const verify = async () => (await h.http.get('/api/v1/audit/verify').set(auth()).expect(200)).body;
  /** Runs SQL with the triggers off (session_replication_role), as a database owner could. */
  const asOwner = async (sql: string, params: unknown[] = []) => {
    await owner.query('SET session_replication_role = replica');
    try {
      return await owner.query(sql, params);
    } finally {
      await owner.query('SET session_replication_role = DEFAULT');
    }
  };

  it('records who, what, when and from where for a key creation', async () => {
    const r = await h.http.post('/api/v1/api-keys').set(auth()).send({ name: 'audited', role: 'viewer' }).expect(201);
    const row = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'api_key.created', entityId: r.body.id } });
    expect(row.actorName).toBe('bootstrap admin (TOCSIN_ADMIN_KEY)');
    expect(row.actorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.origin).toMatch(/127\.0\.0\.1|::1/);
    expect(row.data).toMatchObject({ role: 'viewer', name: 'audited' });
    expect(JSON.stringify(row.data)).not.toContain(r.body.secret);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('audits sign-ins and failures, user creation and disabling, customer writes and erasure', async () => {
    const admin = await consoleLogin(h, 'admin');
    const user = await h.prisma.user.findUniqueOrThrow({ where: { email: admin.email } });
    expect(await h.prisma.auditEvent.count({ where: { action: 'user.created', entityId: user.id } })).toBe(1);
    expect(await h.prisma.auditEvent.count({ where: { action: 'user.signed_in', entityId: user.id } })).toBe(1);

    const stranger = request.agent(h.api.getHttpServer());
    const page = await stranger.get('/console/login').expect(200);
    await stranger.post('/console/login').type('form').send({ email: admin.email, password: 'wrong-password-1', _csrf: csrfOf(page.text) }).expect(401);
    const failed = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.sign_in_failed', entityId: user.id } });
    expect(failed.actorName).toBe(admin.email);
    expect(JSON.stringify({ ...failed, id: undefined })).not.toContain('wrong-password-1');

    const other = await h.http.post('/api/v1/users').set(auth()).send({ email: `${uniq('u')}@console.test`, name: 'Other', role: 'viewer', password: 'pw-viewer-0123456789' }).expect(201);
    await admin.agent.post(`/console/users/${other.body.user?.id ?? other.body.id}/disable`).type('form').send({ _csrf: admin.csrf }).expect(303);
    const disabled = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.disabled', entityId: other.body.user?.id ?? other.body.id } });
    expect(disabled).toMatchObject({ actorId: user.id, origin: expect.stringMatching(/127\.0\.0\.1|::1/) });

    const ext = uniq('aud-cust');
    await h.http.put(`/api/v1/customers/${ext}`).set(auth()).send({ email: `${ext}@x.test` }).expect(201);
    await h.http.put(`/api/v1/customers/${ext}`).set(auth()).send({ email: `${ext}@y.test` }).expect(200);
    const c = await h.prisma.customer.findUniqueOrThrow({ where: { externalId: ext } });
    const writes = await h.prisma.auditEvent.findMany({ where: { entityType: 'customer', entityId: c.id }, orderBy: { id: 'asc' } });
    expect(writes.map((w) => w.action)).toEqual(['customer.created', 'customer.updated']);
    expect(JSON.stringify(writes.map((w) => w.data))).not.toContain(ext); // the externalId and the address are personal data
    await h.http.delete(`/api/v1/customers/${ext}`).set(auth()).expect(200);
    expect(await h.prisma.auditEvent.count({ where: { action: 'customer.erased', entityId: c.id } })).toBe(1);

    const imp = await h.http.post('/api/v1/customers/import').set(auth()).set('Content-Type', 'text/csv').send(`externalId,email\n${uniq('imp')},a@b.test\n`).expect(202);
    expect(await h.prisma.auditEvent.count({ where: { action: 'customers.import_uploaded', entityId: imp.body.importId ?? imp.body.id } })).toBe(1);
    const incidentId = '3f0c8a52-5d0e-4f8e-9a55-0c2b7d1e9a10';
    await h.http.get(`/api/v1/incidents/${incidentId}/unreached.csv`).set(auth()).expect(404);
    expect(await h.prisma.auditEvent.count({ where: { action: 'incident.unreached_exported', entityId: incidentId } })).toBe(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows to the application', async () => {
    const [last] = await h.prisma.auditEvent.findMany({ orderBy: { id: 'desc' }, take: 1 });
    await expect(h.prisma.$executeRawUnsafe(`UPDATE audit_event SET action = 'x' WHERE id = ${last.id}`)).rejects.toThrow(/append-only/);
    await expect(h.prisma.$executeRawUnsafe(`DELETE FROM audit_event WHERE id = ${last.id}`)).rejects.toThrow(/append-only/);
    await expect(h.prisma.$executeRawUnsafe(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    await expect(h.prisma.auditEvent.update({ where: { id: last.id }, data: { action: 'y' } })).rejects.toThrow();
    expect((await h.prisma.auditEvent.findUniqueOrThrow({ where: { id: last.id } })).action).toBe(last.action);
  });

  it('chains rows written at the same time by many callers, and the SQL and the code agree on what a hash covers', async () => {
    const audit = h.api.get(AuditRepository);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? audit.record({ actorName: 'load', action: 'test.concurrent', entityType: 'test', entityId: String(i), data: { i, text: 'é ✓ "q"' } })
          : h.prisma.auditEvent.create({ data: { actorName: 'direct', action: 'test.concurrent', entityType: 'test', entityId: String(i) } }),
      ),
    );
    const v = await verify();
    expect(v).toMatchObject({ ok: true });
    expect(v.rows).toBeGreaterThanOrEqual(40);
    const { rows } = await owner.query(`SELECT e.id::text, audit_event_canonical(e) AS sql FROM audit_event e WHERE action = 'test.concurrent' ORDER BY e.id`);
    const page = await audit.chainPage(String(BigInt(rows[0].id) - 1n), 40);
    expect(page.map(canonicalText)).toEqual(rows.map((r: { sql: string }) => r.sql));
  });

  it('names the first broken link when a row is edited, removed or cut from the end, in the API and the CLI', async () => {
    const ids = (await h.prisma.auditEvent.findMany({ orderBy: { id: 'desc' }, take: 3 })).map((r) => r.id).reverse();
    const [a, b] = ids;
    const original = (await owner.query(`SELECT * FROM audit_event WHERE id = $1`, [b.toString()])).rows[0];

    await asOwner(`UPDATE audit_event SET actor_name = 'someone else' WHERE id = $1`, [b.toString()]);
    expect(await verify()).toMatchObject({ ok: false, broken: { id: b.toString(), problem: 'edited' } });
    const err: string[] = [];
    expect(await runCli(['audit', 'verify'], undefined, (s) => err.push(s))).toBe(1);
    expect(err.join('\n')).toContain(`row ${b}`);
    await asOwner(`UPDATE audit_event SET actor_name = $2 WHERE id = $1`, [b.toString(), original.actor_name]);
    expect(await verify()).toMatchObject({ ok: true });

    await asOwner(`DELETE FROM audit_event WHERE id = $1`, [a.toString()]);
    expect(await verify()).toMatchObject({ ok: false, broken: { id: b.toString(), problem: 'unlinked' } });
    await asOwner(
      `INSERT INTO audit_event SELECT * FROM json_populate_record(NULL::audit_event, $1::json)`,
      [JSON.stringify({ ...(await rowCopy(a)), id: a.toString() })],
    );
    expect(await verify()).toMatchObject({ ok: true });

    const lastRow = (await owner.query(`SELECT * FROM audit_event ORDER BY id DESC LIMIT 1`)).rows[0];
    await asOwner(`DELETE FROM audit_event WHERE id = $1`, [lastRow.id]);
    expect(await verify()).toMatchObject({ ok: false, broken: { id: String(lastRow.id), problem: 'unlinked' } });
    await asOwner(`INSERT INTO audit_event SELECT * FROM json_populate_record(NULL::audit_event, $1::json)`, [JSON.stringify(lastRow)]);
    const out: string[] = [];
    expect(await runCli(['audit', 'verify'], (s) => out.push(s))).toBe(0);
    expect(out.join('\n')).toMatch(/audit chain intact: \d+ rows; head \d+ [0-9a-f]{64}/);
  });

  // a copy of a row taken before it is deleted (the test keeps it to put the row back)
  const copies = new Map<string, Record<string, unknown>>();
  async function rowCopy(id: bigint) {
    return copies.get(id.toString());
  }
  beforeEach(async () => {
    const { rows } = await owner.query(`SELECT * FROM audit_event ORDER BY id DESC LIMIT 5`);
    for (const r of rows) copies.set(String(r.id), r);
  });

  it('lists the trail for admins only, filtered, page by page, and exports it as NDJSON (itself audited)', async () => {
    for (let i = 0; i < 5; i++) await h.prisma.auditEvent.create({ data: { actorName: 'pager', action: 'test.paged', entityType: 'test', entityId: String(i) } });
    const p1 = await h.http.get('/api/v1/audit?action=test.paged&limit=3').set(auth()).expect(200);
    expect(p1.body.items).toHaveLength(3);
    expect(p1.body.items[0]).toMatchObject({ action: 'test.paged', actor: { name: 'pager' }, entity: { type: 'test', id: '4' } });
    const p2 = await h.http.get(`/api/v1/audit?action=test.paged&limit=3&cursor=${p1.body.nextCursor}`).set(auth()).expect(200);
    expect(p2.body.items.map((x: { entity: { id: string } }) => x.entity.id)).toEqual(['1', '0']);
    expect(p2.body.nextCursor).toBeNull();

    const nd = await h.http.get('/api/v1/audit?action=test.paged').set(auth()).set('Accept', 'application/x-ndjson').expect(200);
    expect(nd.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = nd.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(await h.prisma.auditEvent.count({ where: { action: 'audit.exported' } })).toBeGreaterThanOrEqual(1);

    await h.http.get('/api/v1/audit?cursor=abc').set(auth()).expect(400);
    await h.http.get('/api/v1/audit?from=yesterday').set(auth()).expect(400);
    const commander = await h.http.post('/api/v1/api-keys').set(auth()).send({ name: 'cmd', role: 'commander' }).expect(201);
    await h.http.get('/api/v1/audit').set(auth(commander.body.secret)).expect(403);
    await h.http.get('/api/v1/audit/verify').set(auth(commander.body.secret)).expect(403);
  });
});
