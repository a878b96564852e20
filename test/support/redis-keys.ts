import Redis from 'ioredis';

/** Deletes every key of this run's queues: what a FLUSHALL does to Tocsin, without touching anyone else's keys. */
export async function wipeQueues(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl);
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `{${prefix}}*`, 'COUNT', 1000);
    if (keys.length) deleted += await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
  return deleted;
}
