import { consoleLogin, ConsoleAgent } from './support/console-session';
import { auth, Harness, waitFor } from './support/harness';
import { NOTICE, seedRunbook, uniq } from './factories/scenario.factory';

/** The console's template editor, runbook editor and declare wizard, through a signed-in session. */
describe('Console editors', () => {
  let h: Harness;
  let comms: ConsoleAgent;
  let commander: ConsoleAgent;

  beforeAll(async () => {
    h = await Harness.start({ workers: 1 });
    comms = await consoleLogin(h, 'comms');
    commander = await consoleLogin(h, 'commander');
  });
  afterAll(() => h.stop());

  describe('template editor', () => {
    it('previews as JSON for the page script, with the line and column of each problem', async () => {
      const ok = await comms.agent
        .post('/console/templates/preview')
        .set('X-CSRF-Token', comms.csrf)
        .set('Accept', 'application/json')
        .send({ channel: 'sms', template: { text: 'Hi {{customer.name}}, call {{facts.hotline}}', variables: ['customer.name', 'facts.hotline'] }, facts: { hotline: '0800 123' } })
        .expect(200);
      expect(ok.body.text).toBe('Hi Alex Sample, call 0800 123');
      expect(ok.body.sms).toEqual({ encoding: 'GSM-7', characters: 29, segments: 1 });

      const bad = await comms.agent
        .post('/console/templates/preview')
        .set('X-CSRF-Token', comms.csrf)
        .set('Accept', 'application/json')
        .send({ channel: 'email', template: { subject: 'Notice', html: '<p>ok</p>\n<p>{{#if x}}</p>', text: 'Hello {{customer.nmae}}', variables: ['customer.name'] }, facts: {} })
        .expect(422);
      expect(bad.body.error.code).toBe('template_invalid');
      expect(bad.body.error.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'html', line: 2 }),
          expect.objectContaining({ field: 'text', line: 1, column: 9 }),
        ]),
      );
    });

    it('refuses a preview without the CSRF token', async () => {
      await comms.agent.post('/console/templates/preview').set('Accept', 'application/json').send({ channel: 'sms', template: { text: 'x' }, facts: {} }).expect(403);
    });

    it('shows a refused save on the page with line, column and the offending line; saves a good one as a new version with a diff', async () => {
      const key = uniq('console-tpl');
      const url = `/console/templates/${key}/email/en`;
      const page = await comms.agent.get(url).expect(200);
      expect(page.text).toContain('A new template');

      const refused = await comms.agent
        .post(url)
        .type('form')
        .send({ _csrf: comms.csrf, action: 'save', subject: 'Hi', html: '<p>\r\n{{facts.unknown}}</p>', text: 'x', variables: '' })
        .expect(422);
      expect(refused.text).toMatch(/html, line 2, column 3/);
      expect(refused.text).toContain('{{facts.unknown}}</p>'.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/=/g, '&#x3D;'));
      expect(await h.prisma.template.count({ where: { key } })).toBe(0);

      for (const hotline of ['0800 111', '0800 222']) {
        const saved = await comms.agent
          .post(url)
          .type('form')
          .send({ _csrf: comms.csrf, action: 'save', subject: NOTICE.subject, html: NOTICE.html, text: `${NOTICE.text}\n${hotline}`, variables: NOTICE.variables.join('\n') })
          .expect(303);
        expect(saved.headers.location).toBe(url);
      }
      const versions = await h.prisma.template.findMany({ where: { key }, orderBy: { version: 'asc' } });
      expect(versions.map((v) => v.version)).toEqual([1, 2]);
      expect(versions[1].createdByName).toBe('comms person');

      const editor = await comms.agent.get(url).expect(200);
      expect(editor.text).toContain('Saved ');
      expect(editor.text).toContain(`/diff?from=1&amp;to=2`);
      const diff = await comms.agent.get(`${url}/diff?from=1&to=2`).expect(200);
      expect(diff.text).toMatch(/diff-del"><span class="visually-hidden">removed: <\/span>-0800 111/);
      expect(diff.text).toMatch(/diff-add"><span class="visually-hidden">added: <\/span>\+0800 222/);
    });

    it('keeps the chosen customer and facts in the preview after saving', async () => {
      const key = uniq('console-keep');
      const url = `/console/templates/${key}/email/en`;
      const { externalIds } = await seedRunbook(h, uniq('keep'), 1);
      const facts = JSON.stringify({ whatHappened: 'Our CRM was copied', hotline: '0800 424 242' });
      const saved = await comms.agent
        .post(url)
        .type('form')
        .send({ _csrf: comms.csrf, action: 'save', subject: NOTICE.subject, html: NOTICE.html, text: NOTICE.text, variables: NOTICE.variables.join('\n'), customerId: externalIds[0], facts })
        .expect(303);
      expect(saved.headers.location).toMatch(new RegExp(`^${url}\\?customer=${externalIds[0]}&facts=[A-Za-z0-9_-]+$`));
      const editor = (await comms.agent.get(saved.headers.location).expect(200)).text;
      expect(editor).toContain(`id="f-customer" name="customerId" value="${externalIds[0]}"`);
      expect(editor).toContain('0800 424 242');
      // the preview is of that customer (the seeded name), with those facts, not the sample ones
      expect(editor).toMatch(/Dear Customer 0 of keep-[0-9a-f]+,/);
      expect(editor).toContain('Our CRM was copied');
    });

    it('previews the posted sources without the page script, saving nothing', async () => {
      const key = uniq('console-nojs');
      const r = await comms.agent
        .post(`/console/templates/${key}/sms/en`)
        .type('form')
        .send({ _csrf: comms.csrf, action: 'preview', text: 'Call {{facts.hotline}} — Ω', variables: 'facts.hotline', facts: '{"hotline":"0800 1"}', customerId: '' })
        .expect(200);
      expect(r.text).toContain('Call 0800 1 — Ω');
      expect(r.text).toMatch(/UCS-2 · <strong>1 segment\(s\)<\/strong>/);
      expect(await h.prisma.template.count({ where: { key } })).toBe(0);
    });

    it('renders the HTML for the preview frame under its own sandboxed policy, or the problems', async () => {
      const url = `/console/templates/${uniq('frame')}/email/en/preview.html`;
      const ok = await comms.agent
        .post(url)
        .type('form')
        .send({ _csrf: comms.csrf, subject: 'S', html: '<style>p{color:red}</style><p>{{facts.hotline}}</p><script>alert(1)</script>', text: 't', variables: 'facts.hotline', facts: '{"hotline":"<b>0800</b>"}' })
        .expect(200);
      expect(ok.text).toContain('<p>&lt;b&gt;0800&lt;/b&gt;</p>');
      expect(ok.headers['content-security-policy']).toMatch(/default-src 'none'; style-src 'unsafe-inline';.*sandbox; frame-ancestors 'self'/);
      expect(ok.headers['x-frame-options']).toBe('SAMEORIGIN');
      const bad = await comms.agent.post(url).type('form').send({ _csrf: comms.csrf, subject: 'S', html: '<p>{{facts.x}}</p>', text: 't', variables: '' }).expect(200);
      expect(bad.text).toContain('html, line 1, column 6: &#x27;facts.x&#x27; is used but not declared');
      await comms.agent.post(url).type('form').send({ subject: 'S' }).expect(403);
      const saved = await comms.agent.get('/console/templates/breach-notice/email/en/preview.html').expect(200);
      expect(saved.text).toContain('<style');
    });

    it('sends a test of the saved template to the signed-in user', async () => {
      const key = uniq('console-test');
      const { externalIds } = await seedRunbook(h, uniq('test-send'), 1);
      await h.http.put(`/api/v1/templates/${key}/email/en`).set(auth()).send(NOTICE).expect(200);
      // the sample customer has no accountNo attribute: strict templates refuse to render with a hole
      const refused = await comms.agent
        .post(`/console/templates/${key}/test-send`)
        .type('form')
        .send({ _csrf: comms.csrf, locale: 'en', facts: JSON.stringify({ whatHappened: 'Drill', hotline: '0800 999' }) })
        .expect(422);
      expect(refused.text).toMatch(/Rendering failed/);
      await comms.agent
        .post(`/console/templates/${key}/test-send`)
        .type('form')
        .send({ _csrf: comms.csrf, locale: 'en', customerId: externalIds[0], facts: JSON.stringify({ whatHappened: 'Drill', hotline: '0800 999' }) })
        .expect(303);
      const mail = await waitFor('the test email', async () => h.sink.received.find((m) => m.to.includes(comms.email)));
      expect(mail.subject).toMatch(/^\[TEST\] Security incident/);
    });

    it('shows the SMS encoding and segment count of a shipped SMS template', async () => {
      const page = await comms.agent.get('/console/templates/breach-notice/sms/en').expect(200);
      expect(page.text).toMatch(/id="sms-size" class="sms-size">\d+ characters · (GSM-7|UCS-2) · <strong>\d+ segment\(s\)<\/strong>/);
    });

    it('answers a bad address or version with a 400 or 404 page, not a 500', async () => {
      await comms.agent.get('/console/templates/Bad Key/email/en').expect(400);
      await comms.agent.get('/console/templates/breach-notice/fax/en').expect(400);
      await comms.agent.get('/console/templates/breach-notice/email/en?version=zero').expect(400);
      await comms.agent.get('/console/templates/breach-notice/email/en?version=999').expect(404);
      await comms.agent.get('/console/templates/breach-notice/email/en/diff?from=1&to=999').expect(404);
      await comms.agent.post('/console/templates/open').type('form').send({ _csrf: comms.csrf, key: '../etc', channel: 'email', locale: 'en' }).expect(400);
    });

    it('is for comms: a commander gets a 403 page', async () => {
      await commander.agent.get('/console/templates').expect(403);
    });
  });

  describe('runbook editor', () => {
    it('lists every publish problem with its step and publishes nothing', async () => {
      const key = uniq('console-rb');
      const definition = JSON.stringify({
        name: 'Console plan',
        steps: [
          { id: 'to-customers', audience: 'affected_customers', channel: 'email', template: 'no-such-template' },
          { id: 'to-dpa', audience: 'regulator', channel: 'fax', template: 'breach-notice' },
        ],
      });
      const r = await comms.agent.post(`/console/runbooks/${key}/draft`).type('form').send({ _csrf: comms.csrf, mode: 'json', action: 'publish', definition }).expect(422);
      expect(r.text).toContain('Not published');
      expect(r.text).toMatch(/step to-customers<\/strong>, template: no email template &#x27;no-such-template&#x27; exists/);
      expect(r.text).toMatch(/step to-dpa<\/strong>, channel: unknown channel &#x27;fax&#x27;/);
      expect(r.text).toMatch(/step to-dpa<\/strong>, recipients: a regulator step needs recipients/);
      const rb = await h.prisma.runbook.findUnique({ where: { key }, include: { versions: true } });
      expect(rb?.versions).toHaveLength(0);
      // the draft was kept, and the page shows its steps in words
      const page = await comms.agent.get(`/console/runbooks/${key}?view=json`).expect(200);
      expect(page.text).toContain('the affected customers');
    });

    it('refuses a draft that is not valid JSON or not a runbook, with the reason', async () => {
      const key = uniq('console-rb');
      const r = await comms.agent.post(`/console/runbooks/${key}/draft`).type('form').send({ _csrf: comms.csrf, mode: 'json', definition: '{"name": ' }).expect(422);
      expect(r.text).toMatch(/not valid JSON/);
      const r2 = await comms.agent.post(`/console/runbooks/${key}/draft`).type('form').send({ _csrf: comms.csrf, mode: 'json', definition: JSON.stringify({ name: 'x', steps: [{ id: 'Bad Id' }] }) }).expect(422);
      expect(r2.text).toMatch(/step Bad Id<\/strong>, id:/);
      expect(await h.prisma.runbook.count({ where: { key } })).toBe(0);
    });

    it('copies a plan from the library and publishes it', async () => {
      const key = uniq('console-gdpr');
      await comms.agent.post('/console/runbooks/library/gdpr-breach/copy').type('form').send({ _csrf: comms.csrf, key }).expect(303);
      const page = await comms.agent.get(`/console/runbooks/${key}`).expect(200);
      expect(page.text).toContain('waits for approval by a commander other than the declarer');
      const definition = JSON.stringify((await h.prisma.runbook.findUniqueOrThrow({ where: { key } })).draft);
      await comms.agent.post(`/console/runbooks/${key}/draft`).type('form').send({ _csrf: comms.csrf, mode: 'json', action: 'publish', definition }).expect(303);
      expect(await h.prisma.runbookVersion.count({ where: { runbook: { key } } })).toBe(1);
      // the wizard asks for the regulator's checklist (art. 33(3)) next to the customer notice's facts
      const wizard = await commander.agent.get(`/console/incidents/new/${key}`).expect(200);
      for (const fact of ['natureOfBreach', 'categoriesOfData', 'dpoContact', 'likelyConsequences', 'measuresTaken', 'whatHappened', 'hotline']) {
        expect(wizard.text).toContain(`name="fact.${fact}"`);
      }
    });

    it('saves the form per step as the same definition the API takes, and publishes it', async () => {
      const key = uniq('console-form');
      const tpl = uniq('form-tpl');
      await h.http.put(`/api/v1/templates/${tpl}/email/en`).set(auth()).send(NOTICE).expect(200);
      const fields = {
        _csrf: comms.csrf,
        mode: 'steps',
        stepCount: '2',
        name: 'Form plan',
        description: '',
        defaultLocale: 'en',
        locales: '',
        's0.id': 'notify-customers',
        's0.audience': 'affected_customers',
        's0.recipients': '',
        's0.filter': '{"field":"tags","eq":"eu"}',
        's0.channel': 'email',
        's0.fallbackChannels': 'sms',
        's0.template': tpl,
        's0.timingKind': 'deadline',
        's0.milestone': 'declared',
        's0.offsetMinutes': '0',
        's0.deadline': 'gdpr-art33',
        's0.beforeMinutes': '60',
        's0.severityAtLeast': 'high',
        's0.jurisdictionsInclude': 'eu, fr',
        's0.approvalRole': 'commander',
        's0.differentFromDeclarer': 'on',
        's0.reminderAfterMinutes': '1440',
        's0.reminderWhen': 'not_acknowledged',
        's0.meets': ['gdpr-art33', 'gdpr-art34'],
        's0.urgent': 'on',
        's1.id': 'tell-dpa',
        's1.audience': 'regulator',
        's1.recipients': 'Supervisory authority <dpa@example.org>\nbackup@example.org',
        's1.channel': 'email',
        's1.template': tpl,
        's1.timingKind': 'milestone',
        's1.milestone': 'declared',
        's1.offsetMinutes': '30',
      };
      await comms.agent.post(`/console/runbooks/${key}/draft`).type('form').send({ ...fields, action: 'save' }).expect(303);
      const draft = (await h.prisma.runbook.findUniqueOrThrow({ where: { key } })).draft;
      expect(draft).toEqual({
        name: 'Form plan',
        defaultLocale: 'en',
        steps: [
          {
            id: 'notify-customers',
            audience: 'affected_customers',
            filter: { field: 'tags', eq: 'eu' },
            channel: 'email',
            fallbackChannels: ['sms'],
            template: tpl,
            timing: { deadline: 'gdpr-art33', beforeMinutes: 60 },
            condition: { severityAtLeast: 'high', jurisdictionsInclude: ['EU', 'FR'] },
            approval: { role: 'commander', differentFromDeclarer: true },
            reminder: { afterMinutes: 1440, when: 'not_acknowledged' },
            meets: ['gdpr-art33', 'gdpr-art34'],
            maxLatenessMinutes: 120,
            urgent: true,
          },
          {
            id: 'tell-dpa',
            audience: 'regulator',
            recipients: [{ address: 'dpa@example.org', name: 'Supervisory authority' }, { address: 'backup@example.org' }],
            channel: 'email',
            fallbackChannels: [],
            template: tpl,
            timing: { milestone: 'declared', offsetMinutes: 30 },
            meets: [],
            maxLatenessMinutes: 120,
            urgent: false,
          },
        ],
      });
      // the saved draft comes back into the same form, and publishes
      const page = await comms.agent.get(`/console/runbooks/${key}`).expect(200);
      expect(page.text).toContain('>Supervisory authority &lt;dpa@example.org&gt;\nbackup@example.org</textarea>');
      expect(page.text).toContain('not urgent: SMS wait out quiet hours');
      expect(page.text).toMatch(/name="s0.meets" value="gdpr-art34" checked/);
      await comms.agent.post(`/console/runbooks/${key}/draft`).type('form').send({ ...fields, action: 'publish' }).expect(303);
      expect(await h.prisma.runbookVersion.count({ where: { runbook: { key } } })).toBe(1);
    });

    it('adds and removes steps in the form without saving, and lists a bad step field next to the step', async () => {
      const key = uniq('console-form');
      const base = { _csrf: comms.csrf, mode: 'steps', name: 'Plan', defaultLocale: 'en', 's0.id': 'first', 's0.audience': 'affected_customers', 's0.channel': 'email', 's0.template': 't', 's0.timingKind': 'milestone', 's0.milestone': 'declared', 's0.offsetMinutes': '0' };
      const added = await comms.agent.post(`/console/runbooks/${key}/draft`).type('form').send({ ...base, stepCount: '1', action: 'add' }).expect(200);
      expect(added.text).toContain('name="s1.id" value="step-2"');
      expect(added.text).toContain('not saved until you press Save');
      const removed = await comms.agent.post(`/console/runbooks/${key}/draft`).type('form').send({ ...base, stepCount: '1', action: 'remove:0' }).expect(200);
      expect(removed.text).not.toContain('name="s0.id"');
      expect(await h.prisma.runbook.count({ where: { key } })).toBe(0);

      const bad = await comms.agent.post(`/console/runbooks/${key}/draft`).type('form').send({ ...base, stepCount: '1', 's0.offsetMinutes': 'soon', 's0.filter': '{oops', action: 'save' }).expect(422);
      expect(bad.text).toMatch(/step first<\/strong>, filter: not valid JSON/);
      const bad2 = await comms.agent.post(`/console/runbooks/${key}/draft`).type('form').send({ ...base, stepCount: '1', 's0.offsetMinutes': 'soon', action: 'save' }).expect(422);
      expect(bad2.text).toMatch(/step first<\/strong>, timing/);
      expect(await h.prisma.runbook.count({ where: { key } })).toBe(0);
    });

    it('summarises the form per step for the page script', async () => {
      const r = await comms.agent
        .post('/console/runbooks/summary')
        .set('X-CSRF-Token', comms.csrf)
        .set('Accept', 'application/json')
        .type('form')
        .send({ mode: 'steps', stepCount: '1', name: 'x', 's0.id': 'a', 's0.audience': 'internal', 's0.recipients': 'Team <team@acme.test>', 's0.channel': 'email', 's0.template': 't', 's0.timingKind': 'milestone', 's0.milestone': 'aware', 's0.offsetMinutes': '120' })
        .expect(200);
      expect(r.body.steps[0]).toMatchObject({ who: 'the internal team: Team <team@acme.test>', when: '2 h after awareness' });
    });

    it('summarises the JSON being typed for the page script', async () => {
      const r = await comms.agent
        .post('/console/runbooks/summary')
        .set('X-CSRF-Token', comms.csrf)
        .set('Accept', 'application/json')
        .send({ definition: JSON.stringify({ name: 'x', steps: [{ id: 'a', audience: 'affected_customers', channel: 'sms', template: 't', timing: { milestone: 'declared', offsetMinutes: 30 } }, { id: 'b' }] }) })
        .expect(200);
      expect(r.body.steps[0]).toMatchObject({ id: 'a', channel: 'sms', when: '30 min after declaration' });
      expect(r.body.steps[1].invalid.length).toBeGreaterThan(0);
      expect(r.body.problems[0]).toMatchObject({ step: 'b' });
    });
  });

  describe('declare wizard', () => {
    let runbook: string;
    let externalIds: string[];
    beforeAll(async () => {
      ({ runbook, externalIds } = await seedRunbook(h, uniq('wizard'), 12));
    });

    const form = (extra: Record<string, string> = {}) => ({
      _csrf: commander.csrf,
      title: 'Console-declared breach',
      type: 'data_breach',
      severity: 'high',
      awareAt: new Date(Date.now() - 3600_000).toISOString().slice(0, 16),
      jurisdictions: 'FR',
      affectedMode: 'list',
      externalIds: externalIds.join('\n'),
      'fact.whatHappened': 'A stolen password was used.',
      'fact.hotline': '0800 123 456',
      ...extra,
    });

    it('asks for the facts the runbook templates declare', async () => {
      const page = await commander.agent.get(`/console/incidents/new/${runbook}`).expect(200);
      expect(page.text).toContain('name="fact.whatHappened"');
      expect(page.text).toContain('name="fact.hotline"');
      expect(page.text).toMatch(/name="idempotencyKey" value="console-[0-9a-f-]{36}"/);
      expect(page.text).not.toContain('id="declare-button"'); // the schedule is seen before declaring
    });

    it('previews the schedule, clocks and population without declaring', async () => {
      const before = await h.prisma.incident.count();
      const r = await commander.agent.post(`/console/incidents/new/${runbook}`).type('form').send(form({ action: 'preview', idempotencyKey: uniq('k') })).expect(200);
      expect(r.text).toMatch(/id="preview-affected">12 customer\(s\)/);
      expect(r.text).toContain('notify-customers');
      expect(r.text).toContain('gdpr-art33');
      expect(r.text).toContain('id="declare-button"');
      expect(await h.prisma.incident.count()).toBe(before);
      const missing = await commander.agent.post(`/console/incidents/new/${runbook}`).type('form').send(form({ action: 'preview', idempotencyKey: uniq('k'), 'fact.hotline': '' })).expect(200);
      expect(missing.text).toMatch(/Facts still missing:/);
      expect(missing.text).not.toContain('id="declare-button"');
    });

    it('counts the customers a filter matches', async () => {
      const r = await commander.agent
        .post(`/console/incidents/new/${runbook}/count`)
        .set('X-CSRF-Token', commander.csrf)
        .set('Accept', 'application/json')
        .send({ filterField: 'attributes.accountNo', filterOp: 'in', filterValue: `ACC-1, ACC-2` })
        .expect(200);
      expect(r.body.count).toBeGreaterThanOrEqual(2);
      const bad = await commander.agent.post(`/console/incidents/new/${runbook}/count`).set('X-CSRF-Token', commander.csrf).set('Accept', 'application/json').send({ filterField: 'password', filterOp: 'eq', filterValue: 'x' }).expect(400);
      expect(bad.body.error.code).toBe('filter_invalid');
    });

    it('shows missing facts and unknown customers on the form instead of declaring', async () => {
      const r = await commander.agent.post(`/console/incidents/new/${runbook}`).type('form').send(form({ action: 'declare', idempotencyKey: uniq('k'), 'fact.hotline': '' })).expect(422);
      expect(r.text).toMatch(/hotline \(needed by notify-customers\)/);
      const u = await commander.agent.post(`/console/incidents/new/${runbook}`).type('form').send(form({ action: 'declare', idempotencyKey: uniq('k'), externalIds: 'nobody-here' })).expect(422);
      expect(u.text).toContain('not known: nobody-here');
    });

    it('declares one incident when the button is pressed twice, and goes to its dashboard', async () => {
      const key = uniq('console-key');
      const body = form({ action: 'declare', idempotencyKey: key });
      const [a, b] = await Promise.all([
        commander.agent.post(`/console/incidents/new/${runbook}`).type('form').send(body),
        commander.agent.post(`/console/incidents/new/${runbook}`).type('form').send(body),
      ]);
      const again = await commander.agent.post(`/console/incidents/new/${runbook}`).type('form').send(body);
      expect([a.status, b.status, again.status]).toEqual([303, 303, 303]);
      expect(new Set([a.headers.location, b.headers.location, again.headers.location]).size).toBe(1);
      const incidents = await h.prisma.incident.findMany({ where: { idempotencyKey: key } });
      expect(incidents).toHaveLength(1);
      expect(a.headers.location).toBe(`/console/incidents/${incidents[0].id}`);
      expect(await h.prisma.affectedCustomer.count({ where: { incidentId: incidents[0].id } })).toBe(12);
      expect(incidents[0].declaredBy).not.toBeNull();
    });

    it('links to the incident already declared when the same form comes back changed, with a new key for a deliberate second one', async () => {
      const key = uniq('console-key');
      const first = await commander.agent.post(`/console/incidents/new/${runbook}`).type('form').send(form({ action: 'declare', idempotencyKey: key })).expect(303);
      const changed = await commander.agent
        .post(`/console/incidents/new/${runbook}`)
        .type('form')
        .send(form({ action: 'declare', idempotencyKey: key, title: 'Changed title' }))
        .expect(422);
      expect(changed.text).toContain(`href="${first.headers.location}"`);
      const newKey = /name="idempotencyKey" value="([^"]+)"/.exec(changed.text)![1];
      expect(newKey).not.toBe(key);
      expect(await h.prisma.incident.count({ where: { title: 'Changed title' } })).toBe(0);
    });

    it('declares for the customers a filter matches', async () => {
      const key = uniq('console-key');
      const r = await commander.agent
        .post(`/console/incidents/new/${runbook}`)
        .type('form')
        .send(form({ action: 'declare', idempotencyKey: key, affectedMode: 'filter', filterField: 'attributes.accountNo', filterOp: 'in', filterValue: externalIds.slice(0, 3).map((_, i) => `ACC-${i}`).join(','), filterJson: '' }))
        .expect(303);
      const incident = await h.prisma.incident.findUniqueOrThrow({ where: { idempotencyKey: key } });
      expect(r.headers.location).toBe(`/console/incidents/${incident.id}`);
      expect(incident.affectedFilter).toEqual({ field: 'attributes.accountNo', in: ['ACC-0', 'ACC-1', 'ACC-2'] });
      expect(await h.prisma.affectedCustomer.count({ where: { incidentId: incident.id } })).toBeGreaterThanOrEqual(3);
    });

    it('is for commanders: comms gets a 403 page', async () => {
      await comms.agent.get('/console/incidents/new').expect(403);
    });
  });
});
