import { auth, Harness } from './support/harness';
import { declareBody, NOTICE, seedRunbook, uniq } from './factories/scenario.factory';

describe('Bad input gets a clear 4xx and changes nothing', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await Harness.start({ workers: 0, env: { BODY_LIMIT: '200kb' } });
  });
  afterAll(() => h.stop());

  it('rejects malformed JSON with 400', async () => {
    const r = await h.http.post('/api/v1/customers/bulk').set(auth()).set('Content-Type', 'application/json').send('{"customers": [').expect(400);
    expect(r.body.error.code).toBe('malformed_body');
    expect(r.body.error.message).toMatch(/not valid JSON/);
  });

  it('rejects unknown fields and bad values with 400 and the path of each problem', async () => {
    const r = await h.http
      .put('/api/v1/customers/c-1')
      .set(auth())
      .send({ email: 'not-an-email', locale: 'xx_YY!', timezone: 'Mars/Olympus', isAdmin: true })
      .expect(400);
    expect(r.body.error.code).toBe('validation_failed');
    const paths = r.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'locale', 'timezone', '']));
    expect(JSON.stringify(r.body.error.details)).toContain('isAdmin');
    expect(await h.prisma.customer.count({ where: { externalId: 'c-1' } })).toBe(0);
  });

  it('refuses a name with CR/LF so nothing can reach a mail header', async () => {
    await h.http.put('/api/v1/customers/c-2').set(auth()).send({ email: 'c2@x.test', name: 'Eve\r\nBcc: all@victims.test' }).expect(400);
  });

  it('rejects duplicate externalIds in one bulk request and writes none of it', async () => {
    const id = uniq('dup');
    const r = await h.http
      .post('/api/v1/customers/bulk')
      .set(auth())
      .send({ customers: [{ externalId: id, email: 'a@x.test' }, { externalId: id, email: 'b@x.test' }] })
      .expect(400);
    expect(r.body.error.details[0]).toMatchObject({ path: 'customers.1.externalId', message: 'duplicate of customers[0]' });
    expect(await h.prisma.customer.count({ where: { externalId: id } })).toBe(0);
  });

  it('answers 413 for a body over the limit', async () => {
    const big = { customers: Array.from({ length: 3000 }, (_, i) => ({ externalId: `big-${i}`, email: `big-${i}@x.test`, name: 'x'.repeat(50) })) };
    const r = await h.http.post('/api/v1/customers/bulk').set(auth()).send(big).expect(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('answers 422 with line and column for each template problem, and stores no version', async () => {
    const r = await h.http
      .put('/api/v1/templates/broken/email/en')
      .set(auth())
      .send({ subject: 'Hello {{customer.name}', html: '<p>{{{facts.raw}}}</p>\n{{> evil}}', text: 'Hi {{lookup customer "name"}}\n{{custmer.name}}' })
      .expect(422);
    expect(r.body.error.code).toBe('template_invalid');
    expect(r.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'subject', line: 1, message: expect.stringContaining('parse error') }),
        expect.objectContaining({ field: 'html', line: 1, column: 4, message: expect.stringContaining('triple-stash') }),
        expect.objectContaining({ field: 'html', line: 2, column: 1, message: "unknown partial 'evil' (allowed: layout, footer)" }),
        expect.objectContaining({ field: 'html', line: 1, column: 7, message: "'facts.raw' is used but not declared in variables" }),
        expect.objectContaining({ field: 'text', line: 1, message: expect.stringContaining("unknown helper 'lookup'") }),
        expect.objectContaining({ field: 'text', line: 2, column: 3, message: expect.stringContaining('custmer.name') }),
      ]),
    );
    expect(await h.prisma.template.count({ where: { key: 'broken' } })).toBe(0);
  });

  it('refuses prototype access in templates', async () => {
    const r = await h.http
      .put('/api/v1/templates/proto/email/en')
      .set(auth())
      .send({ ...NOTICE, text: '{{customer.constructor.name}} {{facts.__proto__}}' })
      .expect(422);
    expect(r.body.error.details).toHaveLength(2);
  });

  it('answers 422 listing every problem when a runbook is published with missing templates', async () => {
    const key = uniq('rb');
    await h.http
      .put(`/api/v1/runbooks/${key}`)
      .set(auth())
      .send({
        name: 'Broken plan',
        steps: [
          { id: 'a', audience: 'affected_customers', channel: 'email', template: 'does-not-exist' },
          { id: 'a', audience: 'affected_customers', channel: 'email', template: 'nor-this' },
        ],
      })
      .expect(200);
    const r = await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(422);
    expect(r.body.error.code).toBe('runbook_invalid');
    expect(r.body.error.details).toHaveLength(3);
    expect(r.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ step: 'a', message: "duplicate step id 'a'" })]));
  });

  it('accepts a draft naming an unknown or unsendable channel, and publish answers 422 naming each', async () => {
    const key = uniq('rb');
    await h.http
      .put(`/api/v1/runbooks/${key}`)
      .set(auth())
      .send({ name: 'x', steps: [
        { id: 'a', audience: 'affected_customers', channel: 'carrier-pigeon', template: 't' },
        { id: 'b', audience: 'affected_customers', channel: 'page', template: 't' },
        { id: 'c', audience: 'affected_customers', channel: 'webhook', template: 't' },
      ] })
      .expect(200);
    const r = await h.http.post(`/api/v1/runbooks/${key}/publish`).set(auth()).expect(422);
    expect(r.body.error.details).toEqual(
      expect.arrayContaining([
        { step: 'a', field: 'channel', message: "unknown channel 'carrier-pigeon'" },
        { step: 'b', field: 'channel', message: "channel 'page' cannot be sent by runbook steps yet (email, sms and webhook only)" },
        { step: 'c', field: 'channel', message: expect.stringContaining('the webhook channel sends to endpoints named in recipients') },
      ]),
    );
  });

  it('answers 422 naming unknown customers, and declares nothing', async () => {
    const prefix = uniq('unk');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 2);
    const before = await h.prisma.incident.count();
    const r = await h.http
      .post('/api/v1/incidents')
      .set(auth())
      .send(declareBody(runbook, [...externalIds, `${prefix}-ghost`]))
      .expect(422);
    expect(r.body.error).toMatchObject({ code: 'unknown_customers', details: { unknownCount: 1, unknown: [`${prefix}-ghost`] } });
    expect(await h.prisma.incident.count()).toBe(before);
  });

  it('answers 422 for a runbook that was never published and 400 for a future awareAt', async () => {
    await h.http.post('/api/v1/incidents').set(auth()).send(declareBody('no-such-plan', ['x'])).expect(422);
    const prefix = uniq('fut');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 1);
    const future = new Date(Date.now() + 86400_000).toISOString();
    const r = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds, { awareAt: future })).expect(400);
    expect(r.body.error.message).toContain('awareAt');
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    await h.http.get('/api/v1/incidents/not-a-uuid/reach').set(auth()).expect(400);
    const r = await h.http.get('/api/v1/incidents/00000000-0000-4000-8000-000000000000/reach').set(auth()).expect(404);
    expect(r.body.error.code).toBe('not_found');
  });
});
