// `npm run dev`: one command from a clone to a working Tocsin on a machine without Docker. Checks Node,
// PostgreSQL and Redis (saying what is missing and how to get it), creates the database, applies the
// migrations, creates an admin key and a console user on the first run (printed once, kept in
// .tocsin-dev.json), then runs the API and a worker in watch mode with a built-in mail catcher: what the
// workers send is listed in the console under "Outbox".
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';

const ROOT = path.resolve(__dirname, '../..');
/** where the first run keeps the admin key and console user (git ignores it); TOCSIN_DEV_STATE moves it (tests) */
const STATE_FILE = process.env.TOCSIN_DEV_STATE ?? path.join(ROOT, '.tocsin-dev.json');

interface DevState {
  adminKey: string;
  consoleEmail: string;
  consolePassword?: string;
}

const say = (line: string) => console.log(`dev | ${line}`);
const fail = (lines: string[]): never => {
  console.error(['dev | cannot start:', ...lines.map((l) => `dev |   ${l}`)].join('\n'));
  process.exit(1);
};

function checkNode(): void {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) fail([`Node ${process.versions.node} is too old: Tocsin needs Node 20.19 or newer (https://nodejs.org, or your package manager).`]);
}

async function checkPostgres(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const db = decodeURIComponent(url.pathname.slice(1)) || 'tocsin';
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (e) {
    fail([
      `PostgreSQL is not reachable at ${url.host} (${(e as Error).message}).`,
      'Install and start it:  sudo apt-get install -y postgresql   (Debian/Ubuntu; then it runs as a service)',
      '                       brew install postgresql@15 && brew services start postgresql@15   (macOS)',
      'or point DATABASE_URL at one you have (e.g. postgresql://user:password@host:5432/tocsin).',
    ]);
  }
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
  if (!exists.rowCount) {
    await client.query(`CREATE DATABASE "${db.replace(/"/g, '""')}"`);
    say(`created database ${db}`);
  }
  await client.end();
}

async function checkRedis(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 3000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    fail([
      `Redis is not reachable at ${redisUrl} (${(e as Error).message}).`,
      'Install and start it:  sudo apt-get install -y redis-server   (Debian/Ubuntu)',
      '                       brew install redis && brew services start redis   (macOS)',
      'or point REDIS_URL at one you have.',
    ]);
  } finally {
    redis.disconnect();
  }
}

function migrate(env: NodeJS.ProcessEnv): void {
  say('applying migrations (prisma migrate deploy)…');
  execFileSync(path.join(ROOT, 'node_modules/.bin/prisma'), ['migrate', 'deploy', '--config', 'prisma/prisma.config.ts'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

function firstRun(env: NodeJS.ProcessEnv): DevState {
  if (existsSync(STATE_FILE)) return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as DevState;
  const state: DevState = { adminKey: `dev-admin-${randomBytes(18).toString('base64url')}`, consoleEmail: 'admin@localhost.test' };
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register', 'src/cli.ts', 'create-user', '--email', state.consoleEmail, '--name', 'Development admin', '--role', 'admin'], {
    cwd: ROOT,
    env: { ...env, TS_NODE_TRANSPILE_ONLY: '1' },
    encoding: 'utf8',
  });
  state.consolePassword = /password \(shown once\): (\S+)/.exec(out)?.[1];
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  return state;
}

function run(name: string, entry: string, env: NodeJS.ProcessEnv, watch: boolean): ChildProcess {
  const args = [...(watch ? ['--watch-path=src', '--watch-path=templates', '--watch'] : []), '-r', 'ts-node/register', entry];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...env, TS_NODE_TRANSPILE_ONLY: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => `${name.padEnd(6)} | ${l}`)
      .join('\n');
  child.stdout!.on('data', (c: Buffer) => console.log(prefix(c)));
  child.stderr!.on('data', (c: Buffer) => console.error(prefix(c)));
  return child;
}

async function main(): Promise<void> {
  checkNode();
  const port = process.env.PORT ?? '3000';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: port,
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/tocsin',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    // PUBLIC_URL follows PORT unless set
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
    MAIL_FROM: process.env.MAIL_FROM ?? 'Tocsin (development) <security@localhost.test>',
    DEV_MAIL_CATCHER_PORT: process.env.DEV_MAIL_CATCHER_PORT ?? '1025',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'log',
  };
  env.SMTP_URL = process.env.SMTP_URL ?? `smtp://127.0.0.1:${env.DEV_MAIL_CATCHER_PORT}`;
  await checkPostgres(env.DATABASE_URL!);
  await checkRedis(env.REDIS_URL!);
  migrate(env);
  const fresh = !existsSync(STATE_FILE);
  const state = firstRun(env);
  env.TOCSIN_ADMIN_KEY = state.adminKey;
  if (fresh) {
    say('first run: these are shown once (also kept in .tocsin-dev.json, which git ignores)');
    say(`  API admin key:  ${state.adminKey}`);
    say(`  console user:   ${state.consoleEmail}  password: ${state.consolePassword ?? '(see the create-user output above)'}`);
  } else {
    say('admin key and console user: see .tocsin-dev.json');
  }
  const watch = !process.argv.includes('--no-watch');
  const children = [run('api', 'src/main.ts', env, watch), run('worker', 'src/worker.ts', env, watch)];
  say(`API on ${env.PUBLIC_URL}/api/v1 · console ${env.PUBLIC_URL}/console · mail caught on ${env.SMTP_URL} (console → Outbox) · Ctrl-C stops`);
  const stop = () => {
    for (const c of children) c.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const c of children) c.on('exit', (code) => code && say(`a process exited with ${code}`));
}

main().catch((e: unknown) => fail([(e as Error).message ?? String(e)]));
