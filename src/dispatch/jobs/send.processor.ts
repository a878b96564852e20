import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnModuleInit } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../../config/config.module';
import { QueueName, sendBatchPayload, SendBatchPayload } from '../../queue/queue.constants';
import { JobResult } from '../job-result';
import { SendBatchUseCase } from '../send-batch/send-batch.usecase';

@Processor(QueueName.Send)
export class SendProcessor extends WorkerHost implements OnModuleInit {
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
