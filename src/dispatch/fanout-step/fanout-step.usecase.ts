import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { NoticeRepository } from '../../notices/notice.repository';
import { PopulationRepository } from '../../incidents/population/population.repository';
import { DispatchQueue, SendBatch } from '../../queue/dispatch-queue.service';
import { sendJobId } from '../../queue/queue.constants';
import { JobResult, skipped, success } from '../job-result';
import { FallbackService } from '../fallback.service';
import { LateAdditionsRepository } from '../late-additions.repository';
import { NotificationRepository } from '../notification.repository';
import { HALTED, StepContext, StepRepository } from '../step.repository';
import { DEFAULT_MAX_LATENESS_MINUTES, recipientKey, RunbookStep } from '../../runbooks/runbook-definition';

/**
 * Turns a due step into notifications and send jobs: reads the affected population in keyset pages (a
 * population still being inserted after its declare is read as it grows; the step ends only once it is whole),
 * creates each page's notification rows in one statement (already queued, with their job's id), adds one
 * send job per batch of recipients (addBulk), and saves its cursor after every page so a crash resumes instead of starting over.
 */
@Injectable()
export class FanoutStepUseCase {
  private readonly logger = new Logger(FanoutStepUseCase.name);

  constructor(
    private readonly steps: StepRepository,
    private readonly notifications: NotificationRepository,
    private readonly queue: DispatchQueue,
    private readonly clock: Clock,
    private readonly additions: LateAdditionsRepository,
    private readonly fallback: FallbackService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly noticePages: NoticeRepository,
    private readonly population: PopulationRepository,
  ) {}

  async execute(stepId: string, onProgress?: (created: number) => Promise<void>): Promise<JobResult> {
    const step = await this.steps.load(stepId);
    if (!step) return skipped('step not found');
    if (HALTED.includes(step.incident.state)) return skipped(`incident is ${step.incident.state}`);
    const now = this.clock.now();
    if (!step.dueAt) return skipped('waits for a milestone');
    if (step.dueAt > now) {
      await this.queue.scheduleFanout(step.id, step.dueAt, now);
      return skipped('not due yet; rescheduled');
    }
    const definition = step.definition as Partial<RunbookStep>;
    if (step.state === 'scheduled') {
      // a notice written for Monday must not go out on Thursday unseen: too late → back to a person
      const reference = Math.max(step.dueAt.getTime(), step.incident.declaredAt.getTime(), step.approvedAt?.getTime() ?? 0);
      const lateBy = now.getTime() - reference;
      const allowed = (definition.maxLatenessMinutes ?? DEFAULT_MAX_LATENESS_MINUTES) * 60_000;
      if (lateBy > allowed && (await this.steps.holdLate(step.id, step.incidentId, step.dueAt, now))) {
        return skipped(`running late by ${Math.round(lateBy / 60_000)} min: waits for re-approval`);
      }
    }
    if (!(await this.steps.startFanout(step.id))) return skipped(`step is already ${step.state}`);
    await this.steps.markNotifying(step.incidentId);
    if (step.audience !== 'affected_customers') return this.fanoutToRecipients(step, (definition.recipients ?? []).map((r) => ({ address: recipientKey(r) })));

    // pages are read in keyset order and materialised up to FANOUT_CONCURRENCY at once; the saved cursor
    // only moves over pages that are done, in order, so a crash resumes from the first page not done (a page
    // done beyond it is read again: its rows exist, ON CONFLICT returns none, the jobs are not added twice)
    let readFrom = step.fanoutCursor;
    // each page's outcome is held (never a rejected promise nobody awaits yet: that would end the process)
    type Outcome = { ok: true; pageSize: number; jobs: number } | { ok: false; error: unknown };
    const inflight: { last: string; work: Promise<Outcome> }[] = [];
    let materialized = 0;
    let jobs = 0;
    const settleOldest = async () => {
      const page = inflight.shift()!;
      const done = await page.work;
      if (!done.ok) throw done.error;
      await this.steps.saveCursor(step.id, page.last);
      materialized += done.pageSize;
      jobs += done.jobs;
      await onProgress?.(materialized);
    };
    try {
      for (;;) {
        // kill switch: checked per page
        const state = await this.steps.incidentState(step.incidentId);
        if (!state || HALTED.includes(state)) {
          while (inflight.length) await settleOldest();
          return skipped(`incident became ${state} during fan-out; resumes from the cursor`);
        }

        // read before the page: a population seen whole here has every row committed before the page is read
        const whole = await this.population.isComplete(step.incidentId);
        // a fan-out's first page is small, one batch for each of a worker's job slots, so the first messages
        // leave while the full pages are written (a page of 5,000 takes half a second on a busy database)
        const size = readFrom === null ? Math.min(this.config.FANOUT_PAGE_SIZE, this.config.SEND_BATCH_SIZE * this.config.WORKER_CONCURRENCY) : this.config.FANOUT_PAGE_SIZE;
        const range = await this.notifications.nextRange(step.incidentId, readFrom, size);
        if (range.last) {
          const work = this.materializePage(step, definition, readFrom, range.last, now).then(
            (p): Outcome => ({ ok: true, ...p }),
            (error: unknown): Outcome => ({ ok: false, error }),
          );
          inflight.push({ last: range.last, work });
          readFrom = range.last;
          if (inflight.length >= this.config.FANOUT_CONCURRENCY) await settleOldest();
        }
        if (range.count < size) {
          if (whole) break;
          // the population is still being inserted after its declare: this fan-out caught up with it, so it
          // inserts the next page itself (or waits for whoever holds it), then reads on
          await this.population.insertOnePage(step.incidentId, this.config.POPULATION_PAGE_SIZE);
        }
      }
      while (inflight.length) await settleOldest();
    } finally {
      // a page that failed stops the fan-out (the job retries from the cursor): the others still finish first,
      // so nothing is left running behind the retry
      await Promise.all(inflight.map((p) => p.work));
    }
    await this.steps.markDispatched(step.id);
    await this.steps.completeIfDone(step.id, step.incidentId);
    this.logger.log(`step ${step.stepKey} of incident ${step.incidentId}: ${materialized} recipients, ${jobs} send jobs`);
    return success({ recipients: materialized, jobs });
  }

