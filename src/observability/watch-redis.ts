import { outages } from './outage-log';

interface Emitter {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ioredis and BullMQ's client type their listeners loosely
  on(event: string, listener: (...args: any[]) => void): unknown;
}

/**
 * Reports an ioredis client's connection errors to the outage log (one line per outage, instead of
 * ioredis's "Unhandled error event" stack for every reconnect attempt) and its return when it is ready.
 */
export function watchRedis<T extends Emitter>(client: T): T {
  client.on('error', (e: Error) => outages.failed('redis', e));
  client.on('ready', () => outages.ok('redis'));
  return client;
}
