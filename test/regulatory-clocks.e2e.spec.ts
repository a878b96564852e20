import { Clock } from '../src/common/time/clock';
import { addUsBusinessDays, isUsBusinessDay, localDate, usBusinessTimeBefore, zonedTime } from '../src/incidents/clocks/business-days';
import { addCalendarDaysAt, addCalendarMonths } from '../src/incidents/clocks/calendar';
import { hipaaAnnualLogDue } from '../src/incidents/clocks/clock-definitions';
import { signBody } from '../src/tracking/event-signature.guard';
import { customers, uniq } from './factories/scenario.factory';
import { consoleLogin } from './support/console-session';
import { auth, Harness, waitFor } from './support/harness';

const SECRET = 'test-events-secret-0123456789';
/** supertest: the body as the exact bytes received (a PDF, a stored file) */
const binary = (res: unknown, cb: (err: Error | null, body: Buffer) => void) => {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};
const H = 3600_000;
const REG = { subject: 'Incident report: {{incident.title}}', html: '<p>{{incident.title}}</p>', text: 'Report on {{incident.title}} for the authority.', variables: ['incident.title'] };
type Step = { step: string; state: string; dueAt: string | null; waitingReason?: string };
type ClockV = { id: string; status: string; dueAt: string | null; metAt: string | null; evidence: { kind: string; reference?: string } | null; failedRecipients?: { recipient: string; state: string }[]; note?: string };

