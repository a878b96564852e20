import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { freePort } from './support/free-port';
import { waitFor } from './support/harness';
import { csrfOf } from './support/console-session';
import { NOTICE } from './factories/scenario.factory';

const ROOT = path.resolve(__dirname, '..');

/**
 * `npm run dev` from nothing: it creates its database, migrates, makes an admin key and a console user (printed
 * once), runs the API and a worker, and catches the mail they send: a declared incident's email shows in the
 * console's Outbox.
 */
describe('npm run dev', () => {
  let child: ChildProcess | undefined;
  let output = '';
  const db = `tocsin_dev_${Date.now().toString(36)}`;
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'tocsin-dev-'));

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    rmSync(stateDir, { recursive: true, force: true });
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  });

  it('goes from an empty database to a caught email in the console Outbox, printing the credentials once', async () => {
    const [port, smtp] = [await freePort(), await freePort()];
    const dbUrl = new URL(adminUrl);
    dbUrl.pathname = `/${db}`;
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/dev/dev.ts', '--no-watch'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: dbUrl.toString(), REDIS_URL: process.env.REDIS_URL, PORT: String(port), DEV_MAIL_CATCHER_PORT: String(smtp), QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-dev`, TOCSIN_DEV_STATE: path.join(stateDir, 'dev.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    await waitFor('the API listening', async () => /listening on http/.test(output), 240_000);

    expect(output).toContain(`dev | created database ${db}`);
    const key = /API admin key: +(\S+)/.exec(output)?.[1];
    const password = /console user: +admin@localhost\.test +password: (\S+)/.exec(output)?.[1];
    expect(key).toBeTruthy();
    expect(password).toBeTruthy();
    expect(JSON.parse(readFileSync(path.join(stateDir, 'dev.json'), 'utf8'))).toMatchObject({ adminKey: key, consoleEmail: 'admin@localhost.test' });

    const api = request(`http://127.0.0.1:${port}`);
    const auth = { Authorization: `Bearer ${key}` };
    await api.put('/api/v1/customers/ada').set(auth).send({ email: 'ada@example.test', name: 'Ada', attributes: { accountNo: '1' } }).expect((r) => expect([200, 201]).toContain(r.status));
    await api.put('/api/v1/templates/notice/email/en').set(auth).send(NOTICE).expect(200);
    await api.put('/api/v1/runbooks/plan').set(auth).send({ name: 'Plan', steps: [{ id: 'tell', audience: 'affected_customers', channel: 'email', template: 'notice' }] }).expect(200);
    await api.post('/api/v1/runbooks/plan/publish').set(auth).expect(201);
    await api
      .post('/api/v1/incidents')
      .set(auth)
      .send({ runbook: 'plan', title: 'Dev tour', severity: 'high', awareAt: new Date().toISOString(), facts: { whatHappened: 'A test.', hotline: '0800' }, affected: { externalIds: ['ada'] } })
      .expect(201);

    const agent = request.agent(`http://127.0.0.1:${port}`);
    const form = await agent.get('/console/login').expect(200);
    await agent.post('/console/login').type('form').send({ email: 'admin@localhost.test', password, _csrf: csrfOf(form.text) }).expect(303);
    const home = await agent.get('/console').expect(200);
    expect(home.text).toContain('href="/console/outbox"');
    const outbox = await waitFor('the email in the Outbox', async () => {
      const page = await agent.get('/console/outbox').expect(200);
      return page.text.includes('ada@example.test') ? page.text : null;
    }, 240_000);
    expect(outbox).toContain('Security incident: Dev tour (ada)');
    expect(existsSync(path.join(stateDir, 'dev.json'))).toBe(true);
  }, 360_000);
});
