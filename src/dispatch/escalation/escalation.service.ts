import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { DispatchQueue, SendBatch } from '../../queue/dispatch-queue.service';
import { sendJobId } from '../../queue/queue.constants';
import { SENDABLE_CHANNELS } from '../../templates/dto/template.dto';
import { FallbackService } from '../fallback.service';
import { NotificationRepository } from '../notification.repository';
import { StepRepository } from '../step.repository';
import { DueReminder, EscalationRepository } from './escalation.repository';

const PROMOTE_ROWS = 5000;
const FALLBACK_ROWS = 5000;
const REMINDER_STEPS = 20;
const REMINDER_PAGE = 5000;
/** pages per reminder per pass: a huge reminder goes on at the next pass (its cursor is saved) instead of holding the lock */
const REMINDER_PAGES_PER_PASS = 20;

// a type, not an interface: the reconciler's metrics hook takes the pass as a Record<string, number>
export type EscalationPass = {
  promoted: number;
  fallbacks: number;
  reminders: number;
};

/**
 * The time-driven part of dispatch, run by the reconciler's pass (one scheduler at a time, under its lock;
 * everything it needs is in Postgres, so a restart or a Redis flush loses nothing):
 * - quiet hours: deferred SMS whose time has come go to the send queue;
 * - fallback: customers whose notice failed for good after it was sent (an SMS provider's undelivered
 *   callback, an email bounce event) get the step's fallback channel, once;
 * - reminders: a step's reminder rule, once its time is up, sends each customer it selects the notice again
 *   on the rule's channel (else the first fallback channel, else the same channel), once.
 */
@Injectable()
export class EscalationService {
  private readonly logger = new Logger(EscalationService.name);

  constructor(
    private readonly escalation: EscalationRepository,
    private readonly notifications: NotificationRepository,
    private readonly steps: StepRepository,
    private readonly fallback: FallbackService,
    private readonly queue: DispatchQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async tick(now: Date): Promise<EscalationPass> {
    const promoted = await this.promoteDeferred(now);
    const fallbacks = await this.fallBackAfterFailure();
    let reminders = 0;
    for (const due of await this.escalation.dueReminders(now, REMINDER_STEPS)) reminders += await this.remind(due);
    if (promoted || fallbacks || reminders) this.logger.log(`escalation: ${promoted} deferred sent, ${fallbacks} fallbacks, ${reminders} reminders`);
    return { promoted, fallbacks, reminders };
  }

  private async promoteDeferred(now: Date): Promise<number> {
    const rows = await this.notifications.promoteDeferred(now, PROMOTE_ROWS);
    const byStep = new Map<string, { incidentId: string; ids: string[] }>();
    for (const r of rows) {
      const s = byStep.get(r.step_id) ?? { incidentId: r.incident_id, ids: [] };
      byStep.set(r.step_id, s);
      s.ids.push(r.id);
    }
    for (const [stepId, s] of byStep) await this.enqueue(s.incidentId, stepId, s.ids);
    return rows.length;
  }

  private async fallBackAfterFailure(): Promise<number> {
    let moved = 0;
    for (const f of await this.escalation.failedWithoutFallback(FALLBACK_ROWS)) {
      const step = await this.steps.load(f.stepId);
      if (step) moved += await this.fallback.move(step, f.customerIds);
    }
    return moved;
  }

  private async remind(due: DueReminder): Promise<number> {
    const parent = await this.steps.load(due.id);
    if (!parent) return 0;
    const channel = due.rule.channel ?? this.fallback.fallbackOf(parent) ?? parent.channel;
    if (!(SENDABLE_CHANNELS as readonly string[]).includes(channel)) return 0;
    const sameChannel = channel === parent.channel;
    const approved = parent.approvedSnapshot as { facts?: unknown; templateVersions?: unknown } | null;
    const definition = parent.definition as Record<string, unknown>;
    const reminder = await this.escalation.ensureReminderStep(parent.incidentId, parent.stepKey, {
      channel,
      templateKey: parent.templateKey,
      // the versions frozen for the step are its own channel's; another channel sends its newest version
      templateVersions: sameChannel ? parent.templateVersions : {},
      approvedSnapshot: approved ? { facts: approved.facts, templateVersions: sameChannel ? approved.templateVersions : {} } : null,
      approvedAt: parent.approvedAt,
      definition: { ...definition, id: `${parent.stepKey}:reminder`, reminderOf: parent.stepKey, reminder: undefined, fallbackChannels: [], meets: [] },
    });
    if (reminder.state !== 'fanning_out') return 0;

    let cursor = reminder.fanoutCursor;
    let created = 0;
    for (let page = 0; page < REMINDER_PAGES_PER_PASS; page++) {
      const p = await this.escalation.materializeReminderPage(parent.incidentId, parent.id, reminder.id, channel, due.rule.when, cursor, REMINDER_PAGE);
      if (p.pendingIds.length) await this.enqueue(parent.incidentId, reminder.id, p.pendingIds);
      created += p.pendingIds.length;
      if (p.last) {
        await this.escalation.saveCursor(reminder.id, p.last);
        cursor = p.last;
      }
      if (!p.last || p.pageSize < REMINDER_PAGE) {
        await this.finish(reminder.id, parent.incidentId, due, channel, created);
        break;
      }
    }
    return created;
  }

  private async finish(reminderId: string, incidentId: string, due: DueReminder, channel: string, created: number): Promise<void> {
    await this.escalation.finishReminder(reminderId, incidentId, due.dueAt, { step: due.stepKey, channel, when: due.rule.when, reminders: created });
    await this.steps.completeIfDone(reminderId, incidentId);
  }

  /** Jobs before the queued mark (a crash in between leaves rows pending, which the reconciler re-queues). */
  private async enqueue(incidentId: string, stepId: string, ids: string[]): Promise<void> {
    // a generation in the job id: the first send's completed job may still be kept under the plain id
    const generation = Date.now();
    const batches: SendBatch[] = [];
    for (let i = 0; i < ids.length; i += this.config.SEND_BATCH_SIZE) {
      const chunk = ids.slice(i, i + this.config.SEND_BATCH_SIZE);
      batches.push({ jobId: sendJobId(chunk[0], generation), payload: { incidentId, stepId, notificationIds: chunk } });
    }
    await this.queue.addSendBatches(batches);
    await this.notifications.markQueued(
      batches.flatMap((b) => b.payload.notificationIds),
      batches.flatMap((b) => b.payload.notificationIds.map(() => b.jobId)),
    );
  }
}
