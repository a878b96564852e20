import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';
import { LatencyBucket } from './latency-percentiles';

export interface StepLatencyBucket extends LatencyBucket {
  stepId: string;
  channel: string;
  kind: 'sent' | 'delivered';
}

/**
 * The time-to-reach histograms kept by the reach-counter triggers (src/database/reach-counters.ts): a few
 * hundred rows per incident at most, whatever the number of notifications, so no percentile is computed
 * over the notifications themselves.
 */
@Injectable()
export class ReachLatencyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Customers by the time of their first reach (any step or channel). */
  async customers(incidentId: string): Promise<LatencyBucket[]> {
    const rows = await this.prisma.incidentReachLatency.findMany({ where: { incidentId }, select: { bucketS: true, n: true } });
    return rows.map((r) => ({ bucketS: r.bucketS, n: Number(r.n) }));
  }

  /** Notifications per step and channel by the time of their first send and of their delivery. */
  async steps(incidentId: string): Promise<StepLatencyBucket[]> {
    const rows = await this.prisma.reachLatency.findMany({ where: { incidentId }, select: { stepId: true, channel: true, kind: true, bucketS: true, n: true } });
    return rows.map((r) => ({ stepId: r.stepId, channel: r.channel, kind: r.kind as StepLatencyBucket['kind'], bucketS: r.bucketS, n: Number(r.n) }));
  }
}
