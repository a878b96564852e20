import { InjectQueue } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { settlesWithin } from './close-worker';
import { QueueName } from './queue.constants';
import { outages } from '../observability/outage-log';
import { watchRedis } from '../observability/watch-redis';

/**
 * Closes the queues' connections without a QUIT before @nestjs/bullmq closes the queues. Its close sends
 * QUIT, which with Redis unreachable fails (the API's connections have no offline queue) or waits for a
 * reconnect, so a process would not stop. By now nothing adds jobs any more (the workers and the
 * reconciler stopped in onModuleDestroy), so there is nothing a QUIT would wait for.
 */
@Injectable()
export class QueueShutdown implements OnModuleInit, BeforeApplicationShutdown {
  private readonly queues: Queue[];

  constructor(@InjectQueue(QueueName.Fanout) fanout: Queue, @InjectQueue(QueueName.Send) send: Queue, @InjectQueue(QueueName.Import) imports: Queue) {
    this.queues = [fanout, send, imports];
  }

  /**
   * A queue without an 'error' listener makes BullMQ print every connection error as a raw stack (dozens per
   * Redis outage): they go to the outage log instead, one line per outage.
   */
  onModuleInit(): void {
    for (const q of this.queues) {
      q.on('error', (e: Error) => outages.failed('redis', e));
      q.backend.client.then((c) => watchRedis(c)).catch(() => undefined);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => settlesWithin(q.backend.close(true).catch(() => undefined), 1000)));
  }
}
