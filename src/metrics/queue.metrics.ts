import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { PrismaService } from '../database/prisma.service';
import { QueueName } from '../queue/queue.constants';
import { MetricsRegistry } from './metrics.registry';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

/**
 * Gauges read at scrape time in the API: queue depths from Redis and steps by state from Postgres (a small
 * table). A backing service that does not answer shows as `tocsin_backend_up 0`, never as a failed scrape.
 */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly prisma: PrismaService,
    @InjectQueue(QueueName.Fanout) private readonly fanout: Queue,
    @InjectQueue(QueueName.Send) private readonly send: Queue,
    @InjectQueue(QueueName.Import) private readonly importQueue: Queue,
  ) {}

  onModuleInit(): void {
    const up = this.metrics.gauge('tocsin_backend_up', 'Whether a backing service answered this scrape (1) or not (0)', ['backend']);
    this.metrics.gauge('tocsin_queue_jobs', 'Jobs in each BullMQ queue by state', ['queue', 'state'], async (g) => {
      g.reset();
      try {
        const queues = [this.fanout, this.send, this.importQueue];
        const counts = await withTimeout(Promise.all(queues.map((q) => q.getJobCounts(...STATES))), 2000);
        queues.forEach((q, i) => STATES.forEach((s) => g.set({ queue: q.name, state: s }, counts[i][s] ?? 0)));
        up.set({ backend: 'redis' }, 1);
      } catch {
        up.set({ backend: 'redis' }, 0);
      }
    });
    // fan-out progress in notifications, from the trigger-kept counters (a few rows per step, never the notifications)
    this.metrics.gauge('tocsin_notifications', 'Notifications of live incidents by channel and state (pending → queued → sending → sent …)', ['channel', 'state'], async (g) => {
      g.reset();
      try {
        const rows = await withTimeout(
          this.prisma.$queryRaw<{ channel: string; state: string; n: bigint }[]>`
            SELECT rc.channel, rc.state::text, sum(rc.n)::bigint AS n FROM reach_counter rc JOIN incident i ON i.id = rc.incident_id
            WHERE i.state IN ('declared', 'notifying', 'monitoring', 'paused') GROUP BY 1, 2`,
          2000,
        );
        for (const r of rows) g.set({ channel: r.channel, state: r.state }, Number(r.n));
      } catch {
        // tocsin_backend_up{backend="postgres"} says so
      }
    });
    // customers per live incident, from the same trigger-kept counter as the reach report's headline
    // (reached: src/common/reach-definition.ts; unreached = affected - reached, the rows of unreached.csv)
    this.metrics.gauge('tocsin_incident_customers', 'Customers of live incidents: affected, reached (now), unreached, opened and acknowledged (notice page)', ['incident', 'measure'], async (g) => {
      g.reset();
      try {
        const rows = await withTimeout(
          this.prisma.$queryRaw<{ id: string; affected: bigint; reached: bigint; opened: bigint; acknowledged: bigint }[]>`
            SELECT c.incident_id::text AS id, c.affected, c.reached, c.opened, c.acknowledged FROM incident_counter c JOIN incident i ON i.id = c.incident_id
            WHERE i.state IN ('declared', 'notifying', 'monitoring', 'paused')`,
          2000,
        );
        for (const r of rows) {
          const [affected, reached] = [Number(r.affected), Number(r.reached)];
          const values = { affected, reached, unreached: Math.max(0, affected - reached), opened: Number(r.opened), acknowledged: Number(r.acknowledged) };
          for (const [measure, v] of Object.entries(values)) g.set({ incident: r.id, measure }, v);
        }
      } catch {
        // tocsin_backend_up{backend="postgres"} says so
      }
    });
    this.metrics.gauge('tocsin_incident_steps', 'Incident steps by state (fan-out progress: scheduled → fanning_out → dispatched → completed)', ['state'], async (g) => {
      g.reset();
      try {
        const rows = await withTimeout(this.prisma.$queryRaw<{ state: string; n: bigint }[]>`SELECT state::text, count(*) AS n FROM incident_step GROUP BY state`, 2000);
        for (const r of rows) g.set({ state: r.state }, Number(r.n));
        up.set({ backend: 'postgres' }, 1);
      } catch {
        up.set({ backend: 'postgres' }, 0);
      }
    });
  }
}
