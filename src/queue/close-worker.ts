import type { LoggerService } from '@nestjs/common';
import type Redis from 'ioredis';
import type { QueueBase, Worker } from 'bullmq';

/** How long a worker's graceful close may wait for a Redis that does not answer before its connections are dropped. */
const WITHOUT_REDIS_GRACE_MS = 3000;
/** How long it may take with Redis there (active jobs finishing) before it is cut. */
const WITH_REDIS_GRACE_MS = 60_000;

export const settlesWithin = <T>(p: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([p, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref())]);

/** Whether an ioredis client can talk to Redis right now (not connecting, reconnecting or closed). */
export const redisReady = (client: { status: string } | undefined): boolean => client?.status === 'ready';

/**
 * Closes a BullMQ worker gracefully (its active jobs finish), but not forever. With Redis unreachable,
 * BullMQ's close waits for the connection to come back: after `withoutRedisMs` the worker's connections
 * are dropped. Right after Redis came back, BullMQ 6's close may also never settle: after `withRedisMs`
 * (longer than a batch takes) it is cut the same way. A job cut short is repaired from Postgres by the
 * reconciler (the sending lease).
 */
export async function closeWorker(worker: Worker, logger: LoggerService, withoutRedisMs = WITHOUT_REDIS_GRACE_MS, withRedisMs = WITH_REDIS_GRACE_MS): Promise<void> {
  const closing = worker.close().then(
    () => true,
    () => true,
  );
  const started = Date.now();
  let downSince: number | undefined;
  while (!(await settlesWithin(closing, 250))) {
    const ready = redisReady(await settlesWithin(worker.backend.client, 200));
    downSince = ready ? undefined : (downSince ?? Date.now());
    const why = downSince !== undefined && Date.now() - downSince >= withoutRedisMs ? `Redis unreachable for ${withoutRedisMs} ms` : Date.now() - started >= withRedisMs ? `still closing after ${withRedisMs} ms` : undefined;
    if (!why) continue;
    logger.warn(`queue worker ${worker.name}: ${why} at shutdown; dropping its connections`);
    dropConnections(worker);
    // BullMQ's close may still never settle; @nestjs/bullmq calls close() again at shutdown and would wait on it
    if (!(await settlesWithin(closing, 2000))) worker.closing = Promise.resolve();
    return;
  }
}

/**
 * Disconnects a queue's or worker's Redis clients at once. BullMQ's own `disconnect()` first awaits the
 * connection's initialisation, which never settles while Redis is down, so the ioredis clients are reached
 * directly (BullMQ 6 keeps them as `_client` on each connection).
 */
export function dropConnections(queue: Pick<QueueBase, 'backend'>): void {
  const backend = queue.backend as unknown as { connection?: object; blockingConnection?: object };
  for (const connection of [backend.connection, backend.blockingConnection]) {
    (connection as { _client?: { disconnect(): void } } | undefined)?._client?.disconnect();
  }
}

/** Quits an ioredis client politely when Redis answers, at once otherwise (a QUIT would wait for a reconnect). */
export async function quitRedis(client: Redis | undefined): Promise<void> {
  if (!client) return;
  if (redisReady(client)) await settlesWithin(client.quit().catch(() => undefined), 2000);
  client.disconnect();
}
