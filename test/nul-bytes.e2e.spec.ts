import { uniq } from './factories/scenario.factory';
import { consoleLogin } from './support/console-session';
import { auth, Harness } from './support/harness';

const NUL = '\u0000';

describe('A NUL byte in any string input', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
  });
  afterAll(() => h.stop());

  const expect400 = (r: { status: number; body: { error?: { code?: string } } }) => {
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('validation_failed');
  };

  it.each([
    ['a name', { name: `Eve${NUL}` }],
    ['an attribute', { email: 'e@x.test', attributes: { plan: `pro${NUL}` } }],
    ['an attribute name', { email: 'e@x.test', attributes: { [`pl${NUL}an`]: 'pro' } }],
    ['a tag', { email: 'e@x.test', tags: [`vip${NUL}`] }],
  ])('is a 400 in %s of a customer, not a 500 from PostgreSQL', async (_what, body) => {
    expect400(await h.http.put(`/api/v1/customers/${uniq('nul')}`).set(auth()).send(body));
  });

  it('is a 400 in a filter, a title, facts, a template and a path parameter', async () => {
    expect400(await h.http.get('/api/v1/customers').query({ filter: JSON.stringify({ field: 'tags', eq: `v${NUL}` }) }).set(auth()));
    expect400(
      await h.http
        .post('/api/v1/incidents')
        .set(auth())
        .send({ runbook: 'x', title: `Breach${NUL}`, severity: 'high', awareAt: new Date().toISOString(), facts: { whatHappened: `x${NUL}` }, affected: { externalIds: ['a'] } }),
    );
    expect400(await h.http.put(`/api/v1/templates/${uniq('t')}/email/en`).set(auth()).send({ subject: `S${NUL}`, html: '<p>x</p>', text: 'x', variables: [] }));
    expect400(await h.http.get(`/api/v1/customers/abc%00def`).set(auth()));
  });

  it('is refused in a console form too', async () => {
    const admin = await consoleLogin(h, 'admin');
    const r = await admin.agent.post('/console/users').type('form').send({ _csrf: admin.csrf, email: `x${NUL}@y.test`, name: 'X', role: 'viewer' });
    expect(r.status).toBe(400);
  });
});
