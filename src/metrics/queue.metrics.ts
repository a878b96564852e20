import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { PrismaService } from '../database/prisma.service';
import { QueueName } from '../queue/queue.constants';
import { MetricsRegistry } from './metrics.registry';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

/** null: the backing service did not answer within the scrape's time. */
const orNull = <T>(p: Promise<T>): Promise<T | null> => withTimeout(p, 2000).catch(() => null);

type CustomerRow = { id: string; affected: bigint; reached: bigint; opened: bigint; acknowledged: bigint };

/** What one scrape reads from Redis and Postgres. */
interface Readings {
  queues: { name: string; counts: Record<string, number> }[] | null;
  notifications: { channel: string; state: string; n: bigint }[] | null;
  customers: CustomerRow[] | null;
  steps: { state: string; n: bigint }[] | null;
}

/**
 * Gauges read at scrape time in the API: queue depths from Redis and steps by state from Postgres (a small
 * table). A backing service that does not answer shows as `tocsin_backend_up 0`, never as a failed scrape.
 */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  private current?: Promise<Readings>;

  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly prisma: PrismaService,
    @InjectQueue(QueueName.Fanout) private readonly fanout: Queue,
    @InjectQueue(QueueName.Send) private readonly send: Queue,
    @InjectQueue(QueueName.Import) private readonly importQueue: Queue,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge('tocsin_backend_up', 'Whether a backing service answered this scrape (1) or not (0)', ['backend'], async (g) => {
      const r = await this.readings();
      g.set({ backend: 'redis' }, r.queues ? 1 : 0);
      g.set({ backend: 'postgres' }, r.notifications && r.customers && r.steps ? 1 : 0);
    });
    this.metrics.gauge('tocsin_queue_jobs', 'Jobs in each BullMQ queue by state', ['queue', 'state'], async (g) => {
      g.reset();
      for (const q of (await this.readings()).queues ?? []) for (const s of STATES) g.set({ queue: q.name, state: s }, q.counts[s] ?? 0);
    });
    // fan-out progress in notifications, from the trigger-kept counters (a few rows per step, never the notifications)
    this.metrics.gauge('tocsin_notifications', 'Notifications of live incidents by channel and state (pending → queued → sending → sent …)', ['channel', 'state'], async (g) => {
      g.reset();
      for (const r of (await this.readings()).notifications ?? []) g.set({ channel: r.channel, state: r.state }, Number(r.n));
    });
    // customers per live incident, from the same trigger-kept counter as the reach report's headline
    // (reached: src/common/reach-definition.ts; unreached = affected - reached, the rows of unreached.csv)
    this.metrics.gauge('tocsin_incident_customers', 'Customers of live incidents: affected, reached (now), unreached, opened and acknowledged (notice page)', ['incident', 'measure'], async (g) => {
      g.reset();
      for (const r of (await this.readings()).customers ?? []) {
        const [affected, reached] = [Number(r.affected), Number(r.reached)];
        const values = { affected, reached, unreached: Math.max(0, affected - reached), opened: Number(r.opened), acknowledged: Number(r.acknowledged) };
        for (const [measure, v] of Object.entries(values)) g.set({ incident: r.id, measure }, v);
      }
    });
    this.metrics.gauge('tocsin_incident_steps', 'Incident steps by state (fan-out progress: scheduled → fanning_out → dispatched → completed)', ['state'], async (g) => {
      g.reset();
      for (const r of (await this.readings()).steps ?? []) g.set({ state: r.state }, Number(r.n));
    });
  }

  /**
   * The reads of the current scrape, shared by the gauges above. prom-client starts every collect() of one
   * scrape in the same tick and prints each gauge once its own collect() is done, so sharing one read per
   * tick gives one set of queries per scrape and a `tocsin_backend_up` about this scrape's queries (a gauge
   * set from another gauge's collect() would print the previous scrape's answer, or nothing on the first).
   */
  private readings(): Promise<Readings> {
    if (!this.current) {
      this.current = this.read();
      setImmediate(() => (this.current = undefined));
    }
    return this.current;
  }

  private async read(): Promise<Readings> {
    const queues = [this.fanout, this.send, this.importQueue];
    const [counts, notifications, customers, steps] = await Promise.all([
      orNull(Promise.all(queues.map((q) => q.getJobCounts(...STATES)))),
      orNull(this.prisma.$queryRaw<{ channel: string; state: string; n: bigint }[]>`
        SELECT rc.channel, rc.state::text, sum(rc.n)::bigint AS n FROM reach_counter rc JOIN incident i ON i.id = rc.incident_id
        WHERE i.state IN ('declared', 'notifying', 'monitoring', 'paused') GROUP BY 1, 2`),
      orNull(this.prisma.$queryRaw<CustomerRow[]>`
        SELECT c.incident_id::text AS id, c.affected, c.reached, c.opened, c.acknowledged FROM incident_counter c JOIN incident i ON i.id = c.incident_id
        WHERE i.state IN ('declared', 'notifying', 'monitoring', 'paused')`),
      orNull(this.prisma.$queryRaw<{ state: string; n: bigint }[]>`SELECT state::text, count(*) AS n FROM incident_step GROUP BY state`),
    ]);
    return { queues: counts && queues.map((q, i) => ({ name: q.name, counts: counts[i] })), notifications, customers, steps };
  }
}
