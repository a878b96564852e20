import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { QueueName, sendBatchPayload, SendBatchPayload } from '../../queue/queue.constants';
import { JobResult } from '../job-result';
import { SendBatchUseCase } from '../send-batch/send-batch.usecase';

@Processor(QueueName.Send)
export class SendProcessor extends WorkerHost implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SendProcessor.name);

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

  /** Graceful shutdown, first of all: the active jobs finish while the database and SMTP pool are still open. */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }

  /** Without a listener an 'error' event would crash the process; e.g. after Redis lost a job's keys. */
  @OnWorkerEvent('error')
  onError(e: Error): void {
    this.logger.warn(`queue worker error (the reconciler repairs lost jobs): ${e.message}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, e: Error): void {
    this.logger.warn(`job ${job?.id} failed (attempt ${job?.attemptsMade}): ${e.message}`);
  }
}
