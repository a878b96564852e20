import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { createServer } from 'node:net';
import { createWorker } from '../src/bootstrap';
import { loadConfig } from '../src/config/config.schema';
import { checkRedisEviction, RedisEvictionError } from '../src/queue/redis-eviction.check';
import { waitFor } from './support/harness';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** A real, private redis-server with the given flags (no persistence), for this file only. */
async function redisServer(...flags: string[]): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...flags], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  await waitFor('redis-server up', async () => {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    const up = await probe.connect().then(() => probe.ping()).then(() => true, () => false);
    probe.disconnect();
    return up;
  }, 5000);
  return { url, proc };
}

describe(checkRedisEviction.name, () => {
  const servers: ChildProcess[] = [];
  afterAll(() => servers.forEach((p) => p.kill()));

  it('passes a Redis whose maxmemory-policy is noeviction', async () => {
    expect(await checkRedisEviction(process.env.REDIS_URL!, false)).toEqual({ status: 'ok', policy: 'noeviction' });
  });

  it('stops a worker from starting on a Redis that may evict keys, unless REDIS_ALLOW_EVICTION', async () => {
    const lru = await redisServer('--maxmemory-policy', 'allkeys-lru');
    servers.push(lru.proc);
    await expect(checkRedisEviction(lru.url, false)).rejects.toThrow(/maxmemory-policy is 'allkeys-lru'.*noeviction/);
    const config = loadConfig({ ...process.env, SMTP_URL: 'smtp://127.0.0.1:1', PUBLIC_URL: 'http://tocsin.test', MAIL_FROM: 'Acme <security@acme.test>', REDIS_URL: lru.url });
    await expect(createWorker(config)).rejects.toBeInstanceOf(RedisEvictionError);
    expect(await checkRedisEviction(lru.url, true)).toMatchObject({ status: 'allowed', policy: 'allkeys-lru' });
  });

  it('says so when CONFIG is not permitted (a warning, not a refusal)', async () => {
    const locked = await redisServer('--rename-command', 'CONFIG', '');
    servers.push(locked.proc);
    const r = await checkRedisEviction(locked.url, false);
    expect(r.status).toBe('unchecked');
    expect(r.message).toMatch(/could not check Redis maxmemory-policy \(CONFIG GET refused/);
  });
});
