import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { runCli } from '../src/cli/cli';
import { checkDatabase, MIGRATIONS_DIR } from '../src/operations/doctor/database-checks';
import { runDoctor } from '../src/operations/doctor/doctor';
import { waitFor } from './support/harness';
import { SmtpSink } from './support/smtp-sink';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function doctor(env: NodeJS.ProcessEnv): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runDoctor(env, (s) => lines.push(s));
  return { code, text: lines.join('\n') };
}

describe('tocsin doctor', () => {
  const sink = new SmtpSink();
  const servers: ChildProcess[] = [];
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const emptyDb = `${process.env.TOCSIN_TEST_DB}_doctor_empty`;
  let good: NodeJS.ProcessEnv;

  beforeAll(async () => {
    await sink.start();
    good = { ...process.env, NODE_ENV: 'test', SMTP_URL: sink.url, PUBLIC_URL: 'http://tocsin.test', MAIL_FROM: 'Acme <security@acme.test>' };
  });
  afterAll(async () => {
    await Promise.all(servers.map((p) => new Promise((resolve) => (p.exitCode !== null ? resolve(null) : (p.once('exit', resolve), p.kill())))));
    await sink.stop();
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${emptyDb}`);
    await admin.end();
  });

  it('finds nothing wrong with the test database, Redis and an SMTP server that answers (exit 0)', async () => {
    const { code, text } = await doctor(good);
    expect(text).toMatch(/ok {4}config {5}valid \(NODE_ENV=test\)/);
    expect(text).toMatch(/ok {4}database {3}PostgreSQL \d+\.\d+.* reachable/);
    expect(text).toContain(`all ${readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).length} migrations applied`);
    expect(text).toMatch(/ok {4}clock {6}this machine's clock is \d+ ms/);
    expect(text).toMatch(new RegExp(`ok {4}redis {6}reachable at ${process.env.REDIS_URL}.*noeviction`));
    expect(text).toContain(`SMTP server ${sink.url}`);
    expect(text).toContain('Nothing wrong found');
    expect(code).toBe(0);
  });

  it('runs as `cli doctor` on the process environment', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, good);
    try {
      const lines: string[] = [];
      expect(await runCli(['doctor'], (s) => lines.push(s))).toBe(0);
      expect(lines[0]).toMatch(/^Tocsin \d+\.\d+\.\d+ doctor$/);
      expect(await runCli(['doctor', '--fix'], undefined, () => undefined)).toBe(2);
    } finally {
      process.env = saved;
    }
  });

  it('says in words what is wrong with a bad setting, an SMTP relay that refuses, and still checks the rest (exit 1)', async () => {
    const closed = await freePort();
    const { code, text } = await doctor({ ...good, PUBLIC_URL: 'tocsin.acme.example', SMTP_URL: `smtp://127.0.0.1:${closed}` });
    expect(code).toBe(1);
    expect(text).toMatch(/FAIL {2}config {5}PUBLIC_URL: must be a URL starting with http:\/\/ or https:\/\//);
    expect(text).toMatch(new RegExp(`FAIL {2}smtp {7}cannot use the SMTP server smtp://127.0.0.1:${closed}.*ECONNREFUSED.*No email can be sent`));
    expect(text).toMatch(/ok {4}database/); // the rest is still checked
    expect(text).toMatch(/2 problem\(s\) to fix\.$/);
  });

  it('fails a database that is unreachable, or that no migration was applied to', async () => {
    const closed = await freePort();
    const down = await doctor({ ...good, DATABASE_URL: `postgresql://postgres:secret@127.0.0.1:${closed}/tocsin` });
    expect(down.code).toBe(1);
    expect(down.text).toMatch(/FAIL {2}database {3}cannot connect to PostgreSQL at postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/tocsin: .*ECONNREFUSED/);
    expect(down.text).not.toContain('secret');

    const url = new URL(adminUrl);
    url.pathname = `/${emptyDb}`;
    const missing = await doctor({ ...good, DATABASE_URL: url.toString() });
    expect(missing.code).toBe(1);
    expect(missing.text).toContain(`but has no database "${emptyDb}": create it (createdb ${emptyDb}), then run \`npm run db:migrate\``);

    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${emptyDb}`);
    await admin.end();
    const empty = await doctor({ ...good, DATABASE_URL: url.toString() });
    expect(empty.code).toBe(1);
    expect(empty.text).toMatch(/FAIL {2}migrations {1}no migration has been applied to this database \(\d+ to apply\): run `npm run db:migrate`/);
  });

  it('names the migrations of this version not applied yet, and those the database has from a newer one', async () => {
    const names = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    const newer = mkdtempSync(path.join(tmpdir(), 'tocsin-migrations-'));
    for (const n of [...names, '29991231000000_next_version']) mkdirSync(path.join(newer, n));
    const pending = await checkDatabase(process.env.DATABASE_URL!, { migrationsDir: newer });
    expect(pending).toContainEqual({ check: 'migrations', status: 'fail', message: expect.stringMatching(/^1 migration\(s\) of this version not applied \(29991231000000_next_version\): run `npm run db:migrate`/) });

    const older = mkdtempSync(path.join(tmpdir(), 'tocsin-migrations-'));
    for (const n of names.slice(0, -1)) mkdirSync(path.join(older, n));
    const unknown = await checkDatabase(process.env.DATABASE_URL!, { migrationsDir: older });
    expect(unknown).toContainEqual({ check: 'migrations', status: 'warn', message: expect.stringContaining(`1 migration(s) this code does not know (${names.at(-1)})`) });
  });

  it("fails a clock more than 2 s away from PostgreSQL's now()", async () => {
    const ahead = await checkDatabase(process.env.DATABASE_URL!, { now: () => Date.now() + 10_000 });
    expect(ahead).toContainEqual({ check: 'clock', status: 'fail', message: expect.stringMatching(/^this machine's clock is (9\d{3}|1\d{4}) ms ahead of PostgreSQL's: deadlines.*NTP/) });
    const behind = await checkDatabase(process.env.DATABASE_URL!, { now: () => Date.now() - 1000 });
    expect(behind).toContainEqual({ check: 'clock', status: 'warn', message: expect.stringMatching(/^this machine's clock is \d+ ms behind PostgreSQL's; keep NTP running/) });
  });

  it('fails a Redis that may evict queue keys, and one that cannot be reached', async () => {
    const port = await freePort();
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'allkeys-lru'], { stdio: 'ignore' });
    servers.push(proc);
    const lru = `redis://127.0.0.1:${port}`;
    await waitFor('redis-server up', async () => {
      const probe = new Redis(lru, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      const up = await probe.connect().then(() => probe.ping()).then(() => true, () => false);
      probe.disconnect();
      return up;
    }, 5000);
    const evicting = await doctor({ ...good, REDIS_URL: lru });
    expect(evicting.code).toBe(1);
    expect(evicting.text).toMatch(/FAIL {2}redis {6}Redis maxmemory-policy is 'allkeys-lru'.*Set maxmemory-policy noeviction/);
    const allowed = await doctor({ ...good, REDIS_URL: lru, REDIS_ALLOW_EVICTION: 'true' });
    expect(allowed.text).toMatch(/WARN {2}redis/);
    expect(allowed.code).toBe(0);

    const closed = await freePort();
    const gone = await doctor({ ...good, REDIS_URL: `redis://127.0.0.1:${closed}` });
    expect(gone.code).toBe(1);
    expect(gone.text).toMatch(/FAIL {2}redis {6}cannot connect to Redis at redis:\/\/127\.0\.0\.1:\d+/);
  });
});
