import http from 'node:http';
import { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';
import { consoleLogin, type ConsoleAgent } from './support/console-session';
import { auth, Harness, waitFor } from './support/harness';

describe('Console incident dashboard and agent lookup', () => {
  let h: Harness;
  let commander: ConsoleAgent;
  beforeAll(async () => {
    h = await Harness.start({ workers: 1 });
    commander = await consoleLogin(h, 'commander');
  });
  afterAll(() => h.stop());

  async function firstEvent(path: string, cookie?: string): Promise<{ status: number; type: string; body: string }> {
    const server = h.api.getHttpServer() as http.Server;
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    return new Promise((resolve, reject) => {
      const req = http.get({ port, path, headers: cookie ? { Cookie: cookie } : {} }, (res) => {
        let buf = '';
        res.on('data', (c) => {
          buf += c;
          if (res.statusCode !== 200 || buf.includes('\n\n')) {
            req.destroy();
            resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: buf });
          }
        });
        res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: buf }));
      });
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
    });
  }

  it('lists incidents and shows one with its reach per step and channel, clocks, schedule and timeline', async () => {
    const prefix = uniq('dash');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 12);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds, { title: `Dashboard <b>${prefix}</b>`, type: 'personal_data_breach', jurisdictions: ['EU'] })).expect(201);
    await waitFor('everyone reached', async () => (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body.reached === 12);

    const list = await commander.agent.get('/console/incidents').expect(200);
    expect(list.text).toContain(`href="/console/incidents/${body.id}"`);
    expect(list.text).toContain(`Dashboard &lt;b&gt;${prefix}&lt;/b&gt;`);
    expect(list.text).toContain('12 / 12 (100 %)');

    const page = await commander.agent.get(`/console/incidents/${body.id}`).expect(200);
    expect(page.text).toContain('<progress id="reach-progress" class="progress" max="100" value="100">');
    expect(page.text).toMatch(/<td data-label="Step">notify-customers<\/td><td data-label="Channel">email<\/td>/);
    expect(page.text).toContain('GDPR');
    expect(page.text).toContain('incident.declared');
    expect(page.text).toContain(`href="/console/incidents/${body.id}/unreached.csv"`);
    expect(page.text).toContain(`href="/console/incidents/${body.id}/confirm/pause"`);
    await commander.agent.get('/console/incidents/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('streams reach to the page under the session cookie, and refuses the stream without one', async () => {
    const prefix = uniq('dsse');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 2);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    const ev = await firstEvent(`/console/incidents/${body.id}/reach/stream`, commander.cookie);
    expect(ev.status).toBe(200);
    expect(ev.type).toContain('text/event-stream');
    expect(ev.body).toContain('event: dashboard');
    // one event carries everything the page shows live: reach, state, schedule, approvals, clocks, actions
    const data = JSON.parse(/data: (.*)/.exec(ev.body)![1]);
    expect(data.reach).toMatchObject({ incidentId: body.id, affected: 2 });
    expect(data.incident).toMatchObject({ id: body.id, schedule: [expect.objectContaining({ step: 'notify-customers' })] });
    expect(data.actions.map((a: { action: string }) => a.action)).toContain('pause');
    expect(data).toHaveProperty('approvals');
    const anonymous = await firstEvent(`/console/incidents/${body.id}/reach/stream`);
    expect(anonymous.status).toBe(303);
  });

  it('pauses and resumes after a confirmation page, through the lifecycle use case, recorded in the timeline', async () => {
    const prefix = uniq('dpause');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 2);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    const confirm = await commander.agent.get(`/console/incidents/${body.id}/confirm/pause`).expect(200);
    expect(confirm.text).toContain(`action="/console/incidents/${body.id}/actions/pause"`);
    await commander.agent.post(`/console/incidents/${body.id}/actions/pause`).type('form').send({ reason: 'checking the list' }).expect(403);
    const done = await commander.agent.post(`/console/incidents/${body.id}/actions/pause`).type('form').send({ reason: 'checking the list', _csrf: commander.csrf }).expect(303);
    expect(done.headers.location).toBe(`/console/incidents/${body.id}`);
    expect((await h.http.get(`/api/v1/incidents/${body.id}`).set(auth())).body.state).toBe('paused');
    const page = await commander.agent.get(`/console/incidents/${body.id}`).expect(200);
    expect(page.text).toContain('The incident is now paused.');
    expect(page.text).toContain('reason: checking the list');
    const again = await commander.agent.post(`/console/incidents/${body.id}/actions/pause`).type('form').send({ _csrf: commander.csrf }).expect(409);
    expect(again.text).toContain('Cannot pause an incident that is paused');
    await commander.agent.post(`/console/incidents/${body.id}/actions/resume`).type('form').send({ _csrf: commander.csrf }).expect(303);
    expect((await h.http.get(`/api/v1/incidents/${body.id}`).set(auth())).body.state).not.toBe('paused');
    await commander.agent.post(`/console/incidents/${body.id}/actions/explode`).type('form').send({ _csrf: commander.csrf }).expect(404);
  });

  it('lets viewers watch but not act', async () => {
    const viewer = await consoleLogin(h, 'viewer');
    const prefix = uniq('dview');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 1);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    const page = await viewer.agent.get(`/console/incidents/${body.id}`).expect(200);
    expect(page.text).not.toContain('/confirm/pause');
    await viewer.agent.get(`/console/incidents/${body.id}/confirm/cancel`).expect(403);
    await viewer.agent.post(`/console/incidents/${body.id}/actions/cancel`).type('form').send({ _csrf: viewer.csrf }).expect(403);
    expect((await h.http.get(`/api/v1/incidents/${body.id}`).set(auth())).body.state).not.toBe('cancelled');
  });

  it('approves a gated step from the dashboard', async () => {
    const prefix = uniq('dappr');
    await seedRunbook(h, prefix, 2);
    const runbook = `${prefix}-gated`;
    await h.http
      .put(`/api/v1/runbooks/${runbook}`)
      .set(auth())
      .send({ name: 'Gated', steps: [{ id: 'gated-email', audience: 'affected_customers', channel: 'email', template: `${prefix}-notice`, approval: { role: 'commander' } }] })
      .expect(200);
    await h.http.post(`/api/v1/runbooks/${runbook}/publish`).set(auth()).expect(201);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, [`${prefix}-0`, `${prefix}-1`])).expect(201);
    const step = body.schedule[0];
    expect(step.state).toBe('awaiting_approval');
    const page = await commander.agent.get(`/console/incidents/${body.id}`).expect(200);
    expect(page.text).toContain(`action="/console/incidents/${body.id}/steps/${step.id}/approve"`);
    await commander.agent.post(`/console/incidents/${body.id}/steps/${step.id}/approve`).type('form').send({ _csrf: commander.csrf }).expect(303);
    const after = (await h.http.get(`/api/v1/incidents/${body.id}`).set(auth())).body;
    expect(after.schedule[0]).toMatchObject({ approvedBy: 'commander person' });
    await waitFor('gated step sent', async () => (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body.reached === 2);
  });

  it('exports who was not reached as CSV under the session', async () => {
    const prefix = uniq('dcsv');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 2);
    await h.http.put(`/api/v1/customers/${prefix}-nomail`).set(auth()).send({ name: '=cmd()' }).expect(201);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, [...externalIds, `${prefix}-nomail`])).expect(201);
    await waitFor('step done', async () => (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body.state === 'monitoring');
    const res = await commander.agent.get(`/console/incidents/${body.id}/unreached.csv`).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([expect.objectContaining({ externalId: `${prefix}-nomail`, name: "'=cmd()" })]);
  });

  it('finds a customer by externalId or by email in any case, and shows their notices and the agent script', async () => {
    const agent = await consoleLogin(h, 'agent');
    const prefix = uniq('look');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 3);
    const { body } = await h.http
      .post('/api/v1/incidents')
      .set(auth())
      .send(declareBody(runbook, externalIds, { title: 'Lookup incident' }))
      .expect(201);
    await waitFor('sent', async () => (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body.reached === 3);

    const byId = await agent.agent.get(`/console/customers?q=${prefix}-1`).expect(303);
    expect(byId.headers.location).toBe(`/console/customers/${prefix}-1`);
    const byEmail = await agent.agent.get(`/console/customers?q=${encodeURIComponent(`${prefix}-1@CUSTOMERS.TEST`.toUpperCase())}`).expect(303);
    expect(byEmail.headers.location).toBe(`/console/customers/${prefix}-1`);
    await agent.agent.get(`/console/customers?q=${prefix}-1@customers`).expect(404); // exact only

    const page = await agent.agent.get(`/console/customers/${prefix}-1`).expect(200);
    expect(page.text).toContain('Lookup incident');
    expect(page.text).toContain(`${prefix}-1@customers.test`);
    expect(page.text).toMatch(/<td>notify-customers<\/td><td>email<\/td>/);
    expect(page.text).toContain('not acknowledged');
    expect(page.text).toContain('What happened: An attacker copied &lt;names &amp; emails&gt;.');
    await agent.agent.get('/console/customers/nobody-here').expect(404);
    // a viewer is not an agent
    const viewer = await consoleLogin(h, 'viewer');
    await viewer.agent.get(`/console/customers/${prefix}-1`).expect(403);
  });
});
