import request from 'supertest';
import { consoleLogin } from './support/console-session';
import { Harness } from './support/harness';
import { TestIdp } from './support/oidc-idp';

describe('Console single sign-on (OpenID Connect, against a real provider)', () => {
  let h: Harness;
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await TestIdp.start('http://tocsin.test/console/sso/callback');
    h = await Harness.start({
      workers: 0,
      env: {
        OIDC_ISSUER_URL: idp.issuer,
        OIDC_CLIENT_ID: 'tocsin',
        OIDC_CLIENT_SECRET: 'tocsin-test-client-secret',
        OIDC_ROLE_MAP: 'sec-admins=admin,ir-leads=commander,all-staff=viewer',
      },
    });
  });
  afterAll(async () => {
    await h?.stop();
    idp?.stop();
    for (const k of ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ROLE_MAP']) delete process.env[k];
  });

  /** Browser: /console/sso → the IdP's pages → back to the callback; returns the agent and the callback's answer. */
  async function ssoSignIn(login: string) {
    const agent = request.agent(h.api.getHttpServer());
    const start = await agent.get('/console/sso?next=/console/incidents').expect(303);
    expect(start.headers.location).toMatch(new RegExp(`^${idp.issuer}/auth\\?`));
    expect(start.headers.location).toContain('code_challenge_method=S256');
    const back = new URL(await idp.signIn(start.headers.location, login));
    const callback = await agent.get(`${back.pathname}${back.search}`);
    return { agent, callback };
  }

  it('offers single sign-on on the login page', async () => {
    const page = await request(h.api.getHttpServer()).get('/console/login').expect(200);
    expect(page.text).toContain('href="/console/sso?next=/console"');
  });

  it('signs a person in with the role their groups give, creating the account', async () => {
    const { agent, callback } = await ssoSignIn('alice');
    expect(callback.status).toBe(200);
    expect(callback.headers.refresh).toBe('0; url=/console/incidents');
    const user = await h.prisma.user.findUniqueOrThrow({ where: { email: 'alice@idp.test' } });
    expect(user).toMatchObject({ role: 'commander', name: 'SSO alice' });
    await agent.get('/console/incidents').expect(200);
    await agent.get('/console/users').expect(403); // a commander, not an admin
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.signed_in', entityId: user.id } });
    expect(audit.data).toEqual({ method: 'oidc' });
  });

  it('follows the groups at every sign-in', async () => {
    await ssoSignIn('bob');
    expect((await h.prisma.user.findUniqueOrThrow({ where: { email: 'bob@idp.test' } })).role).toBe('viewer');
    await h.prisma.user.update({ where: { email: 'bob@idp.test' }, data: { role: 'admin' } }); // changed by hand
    await ssoSignIn('bob');
    expect((await h.prisma.user.findUniqueOrThrow({ where: { email: 'bob@idp.test' } })).role).toBe('viewer');
    expect(await h.prisma.auditEvent.count({ where: { action: 'user.role_changed', data: { path: ['after'], equals: 'viewer' } } })).toBeGreaterThanOrEqual(1);
  });

  it('refuses a person none of whose groups is mapped, and a callback that did not start here', async () => {
    const { agent, callback } = await ssoSignIn('nogroups');
    expect(callback.status).toBe(403);
    expect(await h.prisma.user.findUnique({ where: { email: 'nogroups@idp.test' } })).toBeNull();
    await agent.get('/console/incidents').expect(303); // no session: to the login page
    const forged = await request(h.api.getHttpServer()).get('/console/sso/callback?code=abc&state=xyz');
    expect(forged.status).toBe(303); // no sign-in started here: back to the login page, no session
    expect(forged.headers.location).toMatch(/^\/console\/login/);
    expect(forged.headers['set-cookie']?.toString() ?? '').not.toContain('tocsin_session=');
    expect(await h.prisma.auditEvent.count({ where: { action: 'user.sign_in_failed', data: { path: ['reason'], equals: 'no_mapped_group' } } })).toBe(1);
  });

  it('keeps local passwords for a break-glass admin', async () => {
    const admin = await consoleLogin(h, 'admin');
    await admin.agent.get('/console/users').expect(200);
  });
});
