import { customers, NOTICE, uniq } from './factories/scenario.factory';
import { consoleLogin } from './support/console-session';
import { auth, Harness } from './support/harness';

describe('Least privilege', () => {
  let h: Harness;
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
    for (const role of ['commander', 'comms', 'agent', 'viewer', 'marketing']) {
      keys[role] = (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: `${role} key`, role }).expect(201)).body.secret;
    }
    keys.commander2 = (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: 'second commander', role: 'commander' }).expect(201)).body.secret;
  });
  afterAll(() => h.stop());

  async function runbook(prefix: string, approval?: object) {
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: customers(prefix, 2) }).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-notice/email/en`).set(auth()).send(NOTICE).expect(200);
    const key = `${prefix}-plan`;
    const step = { id: 'customers', audience: 'affected_customers', channel: 'email', template: `${prefix}-notice`, ...(approval ? { approval } : {}) };
    await h.http.put(`/api/v1/runbooks/${key}`).set(auth()).send({ name: prefix, steps: [step] }).expect(200);
    return { key, step, ids: customers(prefix, 2).map((c) => c.externalId) };
  }

  it.each(['viewer', 'marketing', 'agent'])('refuses %s as the approval role of a step', async (role) => {
    const prefix = uniq('gate');
    const r = await h.http
      .put(`/api/v1/runbooks/${prefix}`)
      .set(auth())
      .send({ name: 'x', steps: [{ id: 's', audience: 'affected_customers', channel: 'email', template: 't', approval: { role } }] });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(JSON.stringify(r.body)).toContain('an approver is one of commander, comms, admin');
  });

  it('lets no viewer approve a step that an older published version gates with role viewer', async () => {
    const { key, ids } = await runbook(uniq('legacy'), { role: 'commander' });
    await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(201);
    // a version published by an older release, when any role could be named
    const rb = await h.prisma.runbook.findUniqueOrThrow({ where: { key }, include: { versions: true } });
    const def = JSON.parse(JSON.stringify(rb.versions[0].definition));
    def.steps[0].approval.role = 'viewer';
    await h.prisma.runbookVersion.create({ data: { runbookId: rb.id, version: 2, definition: def, publishedBy: rb.versions[0].publishedBy } });
    const inc = await h.http
      .post('/api/v1/incidents')
      .set(auth(keys.commander))
      .send({ runbook: key, title: 'x', severity: 'high', awareAt: new Date(Date.now() - 60_000).toISOString(), jurisdictions: ['FR'], facts: { whatHappened: 'x', hotline: '1' }, affected: { externalIds: ids } })
      .expect(201);
    const approve = (as: string) => h.http.post(`/api/v1/incidents/${inc.body.id}/steps/customers/approve`).set(auth(as));
    expect((await approve(keys.viewer).expect(403)).body.error.message).toContain('commander or comms or admin');
    await approve(keys.agent).expect(403);
    await approve(keys.commander).expect(200);
  });

  it('gives unreached.csv (names, emails, phones) to commander, comms and agent only', async () => {
    const { key, ids } = await runbook(uniq('csv'));
    await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(201);
    const inc = await h.http
      .post('/api/v1/incidents')
      .set(auth(keys.commander))
      .send({ runbook: key, title: 'x', severity: 'high', awareAt: new Date(Date.now() - 60_000).toISOString(), jurisdictions: ['FR'], facts: { whatHappened: 'x', hotline: '1' }, affected: { externalIds: ids } })
      .expect(201);
    const url = `/api/v1/incidents/${inc.body.id}/unreached.csv`;
    for (const role of ['viewer', 'marketing']) await h.http.get(url).set(auth(keys[role])).expect(403);
    for (const role of ['commander', 'comms', 'agent']) await h.http.get(url).set(auth(keys[role])).expect(200);
    await h.http.get(`/api/v1/incidents/${inc.body.id}/reach`).set(auth(keys.viewer)).expect(200); // the figures stay open to viewers
    // the console: the same rule, and no link a viewer could not follow
    const viewer = await consoleLogin(h, 'viewer');
    const page = await viewer.agent.get(`/console/incidents/${inc.body.id}`).expect(200);
    expect(page.text).not.toContain('unreached.csv');
    await viewer.agent.get(`/console/incidents/${inc.body.id}/unreached.csv`).expect(403);
    const agent = await consoleLogin(h, 'agent');
    expect((await agent.agent.get(`/console/incidents/${inc.body.id}`).expect(200)).text).toContain(`/console/incidents/${inc.body.id}/unreached.csv`);
    await agent.agent.get(`/console/incidents/${inc.body.id}/unreached.csv`).expect(200);
  });

  it('needs a second person to publish a change that removes an approval gate, and audits both', async () => {
    const { key, step } = await runbook(uniq('four-eyes'), { role: 'commander' });
    await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth(keys.commander)).expect(201);
    const { approval: _removed, ...ungated } = step;
    void _removed;
    await h.http.put(`/api/v1/runbooks/${key}`).set(auth(keys.commander)).send({ name: key, steps: [ungated] }).expect(200);
    const first = await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth(keys.commander)).expect(409);
    expect(first.body.error).toMatchObject({ code: 'conflict', details: { removedGates: ['customers'], needsSecondPerson: true } });
    await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth(keys.commander)).expect(409); // the same person again: still no
    const second = await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth(keys.commander2)).expect(201);
    expect(second.body.version).toBe(2);
    const rb = await h.prisma.runbook.findUniqueOrThrow({ where: { key } });
    const published = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'runbook.published', entityId: rb.id }, orderBy: { id: 'desc' } });
    expect(published.data).toMatchObject({ approvalGatesRemoved: ['customers'], requestedBy: { name: 'commander key' }, confirmedBy: { name: 'second commander' } });
    // a change that keeps every gate publishes at once
    await h.http.put(`/api/v1/runbooks/${key}`).set(auth(keys.commander)).send({ name: `${key} renamed`, steps: [ungated] }).expect(200);
    await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth(keys.commander)).expect(201);
  });
});
