import { Processor } from '@nestjs/bullmq';
import { Inject, OnModuleInit } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { QueueName, sendBatchPayload, SendBatchPayload } from '../../queue/queue.constants';
import { JobResult } from '../job-result';
import { SendBatchUseCase } from '../send-batch/send-batch.usecase';
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

  process(job: Job<SendBatchPayload>): Promise<JobResult> {
    return this.sendBatch.execute(sendBatchPayload.parse(job.data));
  }
}
