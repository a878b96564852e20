import Redis from 'ioredis';

/**
 * Deletes every key of this run's queues: what a FLUSHALL does to Tocsin, without touching anyone else's keys.
 * `andDerived`: also the prefixes that start with this one (`<prefix>-w1`, `<prefix>-w1-throttling`).
 */
export async function wipeQueues(redisUrl: string, prefix: string, opts: { andDerived?: boolean } = {}): Promise<number> {
  const redis = new Redis(redisUrl);
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', opts.andDerived ? `{${prefix}*` : `{${prefix}}*`, 'COUNT', 1000);
    if (keys.length) deleted += await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
  return deleted;
}
