import { auth, Harness, waitFor } from './support/harness';
import { consoleLogin } from './support/console-session';
import { customers, NOTICE, uniq } from './factories/scenario.factory';

const APOLOGY = {
  subject: 'We are sorry, {{customer.name}}',
  html: '<p>We failed you: {{incident.title}}.</p>',
  text: 'We failed you: {{incident.title}}.',
  variables: ['customer.name', 'incident.title'],
};
const FACTS = { whatHappened: 'x', hotline: '1' };

describe('The resolved milestone', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await Harness.start({ workers: 1 });
  });
  afterAll(() => h.stop());

  async function plan(prefix: string, n = 3) {
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: customers(prefix, n) }).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-notice/email/en`).set(auth()).send(NOTICE).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-apology/email/en`).set(auth()).send(APOLOGY).expect(200);
    const key = `${prefix}-plan`;
    const steps = [
      { id: 'notice', audience: 'affected_customers', channel: 'email', template: `${prefix}-notice` },
      { id: 'apology', audience: 'affected_customers', channel: 'email', template: `${prefix}-apology`, timing: { milestone: 'resolved', offsetMinutes: 0 } },
      { id: 'survey', audience: 'affected_customers', channel: 'email', template: `${prefix}-apology`, timing: { milestone: 'resolved', offsetMinutes: 7 * 24 * 60 } },
    ];
    await h.http.put(`/api/v1/runbooks/${key}`).set(auth()).send({ name: prefix, steps }).expect(200);
    await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(201);
    return { key, ids: customers(prefix, n).map((c) => c.externalId) };
  }
  const declare = (key: string, ids: string[]) =>
    h.http
      .post('/api/v1/incidents')
      .set(auth())
      .send({ runbook: key, title: 'Records accessed', severity: 'high', awareAt: new Date(Date.now() - 3600_000).toISOString(), jurisdictions: ['FR'], facts: FACTS, affected: { externalIds: ids } });
  const incident = async (id: string) => (await h.http.get(`/api/v1/incidents/${id}`).set(auth()).expect(200)).body;
  const byStep = (schedule: { step: string }[]) => Object.fromEntries(schedule.map((s) => [s.step, s])) as Record<string, Record<string, unknown>>;
  const apologies = (prefix: string) => h.sink.received.filter((m) => m.envelopeTo[0].startsWith(prefix) && m.subject.startsWith('We are sorry'));

  it('plans steps timed from resolution when the incident is resolved, not before, and shows them in the schedule', async () => {
    const prefix = uniq('resolved');
    const { key, ids } = await plan(prefix);
    const r = await declare(key, ids).expect(201);
    const declared = byStep(r.body.schedule);
    expect(declared.apology).toMatchObject({ state: 'waiting_milestone', dueAt: null, after: { milestone: 'resolved', offsetMinutes: 0, label: 'after resolution' } });
    expect(declared.survey).toMatchObject({ state: 'waiting_milestone', dueAt: null, after: { label: 'after resolution + 7 d' }, waitingReason: expect.stringContaining('after resolution') });

    // the notice goes out; the steps waiting for resolution do not hold the incident out of monitoring
    await waitFor('monitoring', async () => (await incident(r.body.id)).state === 'monitoring');
    expect(h.sink.received.filter((m) => m.envelopeTo[0].startsWith(prefix))).toHaveLength(3);
    expect(apologies(prefix)).toHaveLength(0);
    expect(byStep((await incident(r.body.id)).schedule).apology.state).toBe('waiting_milestone');

    // the console schedule says "after resolution", not a date
    const commander = await consoleLogin(h, 'commander');
    const page = await commander.agent.get(`/console/incidents/${r.body.id}`).expect(200);
    expect(page.text).toContain('after resolution + 7 d');

    const before = Date.now();
    const resolved = await h.http.post(`/api/v1/incidents/${r.body.id}/resolve`).set(auth()).send({}).expect(200);
    expect(resolved.body.state).toBe('resolved');
    expect(resolved.body.scheduled.map((s: { step: string }) => s.step).sort()).toEqual(['apology', 'survey']);
    await waitFor('apologies sent', async () => apologies(prefix).length === 3);
    const after = await incident(r.body.id);
    const resolvedAt = new Date(after.resolvedAt).getTime();
    expect(resolvedAt).toBeGreaterThanOrEqual(before - 1000);
    const steps = byStep(after.schedule);
    await waitFor('apology completed', async () => byStep((await incident(r.body.id)).schedule).apology.state === 'completed');
    expect(steps.survey).toMatchObject({ state: 'scheduled' });
    expect(new Date(steps.survey.dueAt as string).getTime()).toBe(resolvedAt + 7 * 24 * 3600_000);
    expect((await incident(r.body.id)).state).toBe('resolved');

    // closing ends it: the survey that has not gone yet is cancelled (there is no re-open in the lifecycle)
    await h.http.post(`/api/v1/incidents/${r.body.id}/close`).set(auth()).send({}).expect(200);
    expect(byStep((await incident(r.body.id)).schedule).survey).toMatchObject({ state: 'cancelled', waitingReason: 'incident closed' });
  });

  it('pauses a resolved incident and resumes it to resolved', async () => {
    const prefix = uniq('rpause');
    const { key, ids } = await plan(prefix, 1);
    const r = await declare(key, ids).expect(201);
    await waitFor('monitoring', async () => (await incident(r.body.id)).state === 'monitoring');
    await h.http.post(`/api/v1/incidents/${r.body.id}/resolve`).set(auth()).send({}).expect(200);
    await h.http.post(`/api/v1/incidents/${r.body.id}/pause`).set(auth()).send({}).expect(200);
    const resumed = await h.http.post(`/api/v1/incidents/${r.body.id}/resume`).set(auth()).send({}).expect(200);
    expect(resumed.body.state).toBe('resolved');
    await waitFor('apology sent', async () => apologies(prefix).length === 1);
  });

  it('shows "after resolution" in the declare preview instead of a date', async () => {
    const prefix = uniq('rprev');
    const { key, ids } = await plan(prefix, 1);
    const commander = await consoleLogin(h, 'commander');
    const r = await commander.agent
      .post(`/console/incidents/new/${key}`)
      .type('form')
      .send({
        _csrf: commander.csrf,
        action: 'preview',
        idempotencyKey: uniq('k'),
        title: 'Preview',
        type: 'data_breach',
        severity: 'high',
        awareAt: new Date(Date.now() - 3600_000).toISOString().slice(0, 16),
        jurisdictions: 'FR',
        affectedMode: 'list',
        externalIds: ids.join('\n'),
        'fact.whatHappened': 'x',
        'fact.hotline': '1',
      })
      .expect(200);
    expect(r.text).toContain('after resolution + 7 d');
    expect(r.text).toMatch(/apology<\/td>.*?after resolution</s);
  });
});
