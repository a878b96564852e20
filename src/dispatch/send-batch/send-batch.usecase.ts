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
import { CustomerLike, incidentValues, OfferLike, renderContext } from '../../templates/render-context';
import { OffersService } from '../../offers/offers.service';
import { TemplateEngine } from '../../templates/template-engine';
import { FallbackService } from '../fallback.service';
import { JobResult, skipped, success } from '../job-result';
import { ClaimedNotification, NotificationRepository, SendResult } from '../notification.repository';
import { HALTED, StepContext, StepRepository } from '../step.repository';
import { TemplateResolver } from '../template-resolver';
import { ChannelThrottle } from '../throttle/channel-throttle';
import { Deferral, QuietHours } from '../quiet-hours/quiet-hours.service';
import { RelayCircuit } from '../relay-circuit/relay-circuit';
import { FLUSH_EVERY } from './in-flight-bound';
export { FLUSH_EVERY };
import { outages, unreachableDependency } from '../../observability/outage-log';

/** Thrown so BullMQ retries the job later (with backoff); only the rows still queued are sent again. */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
}

/**
 * Thrown when the batch's channel relay cannot be reached: the processor delays the job by `waitMs` without
 * counting an attempt (its rows were given back untried).
 */
export class RelayUnavailableError extends Error {
  constructor(
    readonly channel: string,
    readonly waitMs: number,
  ) {
    super(`${channel} relay unreachable; this batch waits ${waitMs} ms`);
  }
}

/** How long a failed write-back of outcomes is retried (a PostgreSQL restart) before the batch gives up. */
export const WRITE_BACK_RETRY_MS = 5 * 60_000;
const CONTEXT_TTL_MS = 2000;

/** A fallback channel's messages: no frozen versions (its newest version is used). */
const NO_PINS: Readonly<Record<string, string>> = Object.freeze({});

interface BatchScope {
  facts: unknown;
  /** incident.* of every message's render context */
  incident: Record<string, unknown>;
  /** locale → template version id of the step's own channel */
  pins: Record<string, string>;
  sharedHeaders: Readonly<Record<string, string>>;
  replyTo: string | undefined;
}

/** sendOne's answer for a message that was not tried (its relay is unreachable): no attempt spent. */
const UNTRIED = Symbol('untried');

