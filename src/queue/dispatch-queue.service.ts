import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { fanoutJobId, FanoutStepPayload, JobName, QueueName, SendBatchPayload } from './queue.constants';

export interface SendBatch {
  jobId: string;
  payload: SendBatchPayload;
}

/** The only place jobs are added: typed payloads, deterministic ids. */
@Injectable()
export class DispatchQueue {
  constructor(
    @InjectQueue(QueueName.Fanout) readonly fanout: Queue<FanoutStepPayload>,
    @InjectQueue(QueueName.Send) readonly send: Queue<SendBatchPayload>,
  ) {}

  /**
   * Fires a step's fan-out when due. Bounded in time: with Redis down a queue call would wait for the
   * connection forever, and a declare must answer (Postgres already holds the schedule; the reconciler
   * fires it once Redis is back).
   */
  scheduleFanout(stepId: string, dueAt: Date, now: Date): Promise<void> {
    return withinMs(QUEUE_CALL_MS, this.scheduleFanoutNow(stepId, dueAt, now));
  }

  private async scheduleFanoutNow(stepId: string, dueAt: Date, now: Date): Promise<void> {
    const jobId = fanoutJobId(stepId);
    const existing = await this.fanout.getJob(jobId);
    const delay = Math.max(0, dueAt.getTime() - now.getTime());
    if (existing) {
      const state = await existing.getState();
      if (state === 'delayed' && delay === 0) return existing.promote(); // due now by our clock: fire it
      if (!DEAD.has(state)) return; // still live
      await existing.remove().catch(() => undefined);
    }
    await this.fanout.add(JobName.FanoutStep, { stepId }, { jobId, delay });
  }

  /** Late additions: one job per step, deduplicated while it waits. */
  async addFanoutAdditions(stepId: string): Promise<void> {
    await withinMs(QUEUE_CALL_MS, this.fanout.add(JobName.FanoutAdditions, { stepId }, { jobId: `additions-${stepId}-${Date.now()}` }));
  }

  async addSendBatches(batches: SendBatch[]): Promise<void> {
    if (!batches.length) return;
    await this.send.addBulk(batches.map((b) => ({ name: JobName.SendBatch, data: b.payload, opts: { jobId: b.jobId } })));
  }

  /** Which of these send jobs are still live in Redis (waiting, delayed, active or waiting to retry). */
  async liveSendJobs(jobIds: string[]): Promise<Set<string>> {
    const states = await Promise.all(jobIds.map((id) => this.send.getJobState(id)));
    return new Set(jobIds.filter((_, i) => !DEAD.has(states[i])));
  }
}

const DEAD = new Set(['completed', 'failed', 'unknown']);
const QUEUE_CALL_MS = 3000;

function withinMs<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the queue (Redis) did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
