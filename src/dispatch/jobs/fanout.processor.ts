import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { fanoutStepPayload, FanoutStepPayload, JobName, QueueName } from '../../queue/queue.constants';
import { FanoutStepUseCase } from '../fanout-step/fanout-step.usecase';
import { JobResult } from '../job-result';
import { GracefulWorkerHost } from './graceful-worker-host';

/** Thin: validates the payload and calls the use case; progress is the number of recipients materialised. */
@Processor(QueueName.Fanout, { concurrency: 2 })
export class FanoutProcessor extends GracefulWorkerHost {
  constructor(private readonly fanout: FanoutStepUseCase) {
    super();
  }

  process(job: Job<FanoutStepPayload>): Promise<JobResult> {
    const { stepId } = fanoutStepPayload.parse(job.data);
    if (job.name === JobName.FanoutAdditions) return this.fanout.executeAdditions(stepId);
    return this.fanout.execute(stepId, (n) => job.updateProgress({ recipients: n }));
  }
}
