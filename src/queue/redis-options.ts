import type { RedisOptions } from 'bullmq';

/**
 * ioredis options from REDIS_URL. Producers (the API) fail fast when Redis is down so the caller gets a
 * 503 instead of a hanging request; workers wait and reconnect (BullMQ requires maxRetriesPerRequest null).
 */
export function redisOptions(redisUrl: string, role: 'producer' | 'worker'): RedisOptions {
  const u = new URL(redisUrl);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  const base: RedisOptions = {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isFinite(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
  return role === 'producer' ? { ...base, enableOfflineQueue: false, connectTimeout: 2000 } : base;
}

export const queuePrefix = (prefix: string) => `{${prefix}}`;
