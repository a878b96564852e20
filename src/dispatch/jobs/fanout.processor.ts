import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { fanoutStepPayload, FanoutStepPayload, QueueName } from '../../queue/queue.constants';
import { FanoutStepUseCase } from '../fanout-step/fanout-step.usecase';
import { JobResult } from '../job-result';

/** Thin: validates the payload and calls the use case; progress is the number of recipients materialised. */
@Processor(QueueName.Fanout, { concurrency: 2 })
export class FanoutProcessor extends WorkerHost {
  constructor(private readonly fanout: FanoutStepUseCase) {
    super();
  }

  process(job: Job<FanoutStepPayload>): Promise<JobResult> {
    const { stepId } = fanoutStepPayload.parse(job.data);
    return this.fanout.execute(stepId, (n) => job.updateProgress({ recipients: n }));
  }
}
