import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { redisOptions } from '../queue/redis-options';

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

// One round trip, atomic across API processes: a blocked key stays blocked until its block expires;
// otherwise count the hit in the window and block when it goes over the limit.
const INCREMENT = `
local block = redis.call('PTTL', KEYS[2])
if block > 0 then return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), 1, block} end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, ttl, 1, tonumber(ARGV[3])}
end
return {hits, ttl, 0, 0}`;

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * @nestjs/throttler's storage in Redis, so a limit holds across every API process. Keys carry the queue
 * prefix (one deployment, one test run) and a hash tag (both keys of a counter on one cluster slot).
 * Redis down: requests are let through (the API's Redis-down contract: Postgres work goes on), with a warning.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: Redis;
  private lastWarning = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = new Redis({ ...redisOptions(config.REDIS_URL, 'producer'), lazyConnect: true });
    this.redis.on('error', () => undefined); // reported per request below
  }

  async onModuleInit(): Promise<void> {
    if (this.redis.status !== 'wait') return; // already connecting (a second init of a shared module)
    await this.redis.connect().catch((e: Error) => this.warn(e));
  }

  private keys(key: string): [string, string] {
    const base = `${this.config.QUEUE_PREFIX}:{throttle:${key}}`;
    return [`${base}:hits`, `${base}:block`];
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, _throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      const [hits, ttlMs, blocked, blockMs] = (await this.redis.eval(INCREMENT, 2, ...this.keys(key), ttl, limit, blockDuration)) as number[];
      return { totalHits: hits, timeToExpire: seconds(ttlMs), isBlocked: blocked === 1, timeToBlockExpire: blocked ? seconds(blockMs) : 0 };
    } catch (e) {
      this.warn(e as Error);
      return { totalHits: 0, timeToExpire: seconds(ttl), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  /** Seconds left on a block of this key, 0 when it is not blocked (without counting a hit). */
  async blockedFor(key: string): Promise<number> {
    try {
      const ms = await this.redis.pttl(this.keys(key)[1]);
      return ms > 0 ? seconds(ms) : 0;
    } catch (e) {
      this.warn(e as Error);
      return 0;
    }
  }

  private warn(e: Error): void {
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(`throttling is off while Redis cannot be reached: ${e.message}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