/**
 * Sends one batch: claims its notifications (compare-and-set), renders each with the compiled template,
 * sends through the pooled transport with bounded concurrency, and writes outcomes back in bulk as they come.
 *
 * What a fault may cost is bounded by what is in flight: the claimed rows' lease is renewed while the batch
 * works (a dead worker's rows come back after SENDING_LEASE_MS, a live one's never); the first failed
 * write-back stops the batch from starting more sends while it retries; an unreachable relay stops the batch
 * and gives its rows back untried.
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
    private readonly circuit: RelayCircuit,
    private readonly offers: OffersService,
  ) {
    this.domain = /@([^>\s]+)>?\s*$/.exec(config.MAIL_FROM)?.[1] ?? new URL(config.PUBLIC_URL).hostname;
  }

  async execute(payload: SendBatchPayload): Promise<JobResult> {
    const step = await this.stepContext(payload.stepId);
    if (!step) return skipped('step not found');
    if (HALTED.includes(step.incident.state)) return skipped(`incident is ${step.incident.state}`);
    // the relay is known to be down and no probe is due: wait without claiming anything (once it has been
    // down for the whole retry window, batches go on, so rows queued that long fail over to the fallback).
    // Only when the batch's rows are on that channel: a batch of the step's fallback (an SMS after a bounced
    // email) goes out while the email relay is down — that is what a fallback is for.
    const wait = this.circuit.waitMs(step.channel);
    if (wait > 0 && this.circuit.openForMs(step.channel) < this.config.SEND_RETRY_WINDOW_SECONDS * 1000) {
      const channels = await this.notifications.channelsOf(payload.notificationIds);
      if (channels.every((c) => c === step.channel)) throw new RelayUnavailableError(step.channel, wait);
    }

    // the claim itself checks the incident is live (kill switch per batch, no extra round trip)
    const claimed = await this.notifications.claim(payload.notificationIds, step.incidentId);
    if (!claimed.length) return skipped('nothing to send in this batch (already sent, or the incident is paused or cancelled)');
    const lease = this.holdLeases(claimed);
    try {
      // the step's offer: each customer's code is assigned here, once (idempotent, one statement per batch),
      // and read back, so every message, resend, reminder and fallback carries the same code
      const customerIds = claimed.map((n) => n.customer_id).filter((c): c is string => !!c);
      const offers = step.offerId ? await this.offers.variablesFor(step.offerId, step.incidentId, customerIds) : undefined;
      return await this.sendClaimed(step, claimed, lease.taken, offers);
    } finally {
      lease.stop();
    }
  }

  private async sendClaimed(step: StepContext, claimed: ClaimedNotification[], taken: ReadonlySet<string>, offers?: Map<string, OfferLike>): Promise<JobResult> {
    let sent = 0;
    let failed = 0;
    let retry = 0;
    const failedForGood: string[] = [];
    const handled = new Set<string>();
    const writer = new BatchWriter<SendResult>(FLUSH_EVERY, (r) => this.notifications.recordResults(r), {
      forMs: WRITE_BACK_RETRY_MS,
      onFailure: (e) => (unreachableDependency(e) ? outages.failed('postgres', e) : undefined),
    });
    const deferred: Deferral[] = [];
    const scope = this.batchScope(step);
    // lanes take no new message once a write-back failed: what they would send could not be recorded
    await forEachLimit(
      claimed,
      this.config.SEND_CONCURRENCY,
      async (n) => {
        // a non-urgent SMS in the customer's night waits for the morning (nothing is tried, nothing rendered)
        const quiet = this.quietHours.deferral(step, n);
        if (quiet) {
          handled.add(n.id);
          return void deferred.push(quiet);
        }
        if (this.circuit.waitMs(n.channel) > 0) return; // its relay went down meanwhile: given back below
        if (taken.has(n.id)) return void handled.add(n.id); // its lease was taken back (this worker stalled): another sends it
        // the channel's rate limit (all workers) and in-flight cap (this process) apply per message
        const result = await this.throttle.run(n.channel, () => this.sendOne(step, scope, n, offers));
        if (result === UNTRIED) return;
        handled.add(n.id);
        if (result.state === 'sent') sent++;
        else if (result.state === 'failed') {
          failed++;
          failedForGood.push(n.id);
        } else retry++;
        this.metrics.send(n.channel, result.state === 'queued' ? 'retry' : result.state);
        await writer.push(result);
      },
      () => writer.failed !== undefined,
    ).finally(() => writer.drain());
    const untriedRows = claimed.filter((n) => !handled.has(n.id));
    const untried = untriedRows.map((n) => n.id);
    // the channel they wait for: the step's, or its fallback's when this batch carries fallback rows
    const waitingOn = untriedRows[0]?.channel ?? step.channel;
    const relayDown = this.circuit.downSince(waitingOn);
    const why = writer.failed
      ? `not sent yet: recording outcomes failed (${writer.failed.message}); retried`
      : `waiting: the ${waitingOn} relay has been unreachable since ${relayDown?.toISOString() ?? 'just now'}`;
    const expired = await this.notifications.releaseUntried(untried, why, this.config.SEND_RETRY_WINDOW_SECONDS);
    await this.notifications.defer(deferred);
    await this.fallBack(step, claimed, [...failedForGood, ...expired]);
    await this.steps.completeIfDone(step.id, step.incidentId);
    if (writer.failed) throw new RetryLaterError(`${untried.length} of ${claimed.length} sends held back after a failed write-back (${writer.failed.message})`);
    if (untried.length > expired.length) throw new RelayUnavailableError(waitingOn, Math.max(this.circuit.waitMs(waitingOn), 250));
    if (retry) throw new RetryLaterError(`${retry} of ${claimed.length} sends failed temporarily; retrying`);
    return success({ sent, failed });
  }

  /**
   * Renews the claimed rows' sending lease every quarter lease until the batch is done, and collects the rows
   * whose lease was taken back meanwhile (this process stalled longer than a lease, or lost the database
   * while another worker did not): those are skipped, another worker sends them.
   */
  private holdLeases(claimed: ClaimedNotification[]): { taken: ReadonlySet<string>; stop: () => void } {
    const taken = new Set<string>();
    const held = claimed.map((n) => ({ id: n.id, attempts: n.attempts }));
    const timer = setInterval(() => {
      this.notifications
        .renewLeases(held)
        .then((still) => {
          for (const h of held) if (!still.has(h.id)) taken.add(h.id);
        })
        .catch((e: Error) => {
          const down = unreachableDependency(e);
          if (down) outages.failed(down, e);
        });
    }, Math.max(250, Math.floor(this.config.SENDING_LEASE_MS / 4)));
    return { taken, stop: () => clearInterval(timer) };
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

  /** What every message of a batch shares, worked out once per batch rather than once per message. */
  private batchScope(step: StepContext): BatchScope {
    const approved = step.approvedSnapshot as { facts?: unknown; templateVersions?: Record<string, string> } | null;
    return {
      // an approved step sends exactly what was approved: those facts and those template versions
      facts: approved?.facts ?? step.incident.facts,
      incident: incidentValues(step.incident),
      pins: approved?.templateVersions ?? (step.templateVersions as Record<string, string>),
      // one object for the whole batch: the mail transport finds the step's MIME skeleton by it
      sharedHeaders: { 'X-Tocsin-Incident': step.incidentId },
      replyTo: (step.definition as { replyTo?: string }).replyTo,
    };
  }

  private async sendOne(step: StepContext, scope: BatchScope, n: ClaimedNotification, offers?: Map<string, OfferLike>): Promise<SendResult | typeof UNTRIED> {
    const base = { id: n.id, providerMessageId: null, templateVersionId: null };
    const offer = offers && n.customer_id ? offers.get(n.customer_id) : undefined;
    // never a remedy message without its code (a pool emptied by another incident since the declare check)
    if (offers && n.customer_id && !offer) return { ...base, state: 'failed', error: 'the offer pool has no code left for this customer (upload more codes, then resend)' };
    const recipient = this.recipientOf(step, n);
    // frozen versions are the step's own channel's; a fallback channel uses its newest version
    const pins = n.channel === step.channel ? scope.pins : NO_PINS;
    const template = await this.resolver.resolve(pins, step.templateKey, n.channel, recipient.locale, step.incident.defaultLocale);
    if (!template) return { ...base, state: 'failed', error: `no ${n.channel} template '${step.templateKey}' for locale ${recipient.locale}` };

    // a customer's message links to their notice page (derived again, never stored: see NoticeLinks)
    const notice = n.customer_id ? { url: this.noticeLinks.url(step.incidentId, n.customer_id) } : undefined;
    let rendered;
    try {
      rendered = this.engine.render(template.id, template, renderContext(recipient, step.incident, scope.facts, notice, offer, scope.incident));
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
            headers: { 'X-Tocsin-Notification': n.id },
            sharedHeaders: scope.sharedHeaders,
            replyTo: scope.replyTo,
          });
    if (outcome.unreachable) {
      this.circuit.unreachable(n.channel, outcome.error ?? 'unreachable');
      return UNTRIED;
    }
    this.circuit.reached(n.channel);
    const withTemplate = { ...base, templateVersionId: template.id };
    if (outcome.ok) return { ...withTemplate, state: 'sent', providerMessageId: outcome.providerId ?? null, providerResponse: outcome.response ?? null, error: null };
    if (outcome.permanent) return { ...withTemplate, state: 'failed', error: outcome.error ?? 'rejected' };
    // a temporary failure is retried for the retry window from the first attempt (a queue lifetime), then final
    const triedForMs = Date.now() - new Date(n.first_attempt_at).getTime();
    if (triedForMs >= this.config.SEND_RETRY_WINDOW_SECONDS * 1000) {
      return { ...withTemplate, state: 'failed', error: `gave up after ${n.attempts} attempts over ${formatSpan(triedForMs)}: ${outcome.error}` };
    }
    return { ...withTemplate, state: 'queued', error: outcome.error ?? 'temporary failure' };
  }
}

/** 90 s, 12 min, 26.5 h: how long a notice was retried, for its final error. */
function formatSpan(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 2 * 3600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3600_000).toFixed(1)} h`;
}
