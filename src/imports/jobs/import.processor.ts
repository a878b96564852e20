import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { JobResult } from '../../dispatch/job-result';
import { closeWorker } from '../../queue/close-worker';
import { ImportQueue } from '../../queue/import-queue.service';
import { importCustomersPayload, ImportCustomersPayload, QueueName } from '../../queue/queue.constants';
import { ImportCustomersUseCase } from '../import-customers/import-customers.usecase';
import { ImportRepository } from '../import.repository';
import { reportQueueWorkerError } from '../../observability/queue-worker-errors';

/** An import with no progress for this long gets its job re-added (a no-op while the job is alive). */
const STALL_MS = 120_000;

/** Thin: validates the payload and runs the import; also re-adds jobs Redis lost (Postgres holds the upload). */
@Processor(QueueName.Import, { concurrency: 1, lockDuration: 120_000 })
export class ImportProcessor extends WorkerHost implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ImportProcessor.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly importCustomers: ImportCustomersUseCase,
    private readonly imports: ImportRepository,
    private readonly queue: ImportQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  process(job: Job<ImportCustomersPayload>): Promise<JobResult> {
    const { importId } = importCustomersPayload.parse(job.data);
    return this.importCustomers.execute(importId, (p) => job.updateProgress(p));
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.requeueStalled(), Math.max(this.config.RECONCILE_INTERVAL_MS, 1000) * 6);
    this.timer.unref();
  }

  async requeueStalled(): Promise<void> {
    try {
      for (const { id } of await this.imports.stalled(STALL_MS)) await this.queue.enqueue(id);
    } catch (e) {
      this.logger.warn(`could not check for stalled imports: ${(e as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await closeWorker(this.worker, this.logger);
  }

  @OnWorkerEvent('error')
  onError(e: Error): void {
    reportQueueWorkerError(this.logger, e);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, e: Error): void {
    this.logger.warn(`import job ${job?.id} failed (attempt ${job?.attemptsMade}): ${e.message}`);
  }
}
