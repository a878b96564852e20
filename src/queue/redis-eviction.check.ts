import Redis from 'ioredis';
import { redisOptions } from './redis-options';

export class RedisEvictionError extends Error {}

export type EvictionCheck = { status: 'ok' | 'allowed' | 'unchecked'; policy?: string; message?: string };

/**
 * BullMQ keeps jobs and locks in Redis: a Redis that evicts keys under memory pressure silently drops
 * work. Workers refuse to start unless `maxmemory-policy` is `noeviction` (REDIS_ALLOW_EVICTION=true starts
 * anyway, with a warning). A managed Redis that forbids CONFIG cannot be checked: that is said, not fatal.
 */
export async function checkRedisEviction(redisUrl: string, allowEviction: boolean): Promise<EvictionCheck> {
  const redis = new Redis({ ...redisOptions(redisUrl, 'worker'), lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null, connectTimeout: 3000 });
  redis.on('error', () => undefined);
  try {
    try {
      await redis.connect();
    } catch (e) {
      return { status: 'unchecked', message: `could not check Redis maxmemory-policy (Redis unreachable: ${(e as Error).message}); workers will wait for it` };
    }
    let policy: string | undefined;
    try {
      policy = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1];
    } catch (e) {
      return { status: 'unchecked', message: `could not check Redis maxmemory-policy (CONFIG GET refused: ${(e as Error).message}); make sure it is noeviction` };
    }
    if (policy === 'noeviction') return { status: 'ok', policy };
    const risk = `Redis maxmemory-policy is '${policy}': under memory pressure Redis may evict queue keys and BullMQ loses jobs and locks`;
    if (!allowEviction) throw new RedisEvictionError(`${risk}. Set maxmemory-policy noeviction (redis-server --maxmemory-policy noeviction), or REDIS_ALLOW_EVICTION=true to start anyway.`);
    return { status: 'allowed', policy, message: `${risk}; starting anyway because REDIS_ALLOW_EVICTION=true (the reconciler repairs lost jobs from Postgres, late)` };
  } finally {
    redis.disconnect();
  }
}
