import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { DispatchQueue } from '../queue/dispatch-queue.service';
import { sendJobId } from '../queue/queue.constants';
import { quitRedis, redisReady, settlesWithin } from '../queue/close-worker';
import { queuePrefix, redisOptions } from '../queue/redis-options';
import { LateAdditionsRepository } from './late-additions.repository';
import { NotificationRepository } from './notification.repository';
import { StepRepository } from './step.repository';
import { EscalationPass, EscalationService } from './escalation/escalation.service';

/** Waiting rows read per state and round (the oldest first), and rounds per pass while most of them were lost. */
const SCAN_ROWS = 5_000;
const MAX_SCAN_ROUNDS = 20;

/**
 * Postgres is the truth, Redis may lose everything. Every few seconds one worker (holding a lock) makes
 * Redis agree with Postgres again: due steps get their fan-out job, notifications whose job vanished get a
 * new one, rows stuck in `sending` by a dead worker go back to the queue, finished steps are closed.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReconcilerService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private redis?: Redis;
  private readonly owner = randomUUID();

  constructor(
    private readonly steps: StepRepository,
    private readonly notifications: NotificationRepository,
    private readonly queue: DispatchQueue,
    private readonly clock: Clock,
    private readonly additions: LateAdditionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly escalation: EscalationService,
  ) {}

  onApplicationBootstrap(): void {
    this.redis = new Redis({ ...redisOptions(this.config.REDIS_URL, 'worker'), lazyConnect: false });
    this.redis.on('error', () => undefined); // reconnects by itself; ticks fail and retry meanwhile
    const tick = () => {
      this.running = this.tick()
        .catch((e: Error) => this.logger.warn(`reconcile failed: ${e.message}`))
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

  /** One pass; returns what it repaired (also used by tests to force a pass). */
  async tick(): Promise<({ steps: number; requeued: number; expired: number; completed: number } & EscalationPass) | null> {
    if (!(await this.lock())) return null;
    const now = this.clock.now();
    let steps = 0;
    for (const s of await this.steps.dueSteps(now, 500)) {
      await this.queue.scheduleFanout(s.id, s.dueAt, now);
      steps++;
    }
    for (const id of await this.additions.stepsMissingAdditions(50)) await this.queue.addFanoutAdditions(id);
    const expired = await this.notifications.expireLeases(this.config.SENDING_LEASE_MS);
    const requeued = await this.requeueLost();
    // quiet hours ending, fallbacks after a late failure, reminders: time-driven, so here, under the same lock
    const escalation = await this.escalation.tick(now);
    let completed = 0;
    for (const s of await this.steps.dispatchedSteps(500)) if (await this.steps.completeIfDone(s.id, s.incidentId)) completed++;
    if (requeued || expired) this.logger.warn(`reconciled: ${requeued} notifications re-queued, ${expired} expired leases`);
    return { steps, requeued, expired, completed, ...escalation };
  }

  /**
   * Rows whose job is gone get a new one. A pass reads the oldest waiting rows (a big fan-out keeps a
   * million rows legitimately queued, so it does not read them all); when most of what it read was lost
   * (Redis flushed) it reads the next ones at once, so recovery keeps up with the senders.
   */
  private async requeueLost(): Promise<number> {
    let count = 0;
    for (let round = 0; round < MAX_SCAN_ROUNDS; round++) {
      const { read, requeued } = await this.requeueOldest();
      count += requeued;
      if (requeued < read / 2 || read < SCAN_ROWS) break;
    }
    return count;
  }

  private async requeueOldest(): Promise<{ read: number; requeued: number }> {
    // rows untouched for two intervals: long enough that a fan-out in progress has added their job
    const batches = await this.notifications.waitingBatches(this.config.RECONCILE_INTERVAL_MS * 2, SCAN_ROWS);
    const read = batches.reduce((n, b) => n + b.ids.length, 0);
    const live = await this.queue.liveSendJobs(batches.map((b) => b.jobId).filter((id): id is string => !!id));
    const lost = batches.filter((b) => !b.jobId || !live.has(b.jobId));
    if (!lost.length) return { read, requeued: 0 };
    const meta = new Map((await this.notifications.stillWaiting(lost.flatMap((b) => b.ids))).map((r) => [r.id, r]));
    const ids = [...meta.keys()];
    const generation = Date.now();
    let count = 0;
    for (let i = 0; i < ids.length; i += this.config.SEND_BATCH_SIZE) {
      const chunk = ids.slice(i, i + this.config.SEND_BATCH_SIZE);
      // one job per step within the chunk (a job carries one step)
      const byStep = new Map<string, string[]>();
      for (const id of chunk) {
        const m = meta.get(id);
        if (!m) continue;
        byStep.set(`${m.incident_id}/${m.step_id}`, [...(byStep.get(`${m.incident_id}/${m.step_id}`) ?? []), id]);
      }
      for (const [key, group] of byStep) {
        const [incidentId, stepId] = key.split('/');
        const jobId = sendJobId(group[0], generation);
        await this.queue.addSendBatches([{ jobId, payload: { incidentId, stepId, notificationIds: group } }]);
        await this.notifications.markQueued(group, group.map(() => jobId));
        count += group.length;
      }
    }
    return { read, requeued: count };
  }

  /** Only one scheduler acts at a time: a short Redis lock renewed by whoever holds it. */
  private async lock(): Promise<boolean> {
    if (!this.redis) return false;
    const key = `${queuePrefix(this.config.QUEUE_PREFIX)}:reconciler-lock`;
    const ttl = Math.max(this.config.RECONCILE_INTERVAL_MS * 3, 10_000);
    const got = await this.redis.set(key, this.owner, 'PX', ttl, 'NX');
    if (got === 'OK') return true;
    if ((await this.redis.get(key)) === this.owner) {
      await this.redis.pexpire(key, ttl);
      return true;
    }
    return false;
  }
}
