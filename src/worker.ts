import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createWorker } from './bootstrap';
import { ConfigError, loadConfig } from './config/config.schema';
import { RedisEvictionError } from './queue/redis-eviction.check';

// SIGTERM/SIGINT close the BullMQ workers: active jobs finish, waiting ones stay in the queue.
async function main(): Promise<void> {
  const config = loadConfig();
  await createWorker(config);
  new Logger('Tocsin').log(`worker started (send concurrency ${config.WORKER_CONCURRENCY} jobs x ${config.SEND_CONCURRENCY} messages)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError || e instanceof RedisEvictionError ? e.message : e);
  process.exit(1);
});
