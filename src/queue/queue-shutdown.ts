import { InjectQueue } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { settlesWithin } from './close-worker';
import { QueueName } from './queue.constants';

/**
 * Closes the queues' connections without a QUIT before @nestjs/bullmq closes the queues. Its close sends
 * QUIT, which with Redis unreachable fails (the API's connections have no offline queue) or waits for a
 * reconnect, so a process would not stop. By now nothing adds jobs any more (the workers and the
 * reconciler stopped in onModuleDestroy), so there is nothing a QUIT would wait for.
 */
@Injectable()
export class QueueShutdown implements BeforeApplicationShutdown {
  private readonly queues: Queue[];

  constructor(@InjectQueue(QueueName.Fanout) fanout: Queue, @InjectQueue(QueueName.Send) send: Queue, @InjectQueue(QueueName.Import) imports: Queue) {
    this.queues = [fanout, send, imports];
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => settlesWithin(q.backend.close(true).catch(() => undefined), 1000)));
  }
}
