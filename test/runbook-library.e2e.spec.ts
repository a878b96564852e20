import { loadRunbookLibrary } from '../src/runbooks/library/runbook-library';
import { stepProblems, stepWarnings } from '../src/runbooks/runbooks.service';
import { shippedTemplates } from '../src/templates/shipped-templates';
import { auth, Harness } from './support/harness';
import { customers, uniq } from './factories/scenario.factory';

describe('The runbook library', () => {
  it('ships seven valid plans whose templates are shipped too', () => {
    const lib = loadRunbookLibrary();
    expect(lib.map((e) => e.name)).toEqual(['apology-win-back', 'gdpr-breach', 'generic-customer-breach', 'hipaa', 'nis2', 'nydfs', 'sec-8k']);
    const shipped = new Set(shippedTemplates().map((t) => `${t.key}/${t.channel}/${t.locale}`));
    for (const e of lib) {
      for (const s of e.definition.steps) {
        expect(stepProblems(s)).toEqual([]);
        expect(stepWarnings(s)).toEqual([]); // no step that meets a clock can come due after it
        expect(shipped.has(`${s.template}/${s.channel}/${e.definition.defaultLocale}`)).toBe(true);
      }
    }
  });

  describe('through the API', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await Harness.start({ workers: 0 });
    });
    afterAll(() => h.stop());

    it('lists the plans with the clocks they meet', async () => {
      const r = await h.http.get('/api/v1/runbooks/library').set(auth()).expect(200);
      expect(r.body.find((e: { name: string }) => e.name === 'nis2').clocks).toEqual(['nis2-early-warning', 'nis2-notification', 'nis2-final-report']);
    });

    it('times the NIS2 notification against its 72-hour clock and keeps the final report waiting for it', async () => {
      const key = uniq('nis2');
      await h.http.post('/api/v1/runbooks/library/nis2/copy').set(auth()).send({ key }).expect(201);
      const pub = await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(201);
      expect(pub.body.warnings).toEqual([]);
      const list = customers(key, 1);
      await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: list }).expect(200);
      const awareAt = new Date(Date.now() - 3600_000);
      const body = { runbook: key, title: 'Outage', severity: 'high', type: 'nis2_significant_incident', awareAt: awareAt.toISOString(), jurisdictions: ['DE'], facts: {}, affected: { externalIds: [list[0].externalId] } };
      const missing = (await h.http.post('/api/v1/incidents').set(auth()).send(body).expect(422)).body.error.details.map((d: { fact: string }) => d.fact);
      const r = await h.http.post('/api/v1/incidents').set(auth()).send({ ...body, facts: Object.fromEntries(missing.map((f: string) => [f, `the ${f}`])) }).expect(201);
      const byKey = Object.fromEntries(r.body.schedule.map((s: { step: string }) => [s.step, s]));
      expect(byKey.notification).toMatchObject({ state: 'awaiting_approval', dueAt: new Date(awareAt.getTime() + 60 * 3600_000).toISOString() }); // 72 h less 12 h
      expect(byKey['final-report']).toMatchObject({ state: 'waiting_milestone', dueAt: null });
      expect(r.body.clocks.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
        ['nis2-early-warning', 'running'],
        ['nis2-notification', 'running'],
        ['nis2-final-report', 'waiting'],
      ]);
    });

    it('copies "Apology and win-back", declares it with an offer, and plans the apology 2 days and the survey 7 days after resolution', async () => {
      const key = uniq('win');
      await h.http.post('/api/v1/runbooks/library/apology-win-back/copy').set(auth()).send({ key }).expect(201);
      await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(201);
      const list = customers(key, 2);
      await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: list }).expect(200);
      await h.http.put(`/api/v1/offers/${key}-credit`).set(auth()).send({ title: 'Credit monitoring', terms: '24 months free.', sharedCode: 'SORRY-2026' }).expect(200);
      const r = await h.http
        .post('/api/v1/incidents')
        .set(auth())
        .send({
          runbook: key,
          title: 'Customer database copied',
          severity: 'high',
          awareAt: new Date(Date.now() - 3600_000).toISOString(),
          facts: { company: 'Acme', whatHappened: 'a stolen password was used to copy the customer database', hotline: '0800 123 456' },
          offer: `${key}-credit`,
          affected: { externalIds: list.map((c) => c.externalId) },
        })
        .expect(201);
      expect(r.body.schedule.map((s: { step: string; state: string; after: { label: string } }) => [s.step, s.state, s.after.label])).toEqual([
        ['apology', 'waiting_milestone', 'after resolution + 2 d'],
        ['satisfaction-survey', 'waiting_milestone', 'after resolution + 7 d'],
      ]);
      // nothing but post-resolution steps: it can be resolved at once
      const resolved = await h.http.post(`/api/v1/incidents/${r.body.id}/resolve`).set(auth()).send({}).expect(200);
      const at = new Date((await h.http.get(`/api/v1/incidents/${r.body.id}`).set(auth()).expect(200)).body.resolvedAt).getTime();
      expect(resolved.body.scheduled.map((s: { step: string; dueAt: string }) => [s.step, new Date(s.dueAt).getTime() - at])).toEqual([
        ['apology', 2 * 24 * 3600_000],
        ['satisfaction-survey', 7 * 24 * 3600_000],
      ]);
    });

    it('copies GDPR into a draft that publishes, and refuses to declare without the facts art. 33(3) asks for', async () => {
      const key = uniq('gdpr');
      await h.http.post('/api/v1/runbooks/library/gdpr-breach/copy').set(auth()).send({ key }).expect(201);
      await h.http.post('/api/v1/runbooks/library/gdpr-breach/copy').set(auth()).send({ key }).expect(409);
      await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(201);
      const list = customers(key, 2);
      await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: list }).expect(200);
      const body = {
        runbook: key,
        title: 'Customer database copied',
        severity: 'high',
        awareAt: new Date(Date.now() - 3600_000).toISOString(),
        jurisdictions: ['FR'],
        facts: { company: 'Acme', whatHappened: 'x' },
        affected: { externalIds: list.map((c) => c.externalId) },
      };
      const refused = await h.http.post('/api/v1/incidents').set(auth()).send(body).expect(422);
      const missing = refused.body.error.details.map((d: { fact: string }) => d.fact);
      expect(missing).toEqual(expect.arrayContaining(['natureOfBreach', 'categoriesOfData', 'categoriesOfDataSubjects', 'approxPeopleAffected', 'approxRecordsAffected', 'dpoContact', 'likelyConsequences', 'measuresTaken']));

      const facts = Object.fromEntries(missing.map((f: string) => [f, `the ${f}`]));
      const ok = await h.http.post('/api/v1/incidents').set(auth()).send({ ...body, facts: { ...body.facts, ...facts } }).expect(201);
      expect(ok.body.schedule.map((s: { step: string; state: string }) => [s.step, s.state])).toEqual(
        expect.arrayContaining([
          ['alert-internal', 'scheduled'],
          ['notify-authority', 'awaiting_approval'],
          ['notify-customers', 'awaiting_approval'],
        ]),
      );
      expect(ok.body.clocks.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
        ['gdpr-art33', 'running'],
        ['gdpr-art34', 'flag'],
      ]);
    });
  });
});