  /**
   * One keyset page (after, last]: its notifications and its customers' notice pages (the link in their
   * message) in two statements side by side, both there before any of the page's messages is queued, then its
   * send jobs.
   */
  private async materializePage(step: StepContext, definition: Partial<RunbookStep>, after: string | null, last: string, now: Date): Promise<{ pageSize: number; jobs: number }> {
    const [page] = await Promise.all([
      this.notifications.materializePage(step.incidentId, step.id, step.channel, after, last, this.config.SEND_BATCH_SIZE, definition.filter),
      this.noticePages.createForRange(step.incidentId, after, last, now),
    ]);
    // the rows already say `queued` with their job's id: a crash before this line leaves rows whose job does
    // not exist, which the reconciler finds and queues again (never a row with no record)
    await this.queue.addSendBatches(page.batches.map((b) => ({ jobId: b.jobId, payload: { incidentId: step.incidentId, stepId: step.id, notificationIds: b.ids } })));
    if (this.fallback.fallbackOf(step)) {
      // customers this channel cannot reach at all go to the fallback channel straight away (read from the
      // rows, not from what this statement inserted: a page read again after a crash moves them too)
      await this.fallback.move(step, await this.notifications.suppressedCustomers(step.id, step.channel, after, last));
    }
    return { pageSize: page.pageSize, jobs: page.batches.length };
  }

  /** Customers added after this step started: their notifications now, once (see LateAdditionsRepository). */
  async executeAdditions(stepId: string): Promise<JobResult> {
    const step = await this.steps.load(stepId);
    if (!step) return skipped('step not found');
    if (step.audience !== 'affected_customers' || !['fanning_out', 'dispatched', 'completed'].includes(step.state)) return skipped(`step is ${step.state}`);
    if (HALTED.includes(step.incident.state)) return skipped(`incident is ${step.incident.state}`);
    const ids = await this.additions.materialize(step.incidentId, step.id, step.channel, (step.definition as Partial<RunbookStep>).filter);
    if (!ids.length) return skipped('no customer without this notice');
    await this.noticePages.createForNotifications(ids, this.clock.now());
    await this.additions.reopen(step.id);
    const batches = this.batches(step.incidentId, step.id, ids);
    await this.queue.addSendBatches(batches);
    await this.notifications.markQueued(
      batches.flatMap((b) => b.payload.notificationIds),
      batches.flatMap((b) => b.payload.notificationIds.map(() => b.jobId)),
    );
    this.logger.log(`step ${step.stepKey}: ${ids.length} late additions`);
    return success({ recipients: ids.length, jobs: batches.length });
  }

  /** Regulator, internal and list steps: a handful of fixed addresses, no customer behind them. */
  private async fanoutToRecipients(step: StepContext, recipients: { address: string; name?: string }[]): Promise<JobResult> {
    const ids = await this.notifications.materializeRecipients(step.incidentId, step.id, step.channel, recipients);
    const batches = this.batches(step.incidentId, step.id, ids);
    await this.queue.addSendBatches(batches);
    await this.notifications.markQueued(
      batches.flatMap((b) => b.payload.notificationIds),
      batches.flatMap((b) => b.payload.notificationIds.map(() => b.jobId)),
    );
    await this.steps.markDispatched(step.id);
    await this.steps.completeIfDone(step.id, step.incidentId);
    return success({ recipients: recipients.length, jobs: batches.length });
  }

  private batches(incidentId: string, stepId: string, ids: string[]): SendBatch[] {
    const size = this.config.SEND_BATCH_SIZE;
    const out: SendBatch[] = [];
    for (let i = 0; i < ids.length; i += size) {
      const chunk = ids.slice(i, i + size);
      out.push({ jobId: sendJobId(chunk[0]), payload: { incidentId, stepId, notificationIds: chunk } });
    }
    return out;
  }
}
