import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { quitRedis } from '../../queue/close-worker';
import { queuePrefix, redisOptions } from '../../queue/redis-options';
import { Semaphore } from './semaphore';
import { watchRedis } from '../../observability/watch-redis';

/**
 * Reserves the next send slot of a channel, shared by every worker process: a GCRA-style schedule in
 * Redis (`tat`, the theoretical arrival time of the next message, in µs of Redis's own clock, so workers'
 * clocks do not matter). Each call moves `tat` one interval on and answers how long the caller waits for
 * its slot, so sends start at most `rate` per second, evenly spaced, with no burst.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
redis.call('SET', KEYS[1], string.format('%.0f', tat + interval), 'PX', math.floor((tat + interval - now) / 1000) + 1000)
return tat - now`;

type Channel = 'email' | 'sms' | 'webhook';

/**
 * Per-channel limits of the send path (settings `<CHANNEL>_RATE_LIMIT`, messages/s across all workers, and
 * `<CHANNEL>_CONCURRENCY`, in flight per worker process). BullMQ's own limiter counts jobs per queue, and a
 * job here is a batch of recipients on any channel, so the limit is kept per message, here.
 */
@Injectable()
export class ChannelThrottle implements OnModuleDestroy {
  private redis?: Redis;
  private readonly semaphores = new Map<string, Semaphore>();
  private readonly intervalsUs = new Map<string, number>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const limits: Record<Channel, [number, number]> = {
      email: [config.EMAIL_RATE_LIMIT, config.EMAIL_CONCURRENCY],
      sms: [config.SMS_RATE_LIMIT, config.SMS_CONCURRENCY],
      webhook: [config.WEBHOOK_RATE_LIMIT, config.WEBHOOK_CONCURRENCY],
    };
    for (const [channel, [rate, concurrency]] of Object.entries(limits)) {
      if (rate > 0) this.intervalsUs.set(channel, Math.round(1_000_000 / rate));
      if (concurrency > 0) this.semaphores.set(channel, new Semaphore(concurrency));
    }
  }

  /** Runs one send of `channel` within its limits; a channel without limits runs at once (no Redis call). */
  async run<T>(channel: string, send: () => Promise<T>): Promise<T> {
    const semaphore = this.semaphores.get(channel);
    if (semaphore && !semaphore.tryAcquire()) await semaphore.acquire();
    try {
      // the slot is reserved only once this send may start, so a process holds at most its lanes' worth ahead
      const interval = this.intervalsUs.get(channel);
      if (interval) {
        const waitUs = await this.reserve(channel, interval);
        if (waitUs > 0) await new Promise((r) => setTimeout(r, Math.ceil(waitUs / 1000)));
      }
      return await send();
    } finally {
      semaphore?.release();
    }
  }

  private async reserve(channel: string, intervalUs: number): Promise<number> {
    // a worker's connection: while Redis is away the call waits for it (as BullMQ does), never skips the limit
    this.redis ??= watchRedis(new Redis(redisOptions(this.config.REDIS_URL, 'worker')));
    const key = `${queuePrefix(this.config.QUEUE_PREFIX)}:rate:${channel}`;
    return Number(await this.redis.eval(RESERVE, 1, key, intervalUs));
  }

  async onModuleDestroy(): Promise<void> {
    const r = this.redis;
    this.redis = undefined;
    await quitRedis(r);
  }
}
