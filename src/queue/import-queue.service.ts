import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ImportCustomersPayload, importJobId, JobName, QueueName } from './queue.constants';

/** Adds customer-import jobs: one per import, with a deterministic id so a repeated add is a no-op. */
@Injectable()
export class ImportQueue {
  constructor(@InjectQueue(QueueName.Import) readonly queue: Queue<ImportCustomersPayload>) {}

  async enqueue(importId: string): Promise<void> {
    const jobId = importJobId(importId);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (!['completed', 'failed', 'unknown'].includes(state)) return;
      await existing.remove().catch(() => undefined);
    }
    await this.queue.add(JobName.ImportCustomers, { importId }, { jobId });
  }
}
