import request from 'supertest';
import { runCli } from '../src/cli/cli';
import { Readable } from 'node:stream';
import { csrfOf, consoleLogin } from './support/console-session';
import { auth, Harness, waitFor } from './support/harness';

const setCookies = (res: request.Response): string[] => ([] as string[]).concat(res.headers['set-cookie'] ?? []);

describe('Console users and sessions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
  });
  afterAll(() => h.stop());

  async function loginForm(agent = request.agent(h.api.getHttpServer())) {
    const page = await agent.get('/console/login').expect(200);
    return { agent, csrf: csrfOf(page.text) };
  }

  it('creates users through the admin API only, with a generated password shown once and a scrypt hash stored', async () => {
    const r = await h.http.post('/api/v1/users').set(auth()).send({ email: 'Ada@Example.test', name: 'Ada', role: 'commander' }).expect(201);
    expect(r.body.user).toMatchObject({ email: 'ada@example.test', role: 'commander', disabled: false });
    expect(r.body.password).toMatch(/^[\w-]{20}$/);
    const row = await h.prisma.user.findUniqueOrThrow({ where: { email: 'ada@example.test' } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain(r.body.password);
    await h.http.post('/api/v1/users').set(auth()).send({ email: 'ada@example.test', name: 'Ada 2', role: 'viewer' }).expect(409);
    await h.http.post('/api/v1/users').set(auth()).send({ email: 'not-an-email', name: 'x', role: 'viewer' }).expect(400);
    await h.http.post('/api/v1/users').set(auth()).send({ email: 'm@example.test', name: 'x', role: 'marketing' }).expect(400);
    const viewerKey = (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: 'v', role: 'viewer' }).expect(201)).body.secret;
    await h.http.post('/api/v1/users').set(auth(viewerKey)).send({ email: 'v@example.test', name: 'x', role: 'viewer' }).expect(403);
  });

  it('signs in with a session cookie that is HttpOnly, SameSite=Strict, scoped to /console, and redirects to a relative next', async () => {
    await h.http.post('/api/v1/users').set(auth()).send({ email: 'cookie@example.test', name: 'C', role: 'viewer', password: 'cookie-password-1' }).expect(201);
    const { agent, csrf } = await loginForm();
    const res = await agent
      .post('/console/login')
      .type('form')
      .send({ email: 'COOKIE@example.test', password: 'cookie-password-1', _csrf: csrf, next: '/console/users?x=1' })
      .expect(303);
    expect(res.headers.location).toBe('/console/users?x=1');
    const session = setCookies(res).find((c) => c.startsWith('tocsin_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Path=\/console/);
    expect(session).not.toMatch(/Secure/); // PUBLIC_URL is http in tests
    const token = /tocsin_session=([^;]+)/.exec(session)![1];
    expect(JSON.stringify(await h.prisma.consoleSession.findMany())).not.toContain(token);
    const home = await agent.get('/console').expect(200);
    expect(home.text).toContain('C <span class="role-badge">viewer</span>');
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('marks the cookie Secure when the request came over https (behind a proxy that says so)', async () => {
    const server = h.api.getHttpServer();
    const express = h.api.getHttpAdapter().getInstance() as { set: (k: string, v: unknown) => void };
    express.set('trust proxy', 'loopback');
    try {
      await h.http.post('/api/v1/users').set(auth()).send({ email: 'tls@example.test', name: 'T', role: 'viewer', password: 'tls-password-123' }).expect(201);
      const page = await request(server).get('/console/login').set('X-Forwarded-Proto', 'https').expect(200);
      const loginCookie = setCookies(page).find((c) => c.startsWith('tocsin_login_csrf='))!;
      expect(loginCookie).toMatch(/; Secure/);
      const res = await request(server)
        .post('/console/login')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', loginCookie.split(';')[0])
        .type('form')
        .send({ email: 'tls@example.test', password: 'tls-password-123', _csrf: csrfOf(page.text) })
        .expect(303);
      expect(setCookies(res).find((c) => c.startsWith('tocsin_session='))).toMatch(/; Secure/);
    } finally {
      express.set('trust proxy', false);
    }
  });

  it('answers a wrong password and an unknown email with the same generic message', async () => {
    await h.http.post('/api/v1/users').set(auth()).send({ email: 'generic@example.test', name: 'G', role: 'viewer', password: 'generic-password-1' }).expect(201);
    const a = await loginForm();
    const wrong = await a.agent.post('/console/login').type('form').send({ email: 'generic@example.test', password: 'nope', _csrf: a.csrf }).expect(401);
    const b = await loginForm();
    const unknown = await b.agent.post('/console/login').type('form').send({ email: 'nobody@example.test', password: 'nope', _csrf: b.csrf }).expect(401);
    expect(wrong.text).toContain('Email or password is wrong.');
    expect(unknown.text).toContain('Email or password is wrong.');
    expect(setCookies(wrong).some((c) => c.startsWith('tocsin_session='))).toBe(false);
  });

  it('locks an account after 5 failures, even for the right password, and says when to retry', async () => {
    await h.http.post('/api/v1/users').set(auth()).send({ email: 'locked@example.test', name: 'L', role: 'viewer', password: 'locked-password-1' }).expect(201);
    const { agent, csrf } = await loginForm();
    for (let i = 0; i < 5; i++) {
      await agent.post('/console/login').type('form').send({ email: 'locked@example.test', password: `wrong-${i}`, _csrf: csrf }).expect(401);
    }
    const locked = await agent.post('/console/login').type('form').send({ email: 'locked@example.test', password: 'locked-password-1', _csrf: csrf }).expect(429);
    expect(locked.text).toMatch(/Too many failed sign-ins\. Try again in 1 minute\./);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // the lock is per account: another account from the same address still signs in
    await consoleLogin(h, 'viewer');
    // unknown accounts are throttled the same way (a lock reveals nothing)
    for (let i = 0; i < 5; i++) await agent.post('/console/login').type('form').send({ email: 'ghost@example.test', password: 'x', _csrf: csrf }).expect(401);
    await agent.post('/console/login').type('form').send({ email: 'ghost@example.test', password: 'x', _csrf: csrf }).expect(429);
    // after the lock runs out, the right password works again
    await h.prisma.loginThrottle.update({ where: { key: 'email:locked@example.test' }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    await agent.post('/console/login').type('form').send({ email: 'locked@example.test', password: 'locked-password-1', _csrf: csrf }).expect(303);
  });

  it('forgets failures older than an hour whose lock has run out', async () => {
    const old = new Date(Date.now() - 2 * 3600_000);
    await h.prisma.loginThrottle.create({ data: { key: 'email:stale@example.test', failures: 7, lastFailAt: old, lockedUntil: old } });
    await h.prisma.loginThrottle.create({ data: { key: 'email:still-locked@example.test', failures: 9, lastFailAt: old, lockedUntil: new Date(Date.now() + 600_000) } });
    await consoleLogin(h, 'viewer');
    await waitFor('purge', async () => (await h.prisma.loginThrottle.count({ where: { key: 'email:stale@example.test' } })) === 0);
    expect(await h.prisma.loginThrottle.count({ where: { key: 'email:still-locked@example.test' } })).toBe(1);
  });

  it('locks a client address after 20 failures across accounts', async () => {
    const { agent, csrf } = await loginForm();
    await h.prisma.loginThrottle.deleteMany({ where: { key: { startsWith: 'ip:' } } });
    for (let i = 0; i < 20; i++) await agent.post('/console/login').type('form').send({ email: `spray-${i}@example.test`, password: 'x', _csrf: csrf }).expect(401);
    await agent.post('/console/login').type('form').send({ email: 'spray-new@example.test', password: 'x', _csrf: csrf }).expect(429);
    await h.prisma.loginThrottle.deleteMany({ where: { key: { startsWith: 'ip:' } } });
  });

  it('refuses a login post without the form token (login CSRF)', async () => {
    await h.http.post('/api/v1/users').set(auth()).send({ email: 'csrf-login@example.test', name: 'X', role: 'viewer', password: 'csrf-password-1' }).expect(201);
    const res = await h.http.post('/console/login').type('form').send({ email: 'csrf-login@example.test', password: 'csrf-password-1' }).expect(403);
    expect(setCookies(res).some((c) => c.startsWith('tocsin_session='))).toBe(false);
  });

  it('redirects a signed-out visitor to the login page with the page as next, and never to another site', async () => {
    const r = await h.http.get('/console/users?tab=1').expect(303);
    expect(r.headers.location).toBe('/console/login?next=%2Fconsole%2Fusers%3Ftab%3D1');
    const page = await h.http.get('/console/login?next=%2Fconsole%2Fusers').expect(200);
    expect(page.text).toContain('name="next" value="/console/users"');
    await h.http.post('/api/v1/users').set(auth()).send({ email: 'redirect@example.test', name: 'R', role: 'viewer', password: 'redirect-password' }).expect(201);
    for (const next of ['https://evil.test/', '//evil.test/console', '/console/..//evil.test', '/\\evil.test', 'javascript:alert(1)', '/api/v1/customers']) {
      const { agent, csrf } = await loginForm();
      const res = await agent.post('/console/login').type('form').send({ email: 'redirect@example.test', password: 'redirect-password', _csrf: csrf, next }).expect(303);
      expect(res.headers.location).toBe('/console');
    }
  });

  it('shows a 403 page for a role that may not open a screen', async () => {
    const viewer = await consoleLogin(h, 'viewer');
    const r = await viewer.agent.get('/console/users').expect(403);
    expect(r.text).toContain('needs the role admin');
    expect(r.headers['content-type']).toMatch(/text\/html/);
  });

  it('rejects a console form posted without or with a wrong CSRF token, and accepts it with the right one', async () => {
    const admin = await consoleLogin(h, 'admin');
    const form = { email: 'made-in-console@example.test', name: 'Made', role: 'agent' };
    const none = await admin.agent.post('/console/users').type('form').send(form).expect(403);
    expect(none.text).toContain('CSRF');
    await admin.agent.post('/console/users').type('form').send({ ...form, _csrf: 'forged' }).expect(403);
    const other = await consoleLogin(h, 'admin');
    await admin.agent.post('/console/users').type('form').send({ ...form, _csrf: other.csrf }).expect(403);
    expect(await h.prisma.user.count({ where: { email: form.email } })).toBe(0);
    const ok = await admin.agent.post('/console/users').type('form').send({ ...form, _csrf: admin.csrf }).expect(201);
    const password = /id="new-password">([^<]+)</.exec(ok.text)![1];
    expect(password).toHaveLength(20);
    // the new agent can sign in with the password shown once
    const { agent, csrf } = await loginForm();
    await agent.post('/console/login').type('form').send({ email: form.email, password, _csrf: csrf }).expect(303);
  });

  it('escapes what users typed in every page', async () => {
    const admin = await consoleLogin(h, 'admin');
    await h.http.post('/api/v1/users').set(auth()).send({ email: 'xss@example.test', name: '<script>alert(1)</script>', role: 'viewer' }).expect(201);
    const page = await admin.agent.get('/console/users').expect(200);
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('ends the session at logout and when the user is disabled', async () => {
    const viewer = await consoleLogin(h, 'viewer');
    await viewer.agent.post('/console/logout').type('form').send({ _csrf: 'wrong' }).expect(403);
    await viewer.agent.get('/console').expect(200);
    const out = await viewer.agent.post('/console/logout').type('form').send({ _csrf: viewer.csrf }).expect(303);
    expect(out.headers.location).toBe('/console/login');
    expect(setCookies(out).find((c) => c.startsWith('tocsin_session='))).toMatch(/Expires=Thu, 01 Jan 1970/);
    await viewer.agent.get('/console').expect(303);

    const admin = await consoleLogin(h, 'admin');
    const other = await consoleLogin(h, 'agent');
    const user = await h.prisma.user.findUniqueOrThrow({ where: { email: other.email } });
    await admin.agent.post(`/console/users/${user.id}/disable`).type('form').send({ _csrf: admin.csrf }).expect(303);
    await other.agent.get('/console').expect(303);
    const { agent, csrf } = await loginForm();
    await agent.post('/console/login').type('form').send({ email: other.email, password: other.password, _csrf: csrf }).expect(401);
  });

  it('ends the session a browser had when it signs in again', async () => {
    const first = await consoleLogin(h, 'viewer');
    const form = await first.agent.get('/console/login?next=%2Fconsole').expect(303); // already signed in
    expect(form.headers.location).toBe('/console');
    const page = await request(h.api.getHttpServer()).get('/console/login').expect(200);
    const loginCookie = setCookies(page).find((c) => c.startsWith('tocsin_login_csrf='))!.split(';')[0];
    const again = await request(h.api.getHttpServer())
      .post('/console/login')
      .set('Cookie', `${loginCookie}; ${first.cookie}`)
      .type('form')
      .send({ email: first.email, password: first.password, _csrf: csrfOf(page.text) })
      .expect(303);
    const second = setCookies(again).find((c) => c.startsWith('tocsin_session='))!.split(';')[0];
    expect(second).not.toBe(first.cookie);
    await request(h.api.getHttpServer()).get('/console').set('Cookie', first.cookie).expect(303);
    await request(h.api.getHttpServer()).get('/console').set('Cookie', second).expect(200);
  });

  it('keeps API keys working for the API, and a session cookie does not open the API', async () => {
    await h.http.get('/api/v1/customers').set(auth()).expect(200);
    const admin = await consoleLogin(h, 'admin');
    await admin.agent.get('/api/v1/customers').expect(401);
  });

  it('answers an unknown console address with an HTML 404 page, and leaves the API its JSON 404', async () => {
    const page = await h.http.get('/console/no-such-screen').expect(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('There is no console page at this address.');
    const api = await h.http.get('/api/v1/no-such-route').set(auth()).expect(404);
    expect(api.body.error.code).toBe('not_found');
  });

  it('serves the console assets locally and nothing outside their folder', async () => {
    const css = await h.http.get('/console/assets/console.css').expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    await h.http.get('/console/assets/..%2Fconsole.module.ts').expect(400);
    await h.http.get('/console/assets/missing.css').expect(404);
  });

  it('serves a favicon (the .ico browsers ask for, and the SVG the pages link)', async () => {
    const ico = await h.http.get('/favicon.ico').buffer(true).parse((res, cb) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => cb(null, Buffer.concat(parts)));
    }).expect(200);
    expect(ico.headers['content-type']).toBe('image/x-icon');
    expect((ico.body as Buffer).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0])); // ICO header
    expect((await h.http.get('/console/assets/favicon.svg').expect(200)).headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect((await h.http.get('/console/login').expect(200)).text).toContain('<link rel="icon" href="/favicon.ico" sizes="32x32">');
  });

  it('creates a user from the CLI with a generated password, or one read from stdin', async () => {
    const lines: string[] = [];
    expect(await runCli(['create-user', '--email', 'cli@example.test', '--name', 'Cli', '--role', 'comms'], (s) => lines.push(s))).toBe(0);
    const generated = /password \(shown once\): (\S+)/.exec(lines.join('\n'))![1];
    const fromStdin: string[] = [];
    expect(
      await runCli(['create-user', '--email', 'cli2@example.test', '--name', 'Cli 2', '--role', 'agent', '--password-stdin'], (s) => fromStdin.push(s), undefined, Readable.from(['stdin-password-123\n'])),
    ).toBe(0);
    expect(fromStdin.join('\n')).not.toContain('password (shown once)');
    for (const [email, password] of [['cli@example.test', generated], ['cli2@example.test', 'stdin-password-123']]) {
      const { agent, csrf } = await loginForm();
      await agent.post('/console/login').type('form').send({ email, password, _csrf: csrf }).expect(303);
    }
    const errors: string[] = [];
    expect(await runCli(['create-user', '--email', 'x@example.test', '--name', 'X', '--role', 'marketing'], undefined, (s) => errors.push(s))).toBe(2);
    expect(await runCli(['create-user', '--email', 'cli@example.test', '--name', 'Dup', '--role', 'viewer'], undefined, (s) => errors.push(s))).toBe(1);
    expect(errors.join('\n')).toContain('already exists');
  });
});
