import { Inject, Injectable } from '@nestjs/common';
import { BatchWriter, forEachLimit } from '../../common/concurrency';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { MailTransport } from '../../channels/email/mail-transport';
import { SmsProvider } from '../../channels/sms/sms-provider';
import { WebhookChannel } from '../../channels/webhook/webhook-channel';
import { recipientKey, type StepRecipient } from '../../runbooks/runbook-definition';
import { NoticeLinks } from '../../notices/notice-links.service';
import { ensureNoticeLink } from '../../notices/ensure-notice-link.util';
import { DispatchMetrics } from '../../metrics/dispatch.metrics';
import { SendBatchPayload } from '../../queue/queue.constants';
import { CustomerLike, renderContext } from '../../templates/render-context';
import { TemplateEngine } from '../../templates/template-engine';
import { FallbackService } from '../fallback.service';
import { JobResult, skipped, success } from '../job-result';
import { ClaimedNotification, NotificationRepository, SendResult } from '../notification.repository';
import { HALTED, StepContext, StepRepository } from '../step.repository';
import { TemplateResolver } from '../template-resolver';
import { ChannelThrottle } from '../throttle/channel-throttle';
import { Deferral, QuietHours } from '../quiet-hours/quiet-hours.service';

/** Thrown so BullMQ retries the job later (with backoff); only the rows still queued are sent again. */
export class RetryLaterError extends Error {}

/** Outcomes written back every this many sends: with the lanes in flight, what a crash may repeat (see test/worker-crash). */
export const FLUSH_EVERY = 25;
const CONTEXT_TTL_MS = 2000;

/**
 * Sends one batch: claims its notifications (compare-and-set), renders each with the compiled template,
 * sends through the pooled transport with bounded concurrency, and writes outcomes back in bulk as they come.
 */
@Injectable()
export class SendBatchUseCase {
  private readonly domain: string;
  private readonly contexts = new Map<string, { at: number; step: StepContext }>();

  constructor(
    private readonly quietHours: QuietHours,
    private readonly steps: StepRepository,
    private readonly notifications: NotificationRepository,
    private readonly resolver: TemplateResolver,
    private readonly engine: TemplateEngine,
    private readonly mail: MailTransport,
    private readonly sms: SmsProvider,
    private readonly fallback: FallbackService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: DispatchMetrics,
    private readonly noticeLinks: NoticeLinks,
    private readonly throttle: ChannelThrottle,
    private readonly webhooks: WebhookChannel,
  ) {
    this.domain = /@([^>\s]+)>?\s*$/.exec(config.MAIL_FROM)?.[1] ?? new URL(config.PUBLIC_URL).hostname;
  }

  async execute(payload: SendBatchPayload): Promise<JobResult> {
    const step = await this.stepContext(payload.stepId);
    if (!step) return skipped('step not found');
    if (HALTED.includes(step.incident.state)) return skipped(`incident is ${step.incident.state}`);

    // the claim itself checks the incident is live (kill switch per batch, no extra round trip)
    const claimed = await this.notifications.claim(payload.notificationIds, step.incidentId);
    if (!claimed.length) return skipped('nothing to send in this batch (already sent, or the incident is paused or cancelled)');

    let sent = 0;
    let failed = 0;
    let retry = 0;
    const failedForGood: string[] = [];
    const writer = new BatchWriter<SendResult>(FLUSH_EVERY, (r) => this.notifications.recordResults(r));
    const deferred: Deferral[] = [];
    await forEachLimit(claimed, this.config.SEND_CONCURRENCY, async (n) => {
      // a non-urgent SMS in the customer's night waits for the morning (nothing is tried, nothing rendered)
      const quiet = this.quietHours.deferral(step, n);
      if (quiet) return void deferred.push(quiet);
      // the channel's rate limit (all workers) and in-flight cap (this process) apply per message
      const result = await this.throttle.run(n.channel, () => this.sendOne(step, n));
      if (result.state === 'sent') sent++;
      else if (result.state === 'failed') {
        failed++;
        failedForGood.push(n.id);
      }
      else retry++;
      this.metrics.send(step.channel, result.state === 'queued' ? 'retry' : result.state);
      await writer.push(result);
    });
    await writer.drain();
    await this.notifications.defer(deferred);
    await this.fallBack(step, claimed, failedForGood);
    await this.steps.completeIfDone(step.id, step.incidentId);
    if (retry) throw new RetryLaterError(`${retry} of ${claimed.length} sends failed temporarily; retrying`);
    return success({ sent, failed });
  }

