import { Clock } from '../src/common/time/clock';
import { auth, Harness, waitFor } from './support/harness';
import { customers, declareBody, uniq } from './factories/scenario.factory';
import { consoleLogin } from './support/console-session';

const OFFER_EMAIL = {
  subject: 'Our apology, {{customer.name}}',
  html: '<p>Your code: <strong>{{offer.code}}</strong>, valid until {{offer.expiresAt}}. Redeem at <a href="{{url offer.url}}">{{offer.title}}</a>.</p>',
  text: 'Your code: {{offer.code}} (valid until {{offer.expiresAt}}). Redeem at {{offer.url}}',
  variables: ['customer.name', 'offer.code', 'offer.expiresAt', 'offer.url', 'offer.title'],
};
const OFFER_PAGE = { subject: 'Our apology', html: '<h1>Sorry</h1><p id="page-code">Code {{offer.code}}</p>', variables: ['offer.code'] };

const linkIn = (text: string) => /http:\/\/tocsin\.test(\/n\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
const codeIn = (text: string) => /Your code: (\S+)/.exec(text)?.[1];
const csrfOf = (html: string, action: string) => new RegExp(`action="${action.replace(/[/]/g, '\\/')}">\\s*<input type="hidden" name="csrf" value="([^"]+)"`).exec(html)?.[1];

jest.setTimeout(300_000);

describe('Remedy offers', () => {
  let h: Harness;

  beforeAll(async () => {
    // two workers in this process: batches of one step are taken by both at once
    h = await Harness.start({ workers: 2, env: { SEND_BATCH_SIZE: '10', NOTICE_TOKEN_SECRET: 'offers-test-notice-secret-0123456789abcdef', OFFER_CODE_KEY: 'offers-test-code-key-0123456789abcdefghij' } });
  });
  afterAll(() => h.stop());
  afterEach(() => Clock.reset());

  async function setup(prefix: string, n: number, codes: string[], step: object = {}) {
    if (n) await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: customers(prefix, n) }).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-apology/email/en`).set(auth()).send(OFFER_EMAIL).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-apology/page/en`).set(auth()).send(OFFER_PAGE).expect(200);
    const offer = `${prefix}-credit`;
    const put = await h.http
      .put(`/api/v1/offers/${offer}`)
      .set(auth())
      .send({ title: 'Two years of credit monitoring', terms: 'Free for 24 months.', url: 'https://monitor.example/activate', expiresAt: '2030-06-30T00:00:00Z', lowWatermark: 5 })
      .expect(200);
    expect(put.body).toMatchObject({ key: offer, kind: 'pool', pool: { total: 0, free: 0 } });
    if (codes.length) await h.http.post(`/api/v1/offers/${offer}/codes`).set(auth()).set('Content-Type', 'text/plain').send(codes.join('\n')).expect(200);
    const runbook = `${prefix}-plan`;
    await h.http
      .put(`/api/v1/runbooks/${runbook}`)
      .set(auth())
      .send({ name: prefix, steps: [{ id: 'apology', audience: 'affected_customers', channel: 'email', template: `${prefix}-apology`, offer, ...step }] })
      .expect(200);
    await h.http.post(`/api/v1/runbooks/${runbook}/publish`).set(auth()).expect(201);
    return { offer, runbook, ids: customers(prefix, n).map((c) => c.externalId) };
  }

  it('uploads a pool (CSV or lines), skips duplicates and bad rows without echoing them, and warns when it runs low', async () => {
    const prefix = uniq('pool');
    const { offer } = await setup(prefix, 1, []);
    const csv = await h.http.post(`/api/v1/offers/${offer}/codes`).set(auth()).set('Content-Type', 'text/csv').send('code\nA-1\nA-2\nA-1\nnot a code\n').expect(200);
    expect(csv.body).toMatchObject({ rowsRead: 4, added: 2, duplicates: 1, rejected: 1, errors: [{ row: 4, message: expect.stringContaining('not a code') }], pool: { total: 2, free: 2, low: true } });
    expect(JSON.stringify(csv.body)).not.toContain('not a code\n');
    await h.http.post(`/api/v1/offers/${offer}/codes`).set(auth()).set('Content-Type', 'application/json').send({ code: 'x' }).expect(415);
    const got = await h.http.get(`/api/v1/offers/${offer}`).set(auth()).expect(200);
    expect(got.body.warning).toContain('running low: 2 free code(s)');
    // stored encrypted: no code in clear in the table
    const { id } = await h.prisma.offer.findUniqueOrThrow({ where: { key: offer } });
    const rows = await h.prisma.offerCode.findMany({ where: { offerId: id } });
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(Buffer.from(r.codeEnc).includes(Buffer.from('A-'))).toBe(false);
    const audit = await h.http.get('/api/v1/audit?action=offer.codes_uploaded').set(auth()).expect(200);
    expect(JSON.stringify(audit.body)).toContain(offer);
    expect(JSON.stringify(audit.body)).not.toContain('A-2');

    // the console: the pool, its low warning, and codes pasted one per line
    const comms = await consoleLogin(h, 'comms');
    const page = await comms.agent.get('/console/offers').expect(200);
    expect(page.text).toMatch(new RegExp(`id="warning-${offer}"[^>]*>The pool is running low: 2 free`));
    await comms.agent.post(`/console/offers/${offer}/codes`).type('form').send({ _csrf: comms.csrf, codes: 'C-1\nC-2\nA-1\n' }).expect(303);
    const after = await comms.agent.get('/console/offers').expect(200);
    expect(after.text).toContain('2 code(s) added');
    expect(after.text).toMatch(new RegExp(`id="pool-${offer}">Pool: <strong>4</strong> free of 4`));
    await (await consoleLogin(h, 'agent')).agent.get('/console/offers').expect(403);
  });

  it('refuses a declare whose pool is too small, with the numbers, and declares nothing', async () => {
    const prefix = uniq('short');
    const { runbook, ids } = await setup(prefix, 5, ['S-1', 'S-2', 'S-3']);
    const before = await h.prisma.incident.count();
    const r = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, ids)).expect(422);
    expect(r.body.error).toMatchObject({ code: 'offer_pool_exhausted', details: [{ offer: `${prefix}-credit`, needed: 5, available: 3 }] });
    expect(r.body.error.message).toContain('3 free code(s) for 5 customer(s)');
    expect(await h.prisma.incident.count()).toBe(before);
    // the same through the console's declare wizard: the form comes back with the numbers
    const commander = await consoleLogin(h, 'commander');
    const form = await commander.agent
      .post(`/console/incidents/new/${runbook}`)
      .type('form')
      .send({ _csrf: commander.csrf, action: 'declare', idempotencyKey: uniq('k'), title: 'T', type: 'data_breach', severity: 'high', awareAt: new Date(Date.now() - 3600_000).toISOString().slice(0, 16), affectedMode: 'list', externalIds: ids.join('\n') })
      .expect(422);
    expect(form.text).toContain(`offer ${prefix}-credit: 3 free code(s) for 5 customer(s)`);
    expect(await h.prisma.incident.count()).toBe(before);
    // an unknown offer named at declare is a 400, not a 500
    const unknown = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, ids, { offer: 'no-such-offer' })).expect(400);
    expect(unknown.body.error.message).toContain('no-such-offer');
  });

  it('gives each customer exactly one code, the same in the email, the reminder and on the notice page; claims are counted', async () => {
    const prefix = uniq('once');
    const n = 40;
    const codes = Array.from({ length: n + 5 }, (_, i) => `CM-${prefix}-${String(i).padStart(3, '0')}`);
    const { offer, runbook, ids } = await setup(prefix, n, codes, { reminder: { afterMinutes: 60, when: 'not_acknowledged' } });
    const declared = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, ids)).expect(201);
    const incidentId = declared.body.id;
    const mails = (i: number) => h.sink.to(`${prefix}-${i}@customers.test`);
    await waitFor('every customer emailed', async () => ids.every((_, i) => mails(i).length === 1), 120_000).catch(async (e) => {
      console.log(JSON.stringify(await h.prisma.notification.groupBy({ by: ['state', 'lastError'], where: { incidentId }, _count: true })));
      throw e;
    });

    const given = ids.map((_, i) => codeIn(mails(i)[0].text)!);
    expect(given.every((c) => codes.includes(c))).toBe(true);
    expect(new Set(given).size).toBe(n); // no code given twice
    const assignments = await h.prisma.offerAssignment.findMany({ where: { incidentId } });
    expect(assignments).toHaveLength(n); // no customer has two (and the keys make it impossible)
    expect(new Set(assignments.map((a) => a.codeId!.toString())).size).toBe(n);
    expect(mails(0)[0].html).toContain(`<strong>${given[0]}</strong>`);

    // the reminder (not acknowledged after 60 min) carries the same code
    Clock.travel(61 * 60_000);
    await h.reconciler().tick();
    await waitFor('reminders', async () => ids.every((_, i) => mails(i).length === 2), 120_000);
    for (let i = 0; i < n; i++) expect(codeIn(mails(i)[1].text)).toBe(given[i]);
    Clock.reset();

    // the notice page shows it (the page template and the offer panel) with a Claim button
    const link = linkIn(mails(0)[0].text)!;
    const page = await h.http.get(link).expect(200);
    expect(page.text).toContain(`Code ${given[0]}`);
    expect(page.text).toContain(`id="offer-code-${offer}">${given[0]}<`);
    expect(page.text).toContain('Two years of credit monitoring');
    const csrf = csrfOf(page.text, `${link}/claim`)!;
    expect(csrf).toBeDefined();
    await h.http.post(`${link}/claim`).type('form').send({ offer }).expect(403); // no token
    await h.http.post(`${link}/claim`).type('form').set('Origin', 'https://evil.example').send({ csrf, offer }).expect(403);
    await h.http.post(`${link}/claim`).type('form').set('Sec-Fetch-Site', 'cross-site').send({ csrf, offer }).expect(403);
    await h.http.post(`${link}/claim`).type('form').send({ csrf, offer: 'someone-elses-offer' }).expect(400);
    const claimed = await h.http.post(`${link}/claim`).type('form').set('Origin', 'http://tocsin.test').send({ csrf, offer }).expect(303);
    expect(claimed.headers.location).toBe(`${link}#offer-${offer}`);
    expect((await h.http.get(link).expect(200)).text).toContain('You claimed this offer on');

    const reach = await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth()).expect(200);
    expect(reach.body.claimed).toBe(1);
    const ctx = await h.http.get(`/api/v1/customers/${ids[0]}/context`).set(auth()).expect(200);
    expect(ctx.body.offers).toEqual([expect.objectContaining({ offer, claimed: true, codeEnding: given[0].slice(-4) })]);
    expect(JSON.stringify(ctx.body)).not.toContain(given[0]);
    expect(ctx.body.script.say.join(' ')).toContain('Two years of credit monitoring');

    // the pool now runs low: 5 left, warning below 5? no; 45 - 40 = 5 free, low only below 5
    const status = await h.http.get(`/api/v1/offers/${offer}`).set(auth()).expect(200);
    expect(status.body.pool).toMatchObject({ total: n + 5, assigned: n, free: 5, low: false });

    // late additions beyond the pool are refused with the numbers; within it they get a code
    const extra = customers(`${prefix}x`, 7);
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: extra }).expect(200);
    const refused = await h.http.post(`/api/v1/incidents/${incidentId}/affected`).set(auth()).send({ externalIds: extra.map((c) => c.externalId) }).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'offer_pool_exhausted', details: [{ offer, needed: 7, available: 5 }] });
    expect(await h.prisma.affectedCustomer.count({ where: { incidentId } })).toBe(n);
    const file = await h.http.post(`/api/v1/incidents/${incidentId}/affected/upload`).set(auth()).set('Content-Type', 'text/plain').send(extra.map((c) => c.externalId).join('\n')).expect(422);
    expect(file.body.error.details[0]).toMatchObject({ offer, needed: 7, available: 5 });
    await h.http.post(`/api/v1/incidents/${incidentId}/affected`).set(auth()).send({ externalIds: extra.slice(0, 5).map((c) => c.externalId) }).expect(200);
    await waitFor('late additions emailed', async () => extra.slice(0, 5).every((c) => h.sink.to(c.email).length === 1), 120_000);
    const late = extra.slice(0, 5).map((c) => codeIn(h.sink.to(c.email)[0].text)!);
    expect(new Set([...given, ...late]).size).toBe(n + 5);
    const low = await h.http.get(`/api/v1/offers/${offer}`).set(auth()).expect(200);
    expect(low.body).toMatchObject({ pool: { free: 0, low: true }, warning: expect.stringContaining('running low') });
  });

  it('exports the assignments as formula-safe CSV, audited', async () => {
    const prefix = uniq('csv');
    const { offer, runbook } = await setup(prefix, 0, ['=HYPERLINK("http://evil")', '+SUM(1)']);
    const hostile = [
      { externalId: `+${prefix}-a`, email: `${prefix}-a@customers.test`, name: 'A' },
      { externalId: `@${prefix}-b`, email: `${prefix}-b@customers.test`, name: 'B' },
    ];
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: hostile }).expect(200);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, hostile.map((c) => c.externalId))).expect(201);
    await waitFor('both emailed', async () => hostile.every((c) => h.sink.to(c.email).length === 1), 120_000);
    await h.http.get(`/api/v1/offers/${offer}/assignments.csv`).set(auth(await agentKey())).expect(403);
    const csv = await h.http.get(`/api/v1/offers/${offer}/assignments.csv`).set(auth()).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('externalId,email,incidentId,code,assignedAt,claimedAt');
    expect(lines).toHaveLength(3);
    for (const line of lines.slice(1)) {
      expect(line).toContain(body.id);
      expect(line).toMatch(/^'[+@]/); // the externalId cell cannot run as a formula
      expect(line).toMatch(/,"?'[=+]/); // nor the code
    }
    const audit = await h.http.get('/api/v1/audit?action=offer.assignments_exported').set(auth()).expect(200);
    expect(JSON.stringify(audit.body)).toContain(offer);
  });

  async function agentKey(): Promise<string> {
    return (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: uniq('agent'), role: 'agent' }).expect(201)).body.secret;
  }
});
