import { Processor } from '@nestjs/bullmq';
import { Inject, OnModuleInit } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { QueueName, sendBatchPayload, SendBatchPayload } from '../../queue/queue.constants';
import { JobResult } from '../job-result';
import { RelayUnavailableError, SendBatchUseCase } from '../send-batch/send-batch.usecase';
import { GracefulWorkerHost } from './graceful-worker-host';

@Processor(QueueName.Send)
export class SendProcessor extends GracefulWorkerHost implements OnModuleInit {
  constructor(
    private readonly sendBatch: SendBatchUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: Job<SendBatchPayload>, token?: string): Promise<JobResult> {
    try {
      return await this.sendBatch.execute(sendBatchPayload.parse(job.data));
    } catch (e) {
      // the relay is down: the batch waits for the next probe, and waiting is not a failed attempt of the job
      if (e instanceof RelayUnavailableError && token) {
        await job.moveToDelayed(Date.now() + e.waitMs, token);
        throw new DelayedError();
      }
      throw e;
    }
  }
}
