import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnModuleDestroy } from '@nestjs/common';
import { Job } from 'bullmq';
import { fanoutStepPayload, FanoutStepPayload, JobName, QueueName } from '../../queue/queue.constants';
import { FanoutStepUseCase } from '../fanout-step/fanout-step.usecase';
import { JobResult } from '../job-result';

/** Thin: validates the payload and calls the use case; progress is the number of recipients materialised. */
@Processor(QueueName.Fanout, { concurrency: 2 })
export class FanoutProcessor extends WorkerHost implements OnModuleDestroy {
  private readonly logger = new Logger(FanoutProcessor.name);

  constructor(private readonly fanout: FanoutStepUseCase) {
    super();
  }

  process(job: Job<FanoutStepPayload>): Promise<JobResult> {
    const { stepId } = fanoutStepPayload.parse(job.data);
    if (job.name === JobName.FanoutAdditions) return this.fanout.executeAdditions(stepId);
    return this.fanout.execute(stepId, (n) => job.updateProgress({ recipients: n }));
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
