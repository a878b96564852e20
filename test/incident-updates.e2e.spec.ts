// Issue 21 items 1, 2, 3 and 5: updates and answers, written once, on every surface (notice page, agent view,
// status page, the update message), with versions, the approval rule and a preview before publishing.
import { FanoutStepUseCase } from '../src/dispatch/fanout-step/fanout-step.usecase';
import { auth, Harness, waitFor } from './support/harness';
import { customers, declareBody, uniq } from './factories/scenario.factory';
import { consoleLogin, csrfOf } from './support/console-session';

const EMAIL = {
  subject: 'Security incident: {{incident.title}}',
  html: '<p>Dear {{customer.name}},</p><p>{{facts.whatHappened}}</p><p><a href="{{notice.url}}">Read and confirm</a></p>',
  text: 'Dear {{customer.name}},\n{{facts.whatHappened}}\nRead and confirm: {{notice.url}}',
  variables: ['incident.title', 'customer.name', 'facts.whatHappened', 'notice.url'],
};
const PAGE = { subject: 'Notice about {{incident.title}}', html: '<h1>{{incident.title}}</h1><p>{{facts.whatHappened}}</p>', variables: ['incident.title', 'facts.whatHappened'] };
const UPDATE_SUBJECT = 'An update about the security incident';
const UPDATE_SUBJECT_FR = "Du nouveau sur l'incident de sécurité";
const linkIn = (text: string) => /http:\/\/tocsin\.test(\/n\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];