describe('Regulatory clocks through the API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 1, env: { EVENTS_SIGNING_SECRET: SECRET } });
  });
  afterAll(() => h.stop());
  afterEach(() => {
    h.sink.failFor = () => null;
    Clock.reset();
  });

  async function publish(prefix: string, steps: object[], people: object[] = customers(prefix, 1)) {
    for (let i = 0; i < people.length; i += 1000) await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: people.slice(i, i + 1000) }).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-reg/email/en`).set(auth()).send(REG).expect(200);
    const key = `${prefix}-plan`;
    await h.http.put(`/api/v1/runbooks/${key}`).set(auth()).send({ name: prefix, steps: steps.map((s) => ({ audience: 'regulator', channel: 'email', template: `${prefix}-reg`, ...s })) }).expect(200);
    return h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth());
  }
  const status = (code: number) => (res: { status: number; body: { warnings?: unknown; error?: { details?: unknown } } }) => {
    expect(res.status).toBe(code);
    return res;
  };
  const declare = (prefix: string, body: object) =>
    h.http.post('/api/v1/incidents').set(auth()).send({ runbook: `${prefix}-plan`, title: `Incident ${prefix}`, severity: 'high', awareAt: new Date(Date.now() - H).toISOString(), affected: { externalIds: [`${prefix}-0`] }, ...body });
  const incident = async (id: string) => (await h.http.get(`/api/v1/incidents/${id}`).set(auth()).expect(200)).body as { schedule: Step[]; clocks: ClockV[]; awareAt: string };
  const step = (i: { schedule: Step[] }, key: string) => i.schedule.find((s) => s.step === key)!;
  const clock = (i: { clocks: ClockV[] }, id: string) => i.clocks.find((c) => c.id === id);
  const to = (prefix: string, who: string) => ({ address: `${prefix}-${who}@authority.test`, name: who });

  it('re-plans the NIS2 final report from the notification the CSIRT received, one calendar month on', async () => {
    const prefix = uniq('nis2');
    const pub = await publish(prefix, [
      { id: 'notification', recipients: [to(prefix, 'a'), to(prefix, 'b')], timing: { deadline: 'nis2-notification', beforeMinutes: 720 }, meets: ['nis2-notification'] },
      { id: 'final', recipients: [to(prefix, 'a')], timing: { deadline: 'nis2-final-report', beforeMinutes: 2880 }, meets: ['nis2-final-report'] },
    ]).then(status(201));
    expect(pub.body.warnings).toEqual([]);
    const r = await declare(prefix, { type: 'nis2_significant_incident', jurisdictions: ['DE'], awareAt: new Date(Date.now() - 70 * H).toISOString() }).expect(201);
    expect(step(r.body, 'final')).toMatchObject({ state: 'waiting_milestone', dueAt: null, waitingReason: expect.stringContaining('nis2-final-report clock to start') });
    expect(clock(r.body, 'nis2-final-report')).toMatchObject({ status: 'waiting', dueAt: null });

    const met = await waitFor('the notification reached both CSIRT addresses', async () => {
      const c = clock(await incident(r.body.id), 'nis2-notification')!;
      return c.status === 'met' ? c : null;
    });
    expect(met.evidence).toMatchObject({ kind: 'delivery', step: 'notification' });
    const planned = await waitFor('the final report planned', async () => {
      const i = await incident(r.body.id);
      return step(i, 'final').state === 'scheduled' ? i : null;
    });
    const due = addCalendarMonths(new Date(met.metAt!), 1, 'Europe/Brussels'); // Germany's calendar
    expect(clock(planned, 'nis2-final-report')).toMatchObject({ status: 'running', dueAt: due.toISOString() });
    expect(step(planned, 'final').dueAt).toBe(new Date(due.getTime() - 2880 * 60_000).toISOString());
    const timeline = await h.http.get(`/api/v1/incidents/${r.body.id}/timeline`).set(auth()).expect(200);
    expect(timeline.body.items.find((e: { action: string }) => e.action === 'step.replanned')?.data).toMatchObject({ step: 'final', before: { state: 'waiting_milestone' }, after: { state: 'scheduled' } });
  });

  it('warns at publish when a step that meets a clock is timed from the confirmed milestone, and refuses an internal step that meets one', async () => {
    const prefix = uniq('warn');
    const warned = await publish(prefix, [{ id: 'notification', recipients: [to(prefix, 'a')], timing: { milestone: 'confirmed', offsetMinutes: 0 }, meets: ['nis2-notification'] }]).then(status(201));
    expect(warned.body.warnings).toEqual([{ step: 'notification', field: 'timing', message: expect.stringContaining('can come due after the nis2-notification deadline') }]);
    const refused = await publish(uniq('sec'), [{ id: 'file-8k', audience: 'internal', recipients: [to(prefix, 'legal')], timing: { deadline: 'sec-8k-1.05', beforeMinutes: 2880 }, meets: ['sec-8k-1.05'] }]).then(status(422));
    expect(refused.body.error?.details).toEqual([{ step: 'file-8k', field: 'meets', message: expect.stringContaining('never meets a clock') }]);
  });

  it('shows which authority recipient failed, un-meets a clock on a later bounce, and is met by a recorded submission', async () => {
    const prefix = uniq('gdpr');
    h.sink.failFor = (rcpt) => (rcpt === `${prefix}-b@authority.test` ? { code: 550, message: '5.1.1 mailbox unavailable' } : null);
    await publish(prefix, [{ id: 'dpa', recipients: [to(prefix, 'a'), to(prefix, 'b')], timing: { milestone: 'declared', offsetMinutes: 0 }, meets: ['gdpr-art33'] }]).then(status(201));
    const r = await declare(prefix, { jurisdictions: ['FR'] }).expect(201);
    const partial = await waitFor('the failure recorded', async () => {
      const c = clock(await incident(r.body.id), 'gdpr-art33')!;
      return c.failedRecipients?.length ? c : null;
    });
    expect(partial).toMatchObject({ status: 'running', metAt: null, failedRecipients: [{ recipient: `${prefix}-b@authority.test` }] });
    expect(partial.note).toContain(`not met: ${prefix}-b@authority.test`);

    const file = Buffer.from('%PDF-1.4 receipt of the CNIL portal');
    const submittedAt = new Date(Date.now() - 60_000).toISOString();
    const sub = await h.http
      .post(`/api/v1/incidents/${r.body.id}/clocks/gdpr-art33/submissions`)
      .set(auth())
      .send({ submittedAt, submittedBy: 'Dana (DPO)', reference: 'CNIL-2026-0042', file: { name: 'receipt.pdf', contentType: 'application/pdf', base64: file.toString('base64') } })
      .expect(201);
    expect(sub.body).toMatchObject({ clockId: 'gdpr-art33', reference: 'CNIL-2026-0042', recordedByName: expect.any(String), fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const met = clock(await incident(r.body.id), 'gdpr-art33');
    expect(met).toMatchObject({ status: 'met', metAt: submittedAt, evidence: { kind: 'submission', reference: 'CNIL-2026-0042', submittedBy: 'Dana (DPO)', fileName: 'receipt.pdf' } });
    const file$ = await h.http.get(`/api/v1/incidents/${r.body.id}/submissions/${sub.body.id}/file`).set(auth()).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(file$.body as Buffer, file)).toBe(0);

    // the evidence report: the clock, what met it, each recipient's delivery, the version sent with a sample, exact counts, the trail
    const report = (await h.http.get(`/api/v1/incidents/${r.body.id}/report`).set(auth()).expect(200)).body;
    const art33 = report.clocks.find((c: { id: string }) => c.id === 'gdpr-art33');
    expect(art33).toMatchObject({ status: 'met', evidence: { kind: 'submission', reference: 'CNIL-2026-0042' }, submissions: [{ reference: 'CNIL-2026-0042', fileSha256: sub.body.fileSha256 }] });
    expect(art33.deliveries[0].recipients).toEqual([
      // the accepting server's own answer, as it said it, with the message's id
      expect.objectContaining({ recipient: `${prefix}-a@authority.test`, state: 'sent', reachedAt: expect.any(String), response: expect.stringMatching(/^250 .+ \(Message-ID <.+@acme\.test>\)$/) }),
      expect.objectContaining({ recipient: `${prefix}-b@authority.test`, state: 'failed', response: expect.stringContaining('mailbox unavailable') }),
    ]);
    expect(report.templates).toEqual([expect.objectContaining({ step: 'dpa', channel: 'email', notifications: 2, template: expect.objectContaining({ key: `${prefix}-reg`, version: 1 }), sample: expect.objectContaining({ subject: `Incident report: Incident ${prefix}` }) })]);
    expect(report.counts).toEqual([
      { step: 'dpa', channel: 'email', state: 'failed', notifications: 1 },
      { step: 'dpa', channel: 'email', state: 'sent', notifications: 1 },
    ]);
    expect(report.timeline.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['incident.declared', 'clock.submission_recorded']));
    const pdf = await h.http.get(`/api/v1/incidents/${r.body.id}/report?format=pdf`).set(auth()).buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.body as Buffer).length).toBeGreaterThan(2000);
    // the console's button downloads the same report
    const viewer = await consoleLogin(h, 'viewer');
    const page = await viewer.agent.get(`/console/incidents/${r.body.id}`).expect(200);
    expect(page.text).toContain(`href="/console/incidents/${r.body.id}/report.json"`);
    const download = await viewer.agent.get(`/console/incidents/${r.body.id}/report.json`).expect(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.body.clocks.find((c: { id: string }) => c.id === 'gdpr-art33').evidence).toEqual(art33.evidence);
    const consolePdf = await viewer.agent.get(`/console/incidents/${r.body.id}/report.pdf`).buffer(true).parse(binary).expect(200);
    expect((consolePdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    await h.http.post(`/api/v1/incidents/${r.body.id}/clocks/gdpr-art33/submissions`).set(auth()).send({ submittedAt: new Date(Date.now() + H).toISOString(), submittedBy: 'x', reference: 'y' }).expect(400);
    await h.http.post(`/api/v1/incidents/${r.body.id}/clocks/sec-8k-1.05/submissions`).set(auth()).send({ submittedAt, submittedBy: 'x', reference: 'y' }).expect(409);
    await h.http.post(`/api/v1/incidents/${r.body.id}/clocks/no-such-clock/submissions`).set(auth()).send({ submittedAt, submittedBy: 'x', reference: 'y' }).expect(404);

    // both accepted (SMTP 250), then one bounces: no longer met
    const second = uniq('gdpr2');
    await publish(second, [{ id: 'dpa', recipients: [to(second, 'a'), to(second, 'c')], timing: { milestone: 'declared', offsetMinutes: 0 }, meets: ['gdpr-art33'] }]).then(status(201));
    const r2 = await declare(second, { jurisdictions: ['FR'] }).expect(201);
    await waitFor('both accepted', async () => clock(await incident(r2.body.id), 'gdpr-art33')!.status === 'met');
    const n = await h.prisma.notification.findFirstOrThrow({ where: { incidentId: r2.body.id, recipient: `${second}-c@authority.test` } });
    const bounce = JSON.stringify([{ type: 'bounced', notificationId: n.id, reason: '550 5.1.1 mailbox unavailable', status: '5.1.1' }]);
    await h.http.post('/api/v1/events/email').set('Content-Type', 'application/json').set('X-Tocsin-Signature', signBody(SECRET, bounce)).send(bounce).expect(200);
    expect(clock(await incident(r2.body.id), 'gdpr-art33')).toMatchObject({ status: 'running', metAt: null, failedRecipients: [{ recipient: `${second}-c@authority.test`, state: 'bounced' }] });
    const dashboard = await viewer.agent.get(`/console/incidents/${r2.body.id}`).expect(200);
    expect(dashboard.text).toContain(`not reached</span> ${second}-c@authority.test (bounced: 550 5.1.1 mailbox unavailable)`);

    // the filing can be recorded after the incident is closed (a final report often comes later)
    await waitFor('monitoring', async () => (await h.http.get(`/api/v1/incidents/${r2.body.id}`).set(auth())).body.state === 'monitoring');
    await h.http.post(`/api/v1/incidents/${r2.body.id}/resolve`).set(auth()).send({}).expect(200);
    await h.http.post(`/api/v1/incidents/${r2.body.id}/close`).set(auth()).send({}).expect(200);
    await h.http.post(`/api/v1/incidents/${r2.body.id}/clocks/gdpr-art33/submissions`).set(auth()).send({ submittedAt: new Date().toISOString(), submittedBy: 'Dana (DPO)', reference: 'CNIL-2026-0043' }).expect(201);
    expect(clock(await incident(r2.body.id), 'gdpr-art33')).toMatchObject({ status: 'met', evidence: { kind: 'submission', reference: 'CNIL-2026-0043' } });
  });

  it('counts a filter population for HIPAA, per State, and re-plans HHS and media steps when late additions cross the thresholds', async () => {
    const prefix = uniq('hipaa');
    const people = [
      ...customers(prefix, 499).map((c) => ({ ...c, attributes: { group: prefix, state: 'CA' } })),
      ...customers(`${prefix}-late`, 2).map((c) => ({ ...c, attributes: { group: `${prefix}-late`, state: 'us-ca' } })),
    ];
    await publish(
      prefix,
      [
        { id: 'hhs', recipients: [to(prefix, 'hhs')], timing: { deadline: 'hipaa-hhs', beforeMinutes: 10080 }, meets: ['hipaa-hhs'] },
        { id: 'log', recipients: [to(prefix, 'hhs')], timing: { deadline: 'hipaa-hhs-log', beforeMinutes: 10080 }, meets: ['hipaa-hhs-log'] },
        { id: 'media', recipients: [to(prefix, 'news')], timing: { deadline: 'hipaa-media', beforeMinutes: 10080 }, meets: ['hipaa-media'] },
      ],
      people,
    ).then(status(201));
    const r = await declare(prefix, { type: 'phi_breach', jurisdictions: ['US-CA'], affected: { filter: { field: 'attributes.group', eq: prefix } } }).expect(201);
    const aware = new Date(r.body.awareAt).getTime();
    expect(r.body.clocks.map((c: ClockV) => c.id)).toEqual(['hipaa-individuals', 'hipaa-hhs-log']);
    expect(step(r.body, 'hhs')).toMatchObject({ state: 'skipped', waitingReason: 'deadline hipaa-hhs does not apply to this incident' });
    expect(step(r.body, 'media').state).toBe('skipped');
    expect(step(r.body, 'log')).toMatchObject({ state: 'scheduled', dueAt: new Date(hipaaAnnualLogDue(new Date(aware), 'America/Los_Angeles').getTime() - 7 * 24 * H).toISOString() });

    await h.http.post(`/api/v1/incidents/${r.body.id}/affected`).set(auth()).send({ filter: { field: 'attributes.group', eq: `${prefix}-late` } }).expect((res) => expect(res.status).toBeLessThan(300));
    const after = await incident(r.body.id);
    expect(after.clocks.map((c) => c.id)).toEqual(['hipaa-individuals', 'hipaa-hhs', 'hipaa-media']);
    expect(clock(after, 'hipaa-media')?.note).toContain('more than 500 residents of CA (501)');
    const sixtyDaysLessAWeek = new Date(addCalendarDaysAt(new Date(aware), 60, 'America/Los_Angeles').getTime() - 7 * 24 * H).toISOString(); // California's calendar
    expect(step(after, 'hhs')).toMatchObject({ state: 'scheduled', dueAt: sixtyDaysLessAWeek });
    expect(step(after, 'media')).toMatchObject({ state: 'scheduled', dueAt: sixtyDaysLessAWeek });
    expect(step(after, 'log')).toMatchObject({ state: 'skipped', dueAt: null });
  });

  it('starts NYDFS 500.17(a) at the determination and 500.17(b) at an extortion payment, and refuses future times', async () => {
    const prefix = uniq('nydfs');
    await publish(prefix, [
      { id: 'dfs', recipients: [to(prefix, 'dfs')], timing: { deadline: 'nydfs-500.17', beforeMinutes: 720 }, meets: ['nydfs-500.17'] },
      { id: 'ransom', recipients: [to(prefix, 'dfs')], timing: { deadline: 'nydfs-500.17b-notice', beforeMinutes: 60 }, meets: ['nydfs-500.17b-notice'] },
    ]).then(status(201));
    const future = await declare(prefix, { type: 'cybersecurity_event', jurisdictions: ['US-NY'], materialityAt: new Date(Date.now() + 24 * H).toISOString() }).expect(400);
    expect(future.body.error).toMatchObject({ code: 'validation_failed', message: 'materialityAt is in the future', details: [{ path: 'materialityAt' }] });
    const r = await declare(prefix, { type: 'cybersecurity_event', jurisdictions: ['US-NY'] }).expect(201);
    expect(step(r.body, 'dfs')).toMatchObject({ state: 'waiting_milestone', waitingReason: expect.stringContaining('determination') });
    expect(clock(r.body, 'nydfs-500.17')).toMatchObject({ status: 'waiting', dueAt: null });

    const base = `/api/v1/incidents/${r.body.id}`;
    await h.http.post(`${base}/determination`).set(auth()).send({ at: new Date(Date.now() + H).toISOString() }).expect(400);
    const determinedAt = new Date(Date.now() - 30 * 60_000);
    const d = await h.http.post(`${base}/determination`).set(auth()).send({ at: determinedAt.toISOString() }).expect(200);
    expect(d.body.replanned).toEqual([expect.objectContaining({ step: 'dfs', after: expect.objectContaining({ state: 'scheduled', dueAt: new Date(determinedAt.getTime() + 60 * H).toISOString() }) })]);
    await h.http.post(`${base}/determination`).set(auth()).send({}).expect(409);
    expect(clock(await incident(r.body.id), 'nydfs-500.17')).toMatchObject({ status: 'running', dueAt: new Date(determinedAt.getTime() + 72 * H).toISOString() });

    const paidAt = new Date(Date.now() - 10 * 60_000);
    await h.http.post(`${base}/extortion-payment`).set(auth()).send({ at: paidAt.toISOString() }).expect(200);
    const after = await incident(r.body.id);
    expect(step(after, 'ransom')).toMatchObject({ state: 'scheduled', dueAt: new Date(paidAt.getTime() + 23 * H).toISOString() });
    expect(clock(after, 'nydfs-500.17b-notice')?.dueAt).toBe(new Date(paidAt.getTime() + 24 * H).toISOString());
    expect(clock(after, 'nydfs-500.17b-explanation')?.dueAt).toBe(new Date(paidAt.getTime() + 30 * 24 * H).toISOString());
  });

  it('asks for the reasons for the delay when the GDPR art. 33 notice goes out after 72 hours (art. 33(1)), at declaration and at approval', async () => {
    const prefix = uniq('late');
    const LATE = { ...REG, text: '{{#if facts.reasonsForDelay}}Reasons for the delay: {{facts.reasonsForDelay}}\n{{/if}}Report on {{incident.title}}.', variables: ['incident.title', 'facts.reasonsForDelay?'] };
    await h.http.put(`/api/v1/templates/${prefix}-late/email/en`).set(auth()).send(LATE).expect(200);
    await publish(prefix, [{ id: 'dpa', template: `${prefix}-late`, recipients: [to(prefix, 'a')], approval: { role: 'commander' }, meets: ['gdpr-art33'] }]).then(status(201));
    const refused = await declare(prefix, { jurisdictions: ['FR'], awareAt: new Date(Date.now() - 80 * H).toISOString() }).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'missing_facts', details: [{ fact: 'reasonsForDelay', steps: ['dpa'], why: expect.stringContaining('art. 33(1)') }] });

    // declared in time, approved too late: the approval asks for the reasons first
    const r = await declare(prefix, { jurisdictions: ['FR'], awareAt: new Date(Date.now() - 71 * H).toISOString() }).expect(201);
    Clock.travel(1.5 * H); // 72.5 h after awareness (and less than the step's allowed lateness of 2 h)
    const approve = () => h.http.post(`/api/v1/incidents/${r.body.id}/steps/dpa/approve`).set(auth());
    expect((await approve().expect(422)).body.error.message).toContain('goes out after the gdpr-art33 deadline');
    await h.http.put(`/api/v1/incidents/${r.body.id}/facts`).set(auth()).send({ facts: { reasonsForDelay: 'The forensic image took 70 hours.' } }).expect(200);
    await approve().expect(200);
    const mail = await waitFor('the late notice', async () => h.sink.to(`${prefix}-a@authority.test`)[0]);
    expect(mail.text).toContain('Reasons for the delay: The forensic image took 70 hours.');
  });

  it('plans the SEC reminder on a business day once materiality is set, and meets the 8-K clock only with the recorded EDGAR filing', async () => {
    const prefix = uniq('sec');
    await publish(prefix, [{ id: 'file-8k', audience: 'internal', recipients: [to(prefix, 'legal')], timing: { deadline: 'sec-8k-1.05', beforeMinutes: 2880 } }]).then(status(201));
    const r = await declare(prefix, { type: 'material_cybersecurity_incident', jurisdictions: ['US'] }).expect(201);
    expect(step(r.body, 'file-8k')).toMatchObject({ state: 'waiting_milestone', waitingReason: expect.stringContaining('materiality') });
    const materialityAt = new Date(Date.now() - 60_000);
    const m = await h.http.post(`/api/v1/incidents/${r.body.id}/materiality`).set(auth()).send({ at: materialityAt.toISOString() }).expect(200);
    const due = zonedTime(addUsBusinessDays(localDate(materialityAt, 'America/New_York'), 4), 17, 30, 'America/New_York');
    const reminder = usBusinessTimeBefore(due, 2880);
    expect(isUsBusinessDay(localDate(reminder, 'America/New_York'))).toBe(true);
    expect(m.body.scheduled).toEqual([{ step: 'file-8k', state: 'scheduled', dueAt: reminder.toISOString() }]);
    const i = await incident(r.body.id);
    expect(clock(i, 'sec-8k-1.05')).toMatchObject({ status: 'running', dueAt: due.toISOString(), metBy: null });
    await h.http
      .post(`/api/v1/incidents/${r.body.id}/clocks/sec-8k-1.05/submissions`)
      .set(auth())
      .send({ submittedAt: new Date().toISOString(), submittedBy: 'Lee (legal)', reference: '0001234567-26-000042' })
      .expect(201);
    expect(clock(await incident(r.body.id), 'sec-8k-1.05')).toMatchObject({ status: 'met', evidence: { kind: 'submission', reference: '0001234567-26-000042' } });
  });

  // last in this file, and reset after: the profile is one row for the whole run's database (npm test runs files
  // one at a time); the profile set here changes no clock another test file looks at (FR, US-CA, NIS2 in DE)
  it('applies the organisation profile frozen at declaration: an SEC registrant gets the 8-K clock for an incident abroad', async () => {
    const bad = await h.http.put('/api/v1/organisation-profile').set(auth()).send({ hipaa: 'maybe', establishedIn: ['France'] }).expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const commander = (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: uniq('cmd'), role: 'commander' }).expect(201)).body.secret;
    await h.http.put('/api/v1/organisation-profile').set(auth(commander)).send({ secRegistrant: true }).expect(403);
    const prefix = uniq('profile');
    await publish(prefix, [{ id: 'legal', audience: 'internal', recipients: [to(prefix, 'legal')], timing: { deadline: 'sec-8k-1.05', beforeMinutes: 1440 } }]).then(status(201));
    const material = { type: 'material_cybersecurity_incident', jurisdictions: ['DE'], materialityAt: new Date(Date.now() - 60_000).toISOString() };
    try {
      expect((await declare(prefix, material).expect(201)).body.clocks).toEqual([]); // no profile: a German incident has no SEC clock
      const registrant = { establishedIn: [], secRegistrant: true, nis2Entity: true, hipaa: 'covered_entity', nydfsCoveredEntity: false };
      await h.http.put('/api/v1/organisation-profile').set(auth()).send(registrant).expect(200);
      expect((await h.http.get('/api/v1/organisation-profile').set(auth()).expect(200)).body).toEqual({ profile: registrant });
      const abroad = await declare(prefix, material).expect(201);
      expect(abroad.body.clocks.map((c: ClockV) => c.id)).toEqual(['sec-8k-1.05']);
      expect(step(abroad.body, 'legal').state).toBe('scheduled');

      // a later change does not rewrite the deadlines of incidents already declared
      await h.http.put('/api/v1/organisation-profile').set(auth()).send({ ...registrant, secRegistrant: false }).expect(200);
      expect((await incident(abroad.body.id)).clocks.map((c) => c.id)).toEqual(['sec-8k-1.05']);
      expect((await declare(prefix, material).expect(201)).body.clocks).toEqual([]);
      const report = (await h.http.get(`/api/v1/incidents/${abroad.body.id}/report`).set(auth()).expect(200)).body;
      expect(report.incident.organisationProfile).toEqual(registrant);
    } finally {
      await h.prisma.organisationProfile.deleteMany();
    }
  });
});