  /** A customer whose notice failed for good on the step's channel gets it on the fallback channel. */
  private async fallBack(step: StepContext, claimed: ClaimedNotification[], failedIds: string[]): Promise<void> {
    const customers = claimed.filter((c) => failedIds.includes(c.id) && c.customer_id && c.channel === step.channel).map((c) => c.customer_id as string);
    await this.fallback.move(step, customers);
  }

  /**
   * The step's context (incident, definition, frozen versions) changes rarely: cached for a moment so a
   * fan-out of thousands of batches does not reload it for each one. Pause/cancel are enforced by the claim.
   */
  private async stepContext(stepId: string): Promise<StepContext | null> {
    const hit = this.contexts.get(stepId);
    if (hit && Date.now() - hit.at < CONTEXT_TTL_MS) return hit.step;
    const step = await this.steps.load(stepId);
    if (this.contexts.size > 1000) this.contexts.clear();
    if (step) this.contexts.set(stepId, { at: Date.now(), step });
    return step;
  }

  /** The customer, or for regulator/internal/list steps the address (or webhook endpoint) named in the runbook. */
  private recipientOf(step: StepContext, n: ClaimedNotification): CustomerLike {
    if (n.customer_id) {
      return { externalId: n.external_id!, name: n.name, email: n.email, phone: n.phone, locale: n.locale ?? 'en', timezone: n.timezone ?? 'UTC', attributes: n.attributes ?? {} };
    }
    const listed = ((step.definition as { recipients?: StepRecipient[] }).recipients ?? []).find((r) => recipientKey(r) === n.recipient);
    const email = n.channel === 'webhook' ? null : n.recipient;
    return { externalId: n.recipient, name: listed?.name ?? null, email, phone: null, locale: step.incident.defaultLocale, timezone: 'UTC', attributes: {} };
  }

  private async sendOne(step: StepContext, n: ClaimedNotification): Promise<SendResult> {
    const base = { id: n.id, providerMessageId: null, templateVersionId: null };
    const recipient = this.recipientOf(step, n);
    const approved = step.approvedSnapshot as { facts?: unknown; templateVersions?: Record<string, string> } | null;
    // an approved step sends exactly what was approved: those facts and those template versions
    // frozen versions are the step's own channel's; a fallback channel uses its newest version
    const pins = n.channel === step.channel ? (approved?.templateVersions ?? (step.templateVersions as Record<string, string>)) : {};
    const template = await this.resolver.resolve(pins, step.templateKey, n.channel, recipient.locale, step.incident.defaultLocale);
    if (!template) return { ...base, state: 'failed', error: `no ${n.channel} template '${step.templateKey}' for locale ${recipient.locale}` };

    // a customer's message links to their notice page (derived again, never stored: see NoticeLinks)
    const notice = n.customer_id ? { url: this.noticeLinks.url(step.incidentId, n.customer_id) } : undefined;
    let rendered;
    try {
      rendered = this.engine.render(template.id, template, renderContext(recipient, step.incident, approved?.facts ?? step.incident.facts, notice));
      if (notice) rendered = ensureNoticeLink(rendered, notice.url, n.channel);
    } catch (e) {
      return { ...base, templateVersionId: template.id, state: 'failed', error: `template ${template.key} v${template.version}: ${(e as Error).message}` };
    }
    const outcome =
      n.channel === 'webhook'
        ? // the body is the webhook template's JSON tree, serialised once: the signed bytes are the sent bytes
          await this.webhooks.send(n.id, n.recipient, JSON.stringify(rendered.body ?? {}))
        : n.channel === 'sms'
        ? await this.sms.send({ notificationId: n.id, to: n.recipient, body: rendered.text })
        : await this.mail.send({
            messageId: `<${n.id}@${this.domain}>`,
            to: { name: recipient.name, address: n.recipient },
            subject: rendered.subject,
            html: rendered.html,
            text: rendered.text,
            headers: { 'X-Tocsin-Notification': n.id, 'X-Tocsin-Incident': step.incidentId },
          });
    const withTemplate = { ...base, templateVersionId: template.id };
    if (outcome.ok) return { ...withTemplate, state: 'sent', providerMessageId: outcome.providerId ?? null, error: null };
    if (outcome.permanent) return { ...withTemplate, state: 'failed', error: outcome.error ?? 'rejected' };
    if (n.attempts >= this.config.SEND_MAX_ATTEMPTS) {
      return { ...withTemplate, state: 'failed', error: `gave up after ${n.attempts} attempts: ${outcome.error}` };
    }
    return { ...withTemplate, state: 'queued', error: outcome.error ?? 'temporary failure' };
  }
}
