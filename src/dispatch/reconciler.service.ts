import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { DispatchQueue, SendBatch } from '../queue/dispatch-queue.service';
import { sendJobId } from '../queue/queue.constants';
import { quitRedis, redisReady, settlesWithin } from '../queue/close-worker';
import { queuePrefix, redisOptions } from '../queue/redis-options';
import { LateAdditionsRepository } from './late-additions.repository';
import { PopulationRepository } from '../incidents/population/population.repository';
import { NotificationRepository } from './notification.repository';
import { StepRepository } from './step.repository';
import { EscalationPass, EscalationService } from './escalation/escalation.service';
import { outages, unreachableDependency } from '../observability/outage-log';
import { watchRedis } from '../observability/watch-redis';

/** Waiting rows read per state and round (the oldest first), and rounds per pass while most of them were lost. */
const SCAN_ROWS = 5_000;
const MAX_SCAN_ROUNDS = 20;
/** A population nobody advanced for this long, and nobody is inserting (its row is not locked), belongs to a declare that stopped. */
const POPULATION_IDLE_MS = 10_000;

/**
 * Postgres is the truth, Redis may lose everything. Every few seconds one worker (holding a lock) makes
 * Redis agree with Postgres again: due steps get their fan-out job, notifications whose job vanished get a
 * new one, rows stuck in `sending` by a dead worker go back to the queue, finished steps are closed, and an
 * affected population whose declare stopped half-way is finished.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReconcilerService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private redis?: Redis;
  private readonly owner = randomUUID();
  /** when a pass last failed (the database or Redis unreachable): leases are not expired for a lease period after */
  private failedAt = 0;
  /** what this process's passes repaired since it started (read by the fault tests and the metrics) */
  readonly totals = { requeued: 0, expired: 0 };

  constructor(
    private readonly steps: StepRepository,
    private readonly notifications: NotificationRepository,
    private readonly queue: DispatchQueue,
    private readonly clock: Clock,
    private readonly additions: LateAdditionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly escalation: EscalationService,
    private readonly population: PopulationRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.redis = new Redis({ ...redisOptions(this.config.REDIS_URL, 'worker'), lazyConnect: false });
    watchRedis(this.redis); // reconnects by itself; ticks fail and retry meanwhile
    const tick = () => {
      this.running = this.tick()
        .catch((e: Error) => {
          this.failedAt = Date.now();
          const down = unreachableDependency(e);
          if (down) outages.failed(down, e);
          else this.logger.warn(`reconcile failed: ${e.message}`);
        })
        .finally(() => {
          this.running = undefined;
          if (this.redis) this.timer = setTimeout(tick, this.config.RECONCILE_INTERVAL_MS);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.timer);
    const r = this.redis;
    this.redis = undefined;
    // with Redis gone a pass waits on it forever (its queue calls too): give it a moment, then leave it
    if (redisReady(r)) await this.running;
    else await settlesWithin(this.running ?? Promise.resolve(), 1000);
    await quitRedis(r);
  }

  /**
   * One pass; returns what it repaired (also used by tests to force a pass), or null when another worker
   * holds the lock. The lock is renewed while the pass runs and checked between its parts: a pass that lost
   * it (expired during a long stall, or Redis flushed) stops, so two passes never re-queue the same rows.
   */
  async tick(): Promise<({ steps: number; requeued: number; expired: number; completed: number } & EscalationPass) | null> {
    const lock = await this.lock();
    if (!lock) return null;
    try {
      const now = this.clock.now();
      let steps = 0;
      for (const s of await this.steps.dueSteps(now, 500)) {
        await this.queue.scheduleFanout(s.id, s.dueAt, now);
        steps++;
      }
      lock.check();
      for (const id of await this.additions.stepsMissingAdditions(50)) await this.queue.addFanoutAdditions(id);
      // a population whose declare stopped half-way (the API process died): finished here
      for (const id of await this.population.stalled(POPULATION_IDLE_MS, 5)) {
        lock.check();
        await this.population.complete(id, this.config.POPULATION_PAGE_SIZE);
        this.logger.warn(`finished the affected population of incident ${id} (its declare stopped before)`);
      }
      const expired = await this.expireLeases();
      lock.check();
      const requeued = await this.requeueLost(lock);
      // quiet hours ending, fallbacks after a late failure, reminders: time-driven, so here, under the same lock
      lock.check();
      const escalation = await this.escalation.tick(now);
      let completed = 0;
      for (const s of await this.steps.dispatchedSteps(500)) if (await this.steps.completeIfDone(s.id, s.incidentId)) completed++;
      this.totals.requeued += requeued;
      this.totals.expired += expired;
      if (requeued || expired) this.logger.warn(`reconciled: ${requeued} notifications re-queued, ${expired} expired leases`);
      return { steps, requeued, expired, completed, ...escalation };
    } finally {
      await lock.release();
    }
  }

  /**
   * Rows left in `sending` whose lease lapsed (their worker died) go back to the queue. Not while this process
   * has just seen the database or Redis fail: a live worker cannot renew its leases through an outage either,
   * so a lease only counts once a whole lease period has passed without one.
   */
  private async expireLeases(): Promise<number> {
    if (Date.now() - this.failedAt < this.config.SENDING_LEASE_MS) return 0;
    return this.notifications.expireLeases(this.config.SENDING_LEASE_MS);
  }

  /**
   * Rows whose job is gone get a new one. A pass reads the oldest waiting rows (a big fan-out keeps a
   * million rows legitimately queued, so it does not read them all); when most of what it read was lost
   * (Redis flushed) it reads the next ones at once, so recovery keeps up with the senders.
   */
  private async requeueLost(lock: HeldLock): Promise<number> {
    let count = 0;
    for (let round = 0; round < MAX_SCAN_ROUNDS; round++) {
      lock.check();
      const { read, requeued } = await this.requeueOldest();
      count += requeued;
      if (requeued < read / 2 || read < SCAN_ROWS) break;
    }
    return count;
  }

  /**
   * One round: the oldest waiting rows whose job is gone get new jobs, added in one call and recorded in one
   * statement. Requeued rows are younger than the scan's threshold afterwards, so the next round (or pass)
   * reads the next ones: a pass is bounded (MAX_SCAN_ROUNDS) and the work resumes where it stopped.
   */
  private async requeueOldest(): Promise<{ read: number; requeued: number }> {
    // rows untouched for two intervals: long enough that a fan-out in progress has added their job
    const batches = await this.notifications.waitingBatches(this.config.RECONCILE_INTERVAL_MS * 2, SCAN_ROWS);
    const read = batches.reduce((n, b) => n + b.ids.length, 0);
    const live = await this.queue.liveSendJobs(batches.map((b) => b.jobId).filter((id): id is string => !!id));
    const lost = batches.filter((b) => !b.jobId || !live.has(b.jobId));
    if (!lost.length) return { read, requeued: 0 };
    const waiting = await this.notifications.stillWaiting(lost.flatMap((b) => b.ids));
    // one job per step and SEND_BATCH_SIZE rows (a job carries one step)
    const byStep = new Map<string, typeof waiting>();
    for (const r of waiting) {
      const key = `${r.incident_id}/${r.step_id}`;
      const group = byStep.get(key);
      if (group) group.push(r);
      else byStep.set(key, [r]);
    }
    const generation = Date.now();
    const jobs: SendBatch[] = [];
    for (const group of byStep.values()) {
      for (let i = 0; i < group.length; i += this.config.SEND_BATCH_SIZE) {
        const chunk = group.slice(i, i + this.config.SEND_BATCH_SIZE);
        const { incident_id: incidentId, step_id: stepId } = chunk[0];
        jobs.push({ jobId: sendJobId(chunk[0].id, generation), payload: { incidentId, stepId, notificationIds: chunk.map((r) => r.id) } });
      }
    }
    await this.queue.addSendBatches(jobs);
    await this.notifications.markQueued(
      jobs.flatMap((j) => j.payload.notificationIds),
      jobs.flatMap((j) => j.payload.notificationIds.map(() => j.jobId)),
    );
    return { read, requeued: waiting.length };
  }

  /**
   * Only one scheduler acts at a time, across every worker process: a Redis lock with a time to live, renewed
   * (compare-and-renew: only by its owner) every third of it while a pass runs. check() throws once a renewal
   * found the lock gone or someone else's.
   */
  private async lock(): Promise<HeldLock | null> {
    const redis = this.redis;
    if (!redis) return null;
    const key = `${queuePrefix(this.config.QUEUE_PREFIX)}:reconciler-lock`;
    const ttl = Math.max(this.config.RECONCILE_INTERVAL_MS * 3, 10_000);
    const mine = (await redis.set(key, this.owner, 'PX', ttl, 'NX')) === 'OK' || Number(await redis.eval(RENEW, 1, key, this.owner, ttl)) === 1;
    if (!mine) return null;
    let lost = false;
    const renew = setInterval(() => {
      redis
        .eval(RENEW, 1, key, this.owner, ttl)
        .then((ok) => {
          if (Number(ok) !== 1) lost = true;
        })
        .catch(() => undefined); // Redis away: the pass's own queue calls fail too
    }, Math.floor(ttl / 3));
    return {
      check: () => {
        if (lost) throw new Error('the reconciler lock was lost during the pass (another worker holds it now); stopping this pass');
      },
      release: async () => {
        clearInterval(renew);
      },
    };
  }
}

/** A held reconciler lock: check() between the parts of a pass. */
interface HeldLock {
  check(): void;
  release(): Promise<void>;
}

/** Renews the lock's time to live only if it is still ours. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