describe('Incident updates and answers on every surface', () => {
  let h: Harness;
  let prefix: string;
  let incidentId: string;
  let list: ReturnType<typeof customers>;
  const links = new Map<number, string>();
  const keys: Record<'commander' | 'commander2' | 'comms' | 'agent' | 'viewer', string> = {} as never;

  const api = (p: string) => `/api/v1/incidents/${incidentId}${p}`;
  const page = async (i: number) => (await h.http.get(links.get(i)!).expect(200)).text;

  beforeAll(async () => {
    h = await Harness.start();
    prefix = uniq('upd');
    list = customers(prefix, 3).map((c, i) => ({ ...c, locale: i === 2 ? 'fr-CA' : 'en', timezone: i === 1 ? 'America/New_York' : 'Europe/Paris' }));
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: list }).expect(200);
    const template = `${prefix}-notice`;
    await h.http.put(`/api/v1/templates/${template}/email/en`).set(auth()).send(EMAIL).expect(200);
    await h.http.put(`/api/v1/templates/${template}/page/en`).set(auth()).send(PAGE).expect(200);
    await h.http.put(`/api/v1/templates/${template}/page/fr`).set(auth()).send({ ...PAGE, subject: 'Avis : {{incident.title}}' }).expect(200);
    const runbook = `${prefix}-plan`;
    await h.http.put(`/api/v1/runbooks/${runbook}`).set(auth()).send({ name: 'Plan', steps: [{ id: 'notify', audience: 'affected_customers', channel: 'email', template }] }).expect(200);
    await h.http.post(`/api/v1/runbooks/${runbook}/publish`).set(auth()).expect(201);
    for (const role of ['commander', 'commander2', 'comms', 'agent', 'viewer'] as const) {
      const r = await h.http.post('/api/v1/api-keys').set(auth()).send({ name: `${prefix} ${role}`, role: role.replace(/2$/, '') }).expect(201);
      keys[role] = r.body.secret;
    }
    const res = await h.http.post('/api/v1/incidents').set(auth(keys.commander)).send(declareBody(runbook, list.map((c) => c.externalId))).expect(201);
    incidentId = res.body.id;
    await waitFor('3 notices', async () => list.every((c) => h.sink.to(c.email).length === 1));
    list.forEach((c, i) => links.set(i, linkIn(h.sink.to(c.email)[0].text)!));
  });
  afterAll(() => h.stop());

  it('shows a published update on the notice page (escaped, in the customer’s locale and time zone), the agent view and nowhere before', async () => {
    const draft = await h.http
      .post(api('/updates'))
      .set(auth(keys.comms))
      .send({ content: { en: { text: 'We closed the <b>hole</b> & reset passwords.\n\nNext update at 18:00.' }, fr: { text: 'Nous avons fermé la <b>brèche</b>.' } } })
      .expect(201);
    expect(draft.body).toMatchObject({ number: 1, state: 'draft', version: 1, publishedVersion: null });
    expect(await page(0)).not.toContain('reset passwords');
    const before = await h.http.get(`/api/v1/customers/${list[0].externalId}/context`).set(auth(keys.agent)).expect(200);
    expect(before.body.script.updates).toEqual([]);

    const published = await h.http.post(api('/updates/1/publish')).set(auth(keys.comms)).send({}).expect(200);
    expect(published.body).toMatchObject({ state: 'published', publishedVersion: 1 });
    const at = new Date(published.body.firstPublishedAt);

    const en = await page(0);
    expect(en).toContain('<h2 id="updates-title">Updates</h2>');
    expect(en).toContain('<p>We closed the &lt;b&gt;hole&lt;/b&gt; &amp; reset passwords.</p>');
    expect(en).toContain('<p>Next update at 18:00.</p>');
    expect(en).not.toContain('<b>hole</b>');
    expect(en).toContain(`<time datetime="${at.toISOString()}">${new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(at)}</time>`);
    const ny = await page(1);
    expect(ny).toContain(`>${new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/New_York' }).format(at)}</time>`);
    const fr = await page(2);
    expect(fr).toContain('<h2 id="updates-title">Mises à jour</h2>');
    expect(fr).toContain('Nous avons fermé la &lt;b&gt;brèche&lt;/b&gt;.');

    const ctx = await h.http.get(`/api/v1/customers/${list[1].externalId}/context`).set(auth(keys.agent)).expect(200);
    expect(ctx.body.script.updates).toEqual([
      expect.objectContaining({ number: 1, locale: 'en', text: 'We closed the <b>hole</b> & reset passwords.\n\nNext update at 18:00.', iso: at.toISOString(), time: expect.stringContaining(String(at.getUTCFullYear())) }),
    ]);

    // a second update comes first
    await h.http.post(api('/updates')).set(auth(keys.commander)).send({ content: { en: { text: 'Second update: all accounts checked.' } } }).expect(201);
    await h.http.post(api('/updates/2/publish')).set(auth(keys.commander)).send({ version: 1 }).expect(200);
    const both = await page(0);
    expect(both.indexOf('Second update')).toBeGreaterThan(-1);
    expect(both.indexOf('Second update')).toBeLessThan(both.indexOf('We closed the'));
    // a customer whose language the update was not written in reads the incident's default locale
    expect(await page(2)).toContain('Second update: all accounts checked.');

    const audit = await h.prisma.auditEvent.findMany({ where: { incidentId, action: { in: ['update.drafted', 'update.published'] } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['update.drafted', 'update.published', 'update.drafted', 'update.published']);
  });

  it('keeps every version: an edit shows only once published, and the history says who wrote and published what', async () => {
    const edited = await h.http.put(api('/updates/1')).set(auth(keys.comms)).send({ content: { en: { text: 'We closed the hole and reset every password.' } } }).expect(200);
    expect(edited.body).toMatchObject({ state: 'published_with_draft', version: 2, publishedVersion: 1 });
    expect(await page(0)).toContain('reset passwords.');
    expect(await page(0)).not.toContain('reset every password');
    await h.http.post(api('/updates/1/publish')).set(auth(keys.comms)).send({ version: 1 }).expect(409); // not the newest
    await h.http.post(api('/updates/1/publish')).set(auth(keys.comms)).send({ version: 2 }).expect(200);
    const now = await page(0);
    expect(now).toContain('reset every password');
    expect(now).not.toContain('reset passwords.');
    expect(now).toMatch(/\(corrected <time datetime="[^"]+">[^<]+<\/time>\)/);
    const history = await h.http.get(api('/updates/1/versions')).set(auth(keys.viewer)).expect(200);
    expect(history.body.publishedVersion).toBe(2);
    expect(history.body.versions).toEqual([
      expect.objectContaining({ version: 1, author: `${prefix} comms`, publishedBy: `${prefix} comms`, content: expect.objectContaining({ fr: { text: 'Nous avons fermé la <b>brèche</b>.' } }) }),
      expect.objectContaining({ version: 2, author: `${prefix} comms`, publishedBy: `${prefix} comms`, content: { en: { text: 'We closed the hole and reset every password.' } } }),
    ]);
  });

  it('sends an update as a step once per customer, however often it is sent or its fan-out re-queued', async () => {
    const sends = await Promise.all([1, 2, 3].map(() => h.http.post(api('/updates/2/send')).set(auth(keys.commander)).send({})));
    expect(sends.map((s) => s.status)).toEqual([200, 200, 200]);
    expect(sends.filter((s) => s.body.created)).toHaveLength(1);
    expect(new Set(sends.map((s) => s.body.stepId)).size).toBe(1);
    const stepId = sends[0].body.stepId;
    expect(sends[0].body.step).toBe('update-2-v1');

    const updates = (email: string) => h.sink.to(email).filter((m) => [UPDATE_SUBJECT, UPDATE_SUBJECT_FR].includes(m.subject));
    await waitFor('3 update emails', async () => list.every((c) => updates(c.email).length >= 1));
    await waitFor('the update step completed', async () => (await h.prisma.incidentStep.findUniqueOrThrow({ where: { id: stepId } })).state === 'completed');
    // again, after it went out: the API and the fan-out itself (a re-queued job) add nothing
    const again = await h.http.post(api('/updates/2/send')).set(auth(keys.comms)).send({ channel: 'email' }).expect(200);
    expect(again.body).toMatchObject({ created: false, stepId });
    const rerun = await h.workers[0].get(FanoutStepUseCase).execute(stepId);
    expect(rerun.status).not.toBe('success');
    await h.reconciler().tick();

    const rows = await h.prisma.notification.findMany({ where: { stepId } });
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => ['sent', 'delivered'].includes(r.state))).toBe(true);
    for (const c of list) expect(updates(c.email)).toHaveLength(1);
    const mail = updates(list[0].email)[0];
    expect(mail.text).toContain('Second update: all accounts checked.');
    expect(mail.text).toContain(`http://tocsin.test${links.get(0)}`);
    expect(updates(list[2].email)[0].text).toContain('Second update: all accounts checked.'); // fr template, text in en
    expect(updates(list[2].email)[0].text).toContain('Nous nous étions engagés');
    // the reach report counts it as any other step
    const reach = await h.http.get(api('/reach')).set(auth(keys.viewer)).expect(200);
    expect(JSON.stringify(reach.body)).toContain('update-2-v1');
    // a draft or withdrawn update is not sent
    await h.http.post(api('/updates')).set(auth(keys.comms)).send({ content: { en: { text: 'Not yet.' } } }).expect(201);
    await h.http.post(api('/updates/3/send')).set(auth(keys.comms)).send({}).expect(409);
  });

  it('keeps a drafted answer off every surface until a commander publishes it, then shows it collapsible', async () => {
    const a = await h.http
      .post(api('/answers'))
      .set(auth(keys.comms))
      .send({ content: { en: { question: 'Was my <password> taken?', answer: 'No. Passwords are stored hashed.' }, fr: { question: 'Mon mot de passe a-t-il été volé ?', answer: 'Non.' } } })
      .expect(201);
    expect(a.body).toMatchObject({ kind: 'answer', number: 1, state: 'draft' });
    expect(await page(0)).not.toContain('Passwords are stored hashed');
    expect((await h.http.get(`/api/v1/customers/${list[0].externalId}/context`).set(auth(keys.agent)).expect(200)).body.script.answers).toEqual([]);

    const refused = await h.http.post(api('/answers/1/publish')).set(auth(keys.comms)).send({}).expect(403);
    expect(refused.body.error.code).toBe('forbidden');
    await h.http.post(api('/answers/1/publish')).set(auth(keys.agent)).send({}).expect(403);
    await h.http.post(api('/answers/1/publish')).set(auth(keys.commander)).send({}).expect(200);

    const en = await page(0);
    expect(en).toMatch(/<details lang="en">\s*<summary>Was my &lt;password&gt; taken\?<\/summary>\s*<p>No\. Passwords are stored hashed\.<\/p>/);
    expect(en).not.toMatch(/<script/i);
    expect(await page(2)).toContain('<summary>Mon mot de passe a-t-il été volé ?</summary>');
    const ctx = await h.http.get(`/api/v1/customers/${list[0].externalId}/context`).set(auth(keys.agent)).expect(200);
    expect(ctx.body.script.answers).toEqual([expect.objectContaining({ question: 'Was my <password> taken?', answer: 'No. Passwords are stored hashed.' })]);
  });

  it('applies the approval rule: the role it names and four eyes', async () => {
    await h.http.put(api('/publishing')).set(auth(keys.comms)).send({ approval: { role: 'commander', differentFromAuthor: true } }).expect(403);
    await h.http.put(api('/publishing')).set(auth(keys.commander)).send({ approval: { role: 'commander', differentFromAuthor: true } }).expect(200);
    await h.http.post(api('/updates')).set(auth(keys.commander)).send({ content: { en: { text: 'Four eyes.' } } }).expect(201);
    const own = await h.http.post(api('/updates/4/publish')).set(auth(keys.commander)).send({}).expect(403);
    expect(own.body.error.message).toMatch(/someone other than its author/);
    await h.http.post(api('/updates/4/publish')).set(auth(keys.comms)).send({}).expect(403);
    await h.http.post(api('/updates/4/publish')).set(auth(keys.commander2)).send({}).expect(200);
    await h.http.put(api('/publishing')).set(auth(keys.commander)).send({ approval: null }).expect(200);
  });

  it('previews where a version will appear and how, before it is published', async () => {
    await h.http.post(api('/updates')).set(auth(keys.comms)).send({ content: { en: { text: 'Preview <me> please.' } } }).expect(201);
    const p = await h.http.post(api('/updates/5/preview')).set(auth(keys.comms)).send({ locale: 'en', timezone: 'Europe/Paris' }).expect(200);
    const by = Object.fromEntries(p.body.surfaces.map((s: { surface: string }) => [s.surface, s]));
    expect(Object.keys(by)).toEqual(['notice_page', 'agent_view', 'status_page', 'next_message']);
    expect(by.notice_page.appears).toBe(true);
    expect(by.notice_page.html).toContain('<p>Preview &lt;me&gt; please.</p>');
    expect(by.notice_page.html.indexOf('Preview')).toBeLessThan(by.notice_page.html.indexOf('Second update')); // newest first
    expect(by.agent_view.updates[0]).toMatchObject({ number: 5, text: 'Preview <me> please.' });
    expect(by.status_page).toMatchObject({ appears: false, html: null });
    expect(by.next_message).toMatchObject({ appears: true, subject: UPDATE_SUBJECT });
    expect(by.next_message.text).toContain('Preview <me> please.');
    expect(by.next_message.html).toContain('Preview &lt;me&gt; please.');
    // a preview publishes nothing
    expect(await page(0)).not.toContain('Preview');
    const answer = await h.http.post(api('/answers/1/preview')).set(auth(keys.commander)).send({}).expect(200);
    expect(answer.body.surfaces.find((s: { surface: string }) => s.surface === 'next_message')).toMatchObject({ appears: false });
    await h.http.post(api('/updates/5/preview')).set(auth(keys.agent)).send({}).expect(403);
  });

  it('serves the status page only once turned on: no personal data, noindex unless the commander opts in, the notice page headers', async () => {
    const slug = `${prefix}-status`;
    await h.http.get(`/status/${slug}`).expect(404);
    const on = await h.http.put(api('/publishing')).set(auth(keys.commander)).send({ statusPage: { enabled: true, slug } }).expect(200);
    expect(on.body.statusPage).toEqual({ enabled: true, slug, indexable: false, url: `http://tocsin.test/status/${slug}` });
    const res = await h.http.get(`/status/${slug}`).expect(200);
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.text).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(res.text).toContain('<h1>Unauthorised access to customer records</h1>');
    expect(res.text).toContain('Second update: all accounts checked.');
    expect(res.text).toContain('<summary>Was my &lt;password&gt; taken?</summary>');
    expect(res.text).not.toContain('Preview'); // a draft
    expect(res.text).toMatch(/ UTC<\/time>/);
    for (const c of list) for (const personal of [c.name, c.email, c.externalId]) expect(res.text).not.toContain(personal);
    expect(res.text).not.toMatch(/\/n\/[A-Za-z0-9_-]{43}/);
    expect((await h.http.get(`/status/${slug}?lang=fr`).expect(200)).text).toContain('<h2 id="updates-title">Mises à jour</h2>');

    await h.http.put(api('/publishing')).set(auth(keys.commander)).send({ statusPage: { enabled: true, indexable: true } }).expect(200);
    const indexed = await h.http.get(`/status/${slug}`).expect(200);
    expect(indexed.headers['x-robots-tag']).toBeUndefined();
    expect(indexed.text).not.toContain('name="robots"');
    const preview = await h.http.post(api('/updates/5/preview')).set(auth(keys.comms)).send({}).expect(200);
    expect(preview.body.surfaces[2]).toMatchObject({ surface: 'status_page', appears: true, where: `http://tocsin.test/status/${slug}`, indexable: true });

    await h.http.put(api('/publishing')).set(auth(keys.commander)).send({ statusPage: { enabled: false } }).expect(200);
    await h.http.get(`/status/${slug}`).expect(404);
    await h.http.get('/status/NOT_A_SLUG').expect(404);
  });

  it('answers bad input, unknown posts and missing roles with coded 4xx errors', async () => {
    const empty = await h.http.post(api('/updates')).set(auth(keys.comms)).send({ content: {} }).expect(400);
    expect(empty.body.error.code).toBe('validation_failed');
    await h.http.post(api('/updates')).set(auth(keys.comms)).send({ content: { 'not a locale': { text: 'x' } } }).expect(400);
    await h.http.post(api('/updates')).set(auth(keys.comms)).send({ content: { en: { text: 'x'.repeat(4001) } } }).expect(400);
    await h.http.post(api('/answers')).set(auth(keys.comms)).send({ content: { en: { text: 'an update, not an answer' } } }).expect(400);
    await h.http.post(api('/updates')).set(auth(keys.agent)).send({ content: { en: { text: 'x' } } }).expect(403);
    await h.http.post(api('/updates')).set(auth(keys.viewer)).send({ content: { en: { text: 'x' } } }).expect(403);
    await h.http.get(api('/updates')).set(auth(keys.viewer)).expect(200);
    await h.http.get(api('/updates/999')).set(auth(keys.viewer)).expect(404);
    await h.http.get(api('/updates/not-a-ref')).set(auth(keys.viewer)).expect(404);
    await h.http.post(api('/updates/1/send')).set(auth(keys.comms)).send({ channel: 'pigeon' }).expect(400);
    await h.http.get('/api/v1/incidents/00000000-0000-4000-8000-000000000000/updates').set(auth(keys.viewer)).expect(404);
    await h.http.put(api('/publishing')).set(auth(keys.commander)).send({ statusPage: { enabled: true, slug: '../etc' } }).expect(400);
  });
  it('documents every route in OpenAPI with a summary, its schemas and its error answers', async () => {
    const doc = (await h.http.get('/docs/openapi.json').expect(200)).body;
    const ops = Object.entries(doc.paths as Record<string, Record<string, { operationId: string; summary?: string; responses: Record<string, unknown> }>>)
      .filter(([path]) => /\/(updates|answers|publishing)/.test(path))
      .flatMap(([, methods]) => Object.values(methods));
    expect(ops.length).toBe(19);
    for (const op of ops) {
      expect(op.summary).toBeTruthy();
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['404']));
    }
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
    expect(Object.keys(doc.paths['/api/v1/incidents/{id}/updates'].post.responses)).toEqual(expect.arrayContaining(['201', '400', '403', '404', '409']));
  });

  it('lets comms draft, check every surface and publish from the console; answers wait for a commander', async () => {
    const comms = await consoleLogin(h, 'comms');
    const list0 = await comms.agent.get(`/console/incidents/${incidentId}/posts`).expect(200);
    expect(list0.text).toContain('Update 2');
    const created = await comms.agent
      .post(`/console/incidents/${incidentId}/posts/updates`)
      .type('form')
      .send({ _csrf: csrfOf(list0.text), 'text.en': 'From the console: <i>done</i>.', new_locale: 'fr', 'text._new': 'Depuis la console.' })
      .expect(303);
    expect(created.headers.location).toMatch(new RegExp(`/console/incidents/${incidentId}/posts/updates/\\d+/preview$`));
    const check = await comms.agent.get(created.headers.location).expect(200);
    for (const id of ['preview-notice-page', 'preview-agent-view', 'preview-status-page', 'preview-next-message']) expect(check.text).toContain(`id="${id}"`);
    expect(check.text).toContain('<p>From the console: &lt;i&gt;done&lt;/i&gt;.</p>');
    expect(check.text).toContain('Subject: <strong>An update about the security incident</strong>');
    expect(await page(0)).not.toContain('From the console');
    const number = /posts\/updates\/(\d+)\/preview/.exec(created.headers.location)![1];
    await comms.agent.post(`/console/incidents/${incidentId}/posts/updates/${number}/publish`).type('form').send({ _csrf: csrfOf(check.text), version: '1' }).expect(303);
    expect(await page(0)).toContain('From the console: &lt;i&gt;done&lt;/i&gt;.');
    expect(await page(2)).toContain('Depuis la console.');
    const history = await comms.agent.get(`/console/incidents/${incidentId}/posts/updates/${number}`).expect(200);
    expect(history.text).toContain('Version 1 by comms person');

    const answerForm = await comms.agent.get(`/console/incidents/${incidentId}/posts`).expect(200);
    const a = await comms.agent
      .post(`/console/incidents/${incidentId}/posts/answers`)
      .type('form')
      .send({ _csrf: csrfOf(answerForm.text), 'question.en': 'Should I change my password?', 'answer.en': 'Yes, as a precaution.' })
      .expect(303);
    const blocked = await comms.agent.get(a.headers.location).expect(200);
    expect(blocked.text).toMatch(/Publishing an answer needs the role commander/);
    expect(blocked.text).not.toContain('>Publish version');
    const commander = await consoleLogin(h, 'commander');
    const ok = await commander.agent.get(a.headers.location).expect(200);
    const n = /posts\/answers\/(\d+)\/preview/.exec(a.headers.location)![1];
    await commander.agent.post(`/console/incidents/${incidentId}/posts/answers/${n}/publish`).type('form').send({ _csrf: csrfOf(ok.text), version: '1' }).expect(303);
    expect(await page(0)).toContain('<summary>Should I change my password?</summary>');

    // the agent lookup says the same
    const agent = await consoleLogin(h, 'agent');
    const lookup = await agent.agent.get(`/console/customers/${encodeURIComponent(list[0].externalId)}`).expect(200);
    expect(lookup.text).toContain('From the console: &lt;i&gt;done&lt;/i&gt;.');
    expect(lookup.text).toContain('<summary>Should I change my password?</summary>');
    await agent.agent.post(`/console/incidents/${incidentId}/posts/updates`).type('form').send({ _csrf: agent.csrf, 'text.en': 'no' }).expect(403);
  });
});
