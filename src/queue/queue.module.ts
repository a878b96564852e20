import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { DispatchQueue } from './dispatch-queue.service';
import { ImportQueue } from './import-queue.service';
import { QueueShutdown } from './queue-shutdown';
import { RelayStatusStore } from './relay-status.store';
import { KEEP_JOBS, QueueName } from './queue.constants';
import { queuePrefix, redisOptions } from './redis-options';

/** BullMQ on Redis: the connection, the prefix and every queue with its retention limits. */
@Module({})
export class QueueModule {
  static forRoot(role: 'producer' | 'worker'): DynamicModule {
    const queues = BullModule.registerQueue(
      { name: QueueName.Fanout, defaultJobOptions: { ...KEEP_JOBS, attempts: 10, backoff: { type: 'exponential', delay: 1000 } } },
      { name: QueueName.Send, defaultJobOptions: { ...KEEP_JOBS, attempts: 10, backoff: { type: 'exponential', delay: 1000, jitter: 0.5 } } },
      // an import restarts from its stored upload, so a retry after a crash is safe
      { name: QueueName.Import, defaultJobOptions: { ...KEEP_JOBS, attempts: 3, backoff: { type: 'exponential', delay: 2000 } } },
    );
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: redisOptions(config.REDIS_URL, role),
            prefix: queuePrefix(config.QUEUE_PREFIX),
          }),
        }),
        queues,
      ],
      providers: [DispatchQueue, ImportQueue, QueueShutdown, RelayStatusStore],
      exports: [queues, DispatchQueue, ImportQueue, RelayStatusStore],
    };
  }
}
