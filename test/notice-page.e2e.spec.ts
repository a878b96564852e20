import { createHash, randomBytes } from 'node:crypto';
import { auth, Harness, waitFor } from './support/harness';
import { customers, declareBody, uniq } from './factories/scenario.factory';

const EMAIL = {
  subject: 'Security incident: {{incident.title}}',
  html: '<p>Dear {{customer.name}},</p><p>{{facts.whatHappened}}</p><p><a href="{{notice.url}}">Read and confirm</a></p>',
  text: 'Dear {{customer.name}},\n{{facts.whatHappened}}\nRead and confirm: {{notice.url}}',
  variables: ['incident.title', 'customer.name', 'facts.whatHappened', 'notice.url'],
};
const PAGE = {
  subject: 'Notice about {{incident.title}}',
  html: '<h1>{{incident.title}}</h1><p>Dear {{customer.name}},</p><p>{{facts.whatHappened}}</p><p>Call {{facts.hotline}}</p>',
  variables: ['incident.title', 'customer.name', 'facts.whatHappened', 'facts.hotline'],
};
const PAGE_FR = { ...PAGE, subject: 'Avis : {{incident.title}}', html: '<p>Bonjour {{customer.name}}</p><p>{{facts.whatHappened}}</p>' };

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const linkIn = (text: string) => /http:\/\/tocsin\.test(\/n\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
const csrfOf = (html: string, action: string) => new RegExp(`action="${action.replace(/[/]/g, '\\/')}">\\s*<input type="hidden" name="csrf" value="([^"]+)"`).exec(html)?.[1];

describe('The personal notice page', () => {
  let h: Harness;
  let prefix: string;
  let incidentId: string;
  const links = new Map<string, string>(); // email → path of the link in their email

  beforeAll(async () => {
    h = await Harness.start({ env: { NOTICE_TOKEN_SECRET: 'notice-page-test-secret-0123456789abcdef' } });
    prefix = uniq('np');
    const list = customers(prefix, 3).map((c, i) => ({ ...c, name: i === 0 ? 'Ada <script>alert(1)</script>' : c.name, locale: i === 2 ? 'fr-CA' : 'en' }));
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: list }).expect(200);
    const key = `${prefix}-notice`;
    await h.http.put(`/api/v1/templates/${key}/email/en`).set(auth()).send(EMAIL).expect(200);
    await h.http.put(`/api/v1/templates/${key}/page/en`).set(auth()).send(PAGE).expect(200);
    await h.http.put(`/api/v1/templates/${key}/page/fr`).set(auth()).send(PAGE_FR).expect(200);
    const runbook = `${prefix}-plan`;
    await h.http
      .put(`/api/v1/runbooks/${runbook}`)
      .set(auth())
      .send({ name: 'Plan', steps: [{ id: 'notify', audience: 'affected_customers', channel: 'email', template: key }] })
      .expect(200);
    await h.http.post(`/api/v1/runbooks/${runbook}/publish`).set(auth()).expect(201);
    const res = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, list.map((c) => c.externalId))).expect(201);
    incidentId = res.body.id;
    await waitFor('3 emails', async () => list.every((c) => h.sink.to(c.email).length === 1));
    for (const c of list) links.set(c.email, linkIn(h.sink.to(c.email)[0].text)!);
  });
  afterAll(() => h.stop());

  const link = (i: number) => links.get(`${prefix}-${i}@customers.test`)!;

  it('puts a distinct link in every email, stores only its sha256, scoped to the customer and incident', async () => {
    const paths = [0, 1, 2].map(link);
    expect(paths.every(Boolean)).toBe(true);
    expect(new Set(paths).size).toBe(3);
    const mail = h.sink.to(`${prefix}-0@customers.test`)[0];
    expect(mail.html).toContain(`href="http://tocsin.test${paths[0]}"`);
    const rows = await h.prisma.noticePage.findMany({ where: { incidentId } });
    expect(rows).toHaveLength(3);
    const token = paths[0].slice(3);
    const row = rows.find((r) => Buffer.from(r.tokenHash).equals(sha256(token)))!;
    expect(row).toBeDefined();
    const customer = await h.prisma.customer.findUniqueOrThrow({ where: { externalId: `${prefix}-0` } });
    expect(row.customerId).toBe(customer.id);
    expect(JSON.stringify(rows)).not.toContain(token);
    // expiry: NOTICE_TOKEN_TTL_DAYS (180 by default) after creation
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(180, 5);
  });

  it('renders the page template for that customer, escaped, with a strict CSP and no referrer, and records the first view', async () => {
    const before = await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth()).expect(200);
    expect(before.body).toMatchObject({ opened: 0, acknowledged: 0 });

    const res = await h.http.get(link(0)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/);
    expect(res.text).toContain('<link rel="icon" href="/favicon.ico" sizes="32x32">');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('<title>Notice about Unauthorised access to customer records</title>');
    expect(res.text).toContain('Dear Ada &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(res.text).toContain('An attacker copied &lt;names &amp; emails&gt;.');
    expect(res.text).not.toMatch(/<script|https?:\/\/(?!tocsin)/i); // no script, no external asset
    expect(res.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(res.text).toContain('<html lang="en">');
    // who is writing, at the top (the display name of MAIL_FROM when ORG_NAME is not set)
    expect(res.text).toMatch(/<body>\s*<a class="skip"[^>]*>[^<]*<\/a>\s*<header class="brand wrap"><p class="org">Acme Security<\/p><\/header>/);
    expect(res.text).toContain('I have read this notice');
    expect(res.text).not.toContain('name="csat"'); // feedback only once the incident is resolved

    const opened = await h.prisma.noticePage.findFirstOrThrow({ where: { incidentId, tokenHash: sha256(link(0).slice(3)) } });
    expect(opened.openedAt).not.toBeNull();
    await h.http.get(link(0)).expect(200);
    const again = await h.prisma.noticePage.findFirstOrThrow({ where: { incidentId, tokenHash: sha256(link(0).slice(3)) } });
    expect(again.openedAt).toEqual(opened.openedAt); // the first view only
    const reach = await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth()).expect(200);
    expect(reach.body).toMatchObject({ opened: 1, acknowledged: 0 });
  });

  it("uses the customer's locale with the same fallback as sending (fr-CA → fr)", async () => {
    const res = await h.http.get(link(2)).expect(200);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('Bonjour Customer 2 of');
    expect(res.text).toContain("J&#x27;ai lu cet avis");
  });

  it('answers the same 404 page for an unknown, a malformed, a tampered and an expired token', async () => {
    const unknown = await h.http.get(`/n/${randomBytes(32).toString('base64url')}`).expect(404);
    const malformed = await h.http.get('/n/not-a-token').expect(404);
    const t = link(1).slice(3);
    const tampered = await h.http.get(`/n/${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`).expect(404);
    await h.prisma.noticePage.updateMany({ where: { tokenHash: sha256(t) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await h.http.get(link(1)).expect(404);
    for (const r of [malformed, tampered, expired]) {
      expect(r.text).toBe(unknown.text);
      expect(r.headers['content-security-policy']).toBe(unknown.headers['content-security-policy']);
    }
    expect(unknown.text).toContain('Notice not found');
    expect(unknown.text).not.toContain(prefix);
    await h.http.post(`${link(1)}/ack`).type('form').send({ csrf: 'x' }).expect(404);
    const row = await h.prisma.noticePage.findFirstOrThrow({ where: { tokenHash: sha256(t) } });
    expect(row.openedAt).toBeNull();
    expect(row.acknowledgedAt).toBeNull();
    await h.prisma.noticePage.updateMany({ where: { tokenHash: sha256(t) }, data: { expiresAt: new Date(Date.now() + 86_400_000) } });
  });

  it('records an acknowledgement once, only from its own page form and not from another site', async () => {
    const page = await h.http.get(link(0)).expect(200);
    const csrf = csrfOf(page.text, `${link(0)}/ack`)!;
    expect(csrf).toBeDefined();
    await h.http.post(`${link(0)}/ack`).type('form').send({}).expect(403);
    await h.http.post(`${link(0)}/ack`).type('form').send({ csrf: csrfOf((await h.http.get(link(2))).text, `${link(2)}/ack`) }).expect(403); // another page's token
    await h.http.post(`${link(0)}/ack`).type('form').set('Origin', 'https://evil.example').send({ csrf }).expect(403);
    await h.http.post(`${link(0)}/ack`).type('form').set('Sec-Fetch-Site', 'cross-site').send({ csrf }).expect(403);
    expect((await h.prisma.noticePage.findFirstOrThrow({ where: { tokenHash: sha256(link(0).slice(3)) } })).acknowledgedAt).toBeNull();

    const first = await h.http.post(`${link(0)}/ack`).type('form').set('Origin', 'http://tocsin.test').send({ csrf }).expect(303);
    expect(first.headers.location).toBe(`${link(0)}#ack`);
    const at = (await h.prisma.noticePage.findFirstOrThrow({ where: { tokenHash: sha256(link(0).slice(3)) } })).acknowledgedAt;
    expect(at).not.toBeNull();
    await h.http.post(`${link(0)}/ack`).type('form').send({ csrf }).expect(303);
    const after = (await h.prisma.noticePage.findFirstOrThrow({ where: { tokenHash: sha256(link(0).slice(3)) } })).acknowledgedAt;
    expect(after).toEqual(at);
    const shown = await h.http.get(link(0)).expect(200);
    expect(shown.text).toContain('You confirmed reading this notice on');
    expect(shown.text).not.toContain(`action="${link(0)}/ack"`);
    const reach = await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth()).expect(200);
    expect(reach.body).toMatchObject({ acknowledged: 1 });
    expect(reach.body.opened).toBeGreaterThanOrEqual(2);
  });

  it('refuses an oversized form with a 413, not a 500', async () => {
    await h.http.post(`${link(0)}/ack`).type('form').send(`csrf=${'a'.repeat(20_000)}`).expect(413);
  });

  it('asks for feedback once the incident is resolved; the last answer wins; comments come back escaped', async () => {
    const page = await h.http.get(link(0)).expect(200);
    expect(csrfOf(page.text, `${link(0)}/feedback`)).toBeUndefined();
    // a form token cannot be had from the page yet, and the route refuses before resolution anyway
    await h.http.post(`${link(0)}/feedback`).type('form').send({ csat: '5', ces: '7' }).expect(403);

    await waitFor('monitoring', async () => (await h.http.get(`/api/v1/incidents/${incidentId}`).set(auth())).body.state === 'monitoring');
    await h.http.post(`/api/v1/incidents/${incidentId}/resolve`).set(auth()).send({}).expect(200);

    const open = await h.http.get(link(0)).expect(200);
    expect(open.text).toContain('name="csat"');
    const csrf = csrfOf(open.text, `${link(0)}/feedback`)!;
    await h.http.post(`${link(0)}/feedback`).type('form').send({ csrf, csat: '6', ces: '3' }).expect(400);
    await h.http.post(`${link(0)}/feedback`).type('form').send({ csrf, csat: '4' }).expect(400);
    await h.http.post(`${link(0)}/feedback`).type('form').send({ csrf, csat: '4', ces: '5', comment: 'x'.repeat(2001) }).expect(400);
    await h.http.post(`${link(0)}/feedback`).type('form').send({ csrf, csat: '2', ces: '2', comment: 'first' }).expect(303);
    const hostile = '</textarea><script>alert("x")</script> & thanks';
    await h.http.post(`${link(0)}/feedback`).type('form').send({ csrf, csat: '4', ces: '6', comment: hostile }).expect(303);
    const shown = await h.http.get(link(0)).expect(200);
    expect(shown.text).toContain('&lt;/textarea&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; thanks</textarea>');
    expect(shown.text).toMatch(/value="4" required checked/);
    expect(shown.text).toContain('Thank you for your feedback');

    const p2 = await h.http.get(link(2)).expect(200);
    await h.http.post(`${link(2)}/feedback`).type('form').send({ csrf: csrfOf(p2.text, `${link(2)}/feedback`), csat: '5', ces: '7' }).expect(303);

    const report = await h.http.get(`/api/v1/incidents/${incidentId}/feedback`).set(auth()).expect(200);
    expect(report.body).toMatchObject({
      incidentId,
      responses: 2,
      csat: { count: 2, average: 4.5, distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 1 } },
      ces: { count: 2, average: 6.5, distribution: { '6': 1, '7': 1 } },
      comments: [{ csat: 4, ces: 6, comment: hostile }],
      nextCursor: null,
    });
  });

  it('reports feedback to a viewer key, and answers 404 and 400 for an unknown or malformed incident id', async () => {
    const key = await h.http.post('/api/v1/api-keys').set(auth()).send({ name: 'viewer', role: 'viewer' }).expect(201);
    await h.http.get(`/api/v1/incidents/${incidentId}/feedback`).set(auth(key.body.secret)).expect(200);
    await h.http.get(`/api/v1/incidents/${incidentId}/feedback`).expect(401);
    const missing = await h.http.get('/api/v1/incidents/00000000-0000-4000-8000-000000000000/feedback').set(auth()).expect(404);
    expect(missing.body.error.code).toBe('not_found');
    await h.http.get('/api/v1/incidents/nope/feedback').set(auth()).expect(400);
    await h.http.get(`/api/v1/incidents/${incidentId}/feedback?cursor=bad`).set(auth()).expect(400);
  });
});
