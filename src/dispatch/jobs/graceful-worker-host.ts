import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnModuleDestroy } from '@nestjs/common';
import { Job } from 'bullmq';
import { closeWorker } from '../../queue/close-worker';
import { outages, unreachableDependency } from '../../observability/outage-log';
import { reportQueueWorkerError } from '../../observability/queue-worker-errors';

/** What every Tocsin queue worker needs: a graceful close first at shutdown, and listeners that log instead of crashing. */
export abstract class GracefulWorkerHost extends WorkerHost implements OnModuleDestroy {
  protected readonly logger = new Logger(this.constructor.name);

  /**
   * Graceful shutdown, first of all: the active jobs finish while the database and SMTP pool are still open
   * (bounded when Redis is gone, which would otherwise hold the close forever).
   */
  async onModuleDestroy(): Promise<void> {
    await closeWorker(this.worker, this.logger);
  }

  /** Without a listener an 'error' event would crash the process; e.g. after Redis lost a job's keys. */
  @OnWorkerEvent('error')
  onError(e: Error): void {
    reportQueueWorkerError(this.logger, e);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, e: Error): void {
    // a retry the batch asked for (its reason may quote a connection error) is not the start of an outage
    const down = e.name === 'RetryLaterError' ? undefined : unreachableDependency(e);
    if (down) return outages.failed(down, e);
    this.logger.warn(`job ${job?.id} failed (attempt ${job?.attemptsMade}): ${e.message}`);
  }
}
