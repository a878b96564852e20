import { Clock } from '../src/common/time/clock';
import { auth, Harness, waitFor } from './support/harness';
import { wipeQueues } from './support/redis-keys';
import { customers, NOTICE, uniq } from './factories/scenario.factory';

const REGULATOR_TEMPLATE = {
  subject: 'Breach notification: {{incident.title}}',
  html: '<p>{{facts.natureOfBreach}}</p><p>DPO: {{facts.dpoContact}}</p>',
  text: '{{facts.natureOfBreach}}\nDPO: {{facts.dpoContact}}',
  variables: ['incident.title', 'facts.natureOfBreach', 'facts.dpoContact'],
};
const FACTS = { whatHappened: 'x', hotline: '1', natureOfBreach: 'Unauthorised read access', dpoContact: 'dpo@acme.test' };

describe('Runbooks, approvals, milestones and clocks', () => {
  let h: Harness;
  const keys: Record<string, { id: string; secret: string }> = {};

  beforeAll(async () => {
    h = await Harness.start({ workers: 1 });
    for (const [name, role] of [['alice', 'commander'], ['bob', 'commander'], ['carol', 'comms']]) {
      const r = await h.http.post('/api/v1/api-keys').set(auth()).send({ name, role }).expect(201);
      keys[name] = r.body;
    }
  });
  afterAll(() => h.stop());
  afterEach(() => Clock.reset());

  async function plan(prefix: string, steps: object[], n = 3) {
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: customers(prefix, n) }).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-notice/email/en`).set(auth()).send(NOTICE).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-dpa/email/en`).set(auth()).send(REGULATOR_TEMPLATE).expect(200);
    const key = `${prefix}-plan`;
    const withTemplates = steps.map((s) => JSON.parse(JSON.stringify(s).replace(/__notice__/g, `${prefix}-notice`).replace(/__dpa__/g, `${prefix}-dpa`)));
    await h.http.put(`/api/v1/runbooks/${key}`).set(auth()).send({ name: prefix, steps: withTemplates }).expect(200);
    return { key, ids: customers(prefix, n).map((c) => c.externalId) };
  }
  const declare = (key: string, ids: string[], extra: object = {}, as = auth(keys.alice.secret)) =>
    h.http
      .post('/api/v1/incidents')
      .set(as)
      .send({ runbook: key, title: 'Records accessed', severity: 'high', awareAt: new Date(Date.now() - 3600_000).toISOString(), jurisdictions: ['FR'], facts: FACTS, affected: { externalIds: ids }, ...extra });
  const incident = async (id: string) => (await h.http.get(`/api/v1/incidents/${id}`).set(auth())).body;
  const customersStep = { id: 'customers', audience: 'affected_customers', channel: 'email', template: '__notice__' };
  const dpaStep = { id: 'dpa', audience: 'regulator', recipients: [{ address: 'breach@cnil.test', name: 'CNIL' }], channel: 'email', template: '__dpa__', meets: ['gdpr-art33'] };

  it('lists every problem of a runbook on publish, each with its step', async () => {
    const { key } = await plan(uniq('bad'), [
      { ...customersStep, reminder: { afterMinutes: 60, when: 'not_acknowledged', channel: 'page' } },
      { ...dpaStep, recipients: undefined, timing: { milestone: 'aware', offsetMinutes: 80 * 60 } },
      { ...customersStep, id: 'customers' },
    ]);
    const r = await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(422);
    expect(r.body.error.details).toEqual(
      expect.arrayContaining([
        { step: 'customers', field: 'reminder', message: expect.stringContaining("a reminder cannot be sent on 'page'") },
        { step: 'dpa', field: 'recipients', message: 'a regulator step needs recipients' },
        { step: 'dpa', field: 'timing', message: expect.stringContaining('later than the gdpr-art33 deadline (72 h from awareness)') },
        { step: 'customers', field: 'id', message: "duplicate step id 'customers'" },
      ]),
    );
  });

  it('notifies the regulator and the customers, and shows the GDPR clocks met by the regulator step', async () => {
    const { key, ids } = await plan(uniq('gdpr'), [customersStep, dpaStep]);
    await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(201);
    const r = await declare(key, ids).expect(201);
    const art33 = r.body.clocks.find((c: { id: string }) => c.id === 'gdpr-art33');
    expect(art33).toMatchObject({ status: 'running', metBy: 'dpa', dueAt: new Date(new Date(r.body.awareAt).getTime() + 72 * 3600_000).toISOString() });
    await waitFor('both steps complete', async () => (await incident(r.body.id)).schedule.every((s: { state: string }) => s.state === 'completed'));
    const mail = h.sink.to('breach@cnil.test').find((m) => m.subject.includes('Records accessed'))!;
    expect(mail.text).toContain('DPO: dpo@acme.test');
    expect(mail.to).toContain('CNIL');
    const after = await incident(r.body.id);
    expect(after.clocks.find((c: { id: string }) => c.id === 'gdpr-art33')).toMatchObject({ status: 'met', metBy: 'dpa' });
    expect(after.clocks.find((c: { id: string }) => c.id === 'gdpr-art34')).toMatchObject({ status: 'flag' });
  });

  it('skips steps whose condition fails, and does not ask for their facts', async () => {
    const { key, ids } = await plan(uniq('cond'), [customersStep, { ...dpaStep, condition: { jurisdictionsInclude: ['EU', 'FR', 'DE'] } }, { ...customersStep, id: 'critical-only', condition: { severityAtLeast: 'critical' } }]);
    await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(201);
    const r = await declare(key, ids, { jurisdictions: ['US-CA'], facts: { whatHappened: 'x', hotline: '1' } }).expect(201);
    const byKey = Object.fromEntries(r.body.schedule.map((s: { step: string }) => [s.step, s]));
    expect(byKey.dpa).toMatchObject({ state: 'skipped', waitingReason: expect.stringContaining('jurisdictions do not include') });
    expect(byKey['critical-only']).toMatchObject({ state: 'skipped', waitingReason: 'condition not met: severity high is below critical' });
    expect(byKey.customers.state).toBe('scheduled');
    expect(r.body.clocks).toEqual([]);
  });

  it('holds a gated step for the right role, records the approver, and sends what was approved', async () => {
    const prefix = uniq('gate');
    const { key, ids } = await plan(prefix, [{ ...customersStep, approval: { role: 'commander', differentFromDeclarer: true } }]);
    await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(201);
    const r = await declare(key, ids).expect(201);
    expect(r.body.schedule[0]).toMatchObject({ state: 'awaiting_approval', waitingReason: 'approval by commander other than the declarer required' });
    const approve = (as: string) => h.http.post(`/api/v1/incidents/${r.body.id}/steps/customers/approve`).set(auth(as));
    expect((await approve(keys.carol.secret).expect(403)).body.error.message).toContain('needs the role commander');
    expect((await approve(keys.alice.secret).expect(403)).body.error.message).toContain('other than the person who declared');
    await new Promise((res) => setTimeout(res, 500));
    expect(h.sink.received.filter((m) => m.envelopeTo[0].startsWith(prefix))).toHaveLength(0); // nothing before approval

    // facts edited after approval need a fresh approval; then the new facts are what goes out
    await h.stopWorkers();
    await approve(keys.bob.secret).expect(200);
    const edit = await h.http.put(`/api/v1/incidents/${r.body.id}/facts`).set(auth(keys.alice.secret)).send({ facts: { ...FACTS, hotline: '0800 NEW' } }).expect(200);
    expect(edit.body.needReapproval).toEqual(['customers']);
    expect((await incident(r.body.id)).schedule[0]).toMatchObject({ state: 'awaiting_approval', waitingReason: expect.stringContaining('facts changed after approval') });
    await approve(keys.bob.secret).expect(200);
    await h.startWorker();
    await waitFor('sent', async () => h.sink.received.filter((m) => m.envelopeTo[0].startsWith(prefix)).length === 3);
    expect(h.sink.to(`${prefix}-0@customers.test`)[0].text).toContain('Call 0800 NEW');
    const after = await incident(r.body.id);
    expect(after.schedule[0]).toMatchObject({ approvedBy: 'bob' });
    const timeline = await h.http.get(`/api/v1/incidents/${r.body.id}/timeline`).set(auth()).expect(200);
    expect(timeline.body.items.filter((e: { action: string }) => e.action === 'step.approved').map((e: { actor: string }) => e.actor)).toEqual(['bob', 'bob']);
    await approve(keys.bob.secret).expect(409);
  });

  it('schedules the steps that wait for the confirmed milestone when it is reached', async () => {
    const prefix = uniq('confirm');
    const { key, ids } = await plan(prefix, [{ ...customersStep, timing: { milestone: 'confirmed', offsetMinutes: 0 } }]);
    await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(201);
    const r = await declare(key, ids).expect(201);
    expect(r.body.schedule[0]).toMatchObject({ state: 'waiting_milestone', dueAt: null });
    const c = await h.http.post(`/api/v1/incidents/${r.body.id}/confirm`).set(auth(keys.alice.secret)).send({}).expect(200);
    expect(c.body.scheduled).toEqual([expect.objectContaining({ step: 'customers', state: 'scheduled' })]);
    await waitFor('sent', async () => h.sink.received.filter((m) => m.envelopeTo[0].startsWith(prefix)).length === 3);
    await h.http.post(`/api/v1/incidents/${r.body.id}/confirm`).set(auth(keys.alice.secret)).send({}).expect(409);
  });

  it('holds a step found later than its allowed lateness for re-approval instead of sending it', async () => {
    const prefix = uniq('late');
    const { key, ids } = await plan(prefix, [{ ...customersStep, maxLatenessMinutes: 0.01 }]);
    await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(201);
    await h.stopWorkers(); // downtime
    const r = await declare(key, ids).expect(201);
    await new Promise((res) => setTimeout(res, 1500));
    await h.startWorker();
    const held = await waitFor('held', async () => {
      const s = (await incident(r.body.id)).schedule[0];
      return s.state === 'awaiting_approval' ? s : null;
    });
    expect(held.waitingReason).toMatch(/^running late: due .*; re-approve to send$/);
    expect(h.sink.received.filter((m) => m.envelopeTo[0].startsWith(prefix))).toHaveLength(0);
    await h.http.post(`/api/v1/incidents/${r.body.id}/steps/customers/approve`).set(auth(keys.bob.secret)).expect(200);
    await waitFor('sent after re-approval', async () => h.sink.received.filter((m) => m.envelopeTo[0].startsWith(prefix)).length === 3);
  });

  it('fires steps at their offsets, each once, even when the queue is wiped while they wait', async () => {
    const prefix = uniq('offset');
    const { key, ids } = await plan(prefix, [
      { ...customersStep, id: 'after-1h', timing: { milestone: 'declared', offsetMinutes: 60 } },
      { ...customersStep, id: 'after-2h', timing: { milestone: 'declared', offsetMinutes: 120 } },
    ]);
    await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(201);
    const r = await declare(key, ids).expect(201);
    const due = Object.fromEntries(r.body.schedule.map((s: { step: string; dueAt: string }) => [s.step, new Date(s.dueAt).getTime() - new Date(r.body.declaredAt).getTime()]));
    expect(due).toEqual({ 'after-1h': 3600_000, 'after-2h': 7200_000 });
    const mine = () => h.sink.received.filter((m) => m.envelopeTo[0].startsWith(`${prefix}-`)).length;
    await new Promise((res) => setTimeout(res, 800));
    expect(mine()).toBe(0);

    Clock.travel(61 * 60_000); // the delayed job is promoted by the reconciler: our clock says it is due
    await waitFor('first step', async () => mine() === 3);
    await wipeQueues(h.config.REDIS_URL, h.config.QUEUE_PREFIX); // the second step's delayed job is gone
    await new Promise((res) => setTimeout(res, 800));
    expect(mine()).toBe(3);
    Clock.travel(60 * 60_000);
    await waitFor('second step', async () => mine() === 6);
    await new Promise((res) => setTimeout(res, 800));
    for (const id of ids) expect(h.sink.to(`${id}@customers.test`)).toHaveLength(2);
    const steps = (await incident(r.body.id)).schedule;
    expect(steps.map((x: { state: string }) => x.state)).toEqual(['completed', 'completed']);
  });
});
