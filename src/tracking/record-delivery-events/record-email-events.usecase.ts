import { Injectable, Logger } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { zodIssues } from '../../common/errors/zod-issues';
import { DeliveryEventInput, DeliveryEventKind, DeliveryEventOutcome, notificationIdFromMessageId } from '../delivery-event';
import { DeliveryEventRepository } from '../delivery-event.repository';
import { parseEmailReport } from '../dsn/email-report.parser';
import { EmailEvent, emailEventsBody } from '../dto/email-event.dto';
import { TrackingMetrics } from '../tracking.metrics';

export interface RecordedEvents {
  received: number;
  applied: number;
  events: DeliveryEventOutcome[];
}

/**
 * Email provider events: a bounce message (raw RFC 822, usually an RFC 3464 DSN) or the JSON event form.
 * Every event is kept as evidence; only delivered, hard-bounce and complaint events change a notification.
 */
@Injectable()
export class RecordEmailEventsUseCase {
  private readonly logger = new Logger(RecordEmailEventsUseCase.name);

  constructor(
    private readonly repository: DeliveryEventRepository,
    private readonly metrics: TrackingMetrics,
  ) {}

  async fromMessage(raw: Buffer): Promise<RecordedEvents> {
    if (!raw.length) throw new AppException(ErrorCode.ValidationFailed, 'The body is empty: post the bounce message itself');
    return this.record([await parseEmailReport(raw)]);
  }

  async fromJson(raw: Buffer): Promise<RecordedEvents> {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (e) {
      throw new AppException(ErrorCode.MalformedBody, `Request body is not valid JSON: ${(e as Error).message}`);
    }
    const parsed = emailEventsBody.safeParse(body);
    if (!parsed.success) {
      const details = zodIssues(parsed.error);
      throw new AppException(ErrorCode.ValidationFailed, `Invalid event (${details[0]?.path || 'body'}: ${details[0]?.message})`, details);
    }
    const list = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    return this.record(list.map((e) => fromJsonEvent(e)));
  }

  private async record(events: DeliveryEventInput[]): Promise<RecordedEvents> {
    const outcomes = await this.repository.record('email', events);
    for (const o of outcomes) {
      this.metrics.event(o.kind, o.applied);
      // ids only: never the address or the message (they are personal data)
      this.logger.log({ msg: 'delivery event', notificationId: o.notificationId, kind: o.kind, status: o.status, matched: o.matched, applied: o.applied });
    }
    return { received: outcomes.length, applied: outcomes.filter((o) => o.applied).length, events: outcomes };
  }
}

function fromJsonEvent(e: EmailEvent): DeliveryEventInput {
  const kind: DeliveryEventKind =
    e.type === 'delivered'
      ? 'delivered'
      : e.type === 'complained'
        ? 'complaint'
        : e.type === 'failed'
          ? 'failed'
          : e.status?.startsWith('4')
            ? 'soft_bounce'
            : 'hard_bounce';
  return {
    source: 'json',
    kind,
    notificationId: e.notificationId?.toLowerCase() ?? notificationIdFromMessageId(e.messageId),
    status: e.status ?? null,
    reason: e.reason ?? null,
    occurredAt: e.at ? new Date(e.at) : null,
    raw: JSON.stringify(e),
  };
}
