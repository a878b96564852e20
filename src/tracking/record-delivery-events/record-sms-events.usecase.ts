import { Injectable, Logger } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { zodIssues } from '../../common/errors/zod-issues';
import { DeliveryEventInput } from '../delivery-event';
import { DeliveryEventRepository } from '../delivery-event.repository';
import { smsStatusCallbackSchema } from '../dto/sms-event.dto';
import { kindOfSmsStatus, NUMBER_ERRORS, smsFailureReason } from '../sms/sms-status.util';
import { TrackingMetrics } from '../tracking.metrics';
import { RecordedEvents } from './record-email-events.usecase';

const MAX_EVIDENCE_CHARS = 16 * 1024;
const UNKNOWN_SID_RETRIES = 4;
const UNKNOWN_SID_WAIT_MS = 500;

/**
 * SMS status callbacks (the common provider shape): delivered moves a sent SMS to delivered; undelivered or
 * failed fails it for good with the provider's error code as the reason (suppressing the number when the code
 * says it is bad); the scheduler then gives the customer the step's fallback channel. Every callback is kept
 * as evidence; an unknown MessageSid is recorded and changes nothing; a repeated callback changes nothing.
 */
@Injectable()
export class RecordSmsEventsUseCase {
  private readonly logger = new Logger(RecordSmsEventsUseCase.name);

  constructor(
    private readonly repository: DeliveryEventRepository,
    private readonly metrics: TrackingMetrics,
  ) {}

  async fromForm(raw: Buffer): Promise<RecordedEvents> {
    const params = new URLSearchParams(raw.toString('utf8'));
    const parsed = smsStatusCallbackSchema.safeParse(Object.fromEntries(['MessageSid', 'MessageStatus', 'ErrorCode', 'To'].flatMap((k) => (params.has(k) ? [[k, params.get(k)]] : []))));
    if (!parsed.success) {
      const details = zodIssues(parsed.error);
      throw new AppException(ErrorCode.ValidationFailed, `Invalid status callback (${details[0]?.path || 'body'}: ${details[0]?.message})`, details);
    }
    const { MessageSid: sid, MessageStatus: status, ErrorCode: code } = parsed.data;
    let ids = await this.repository.smsByProviderId([sid]);
    // a callback can overtake its own send's result (written in batches of 25): look again for a moment
    // before calling the id unknown, so a quick `delivered` is not lost
    for (let i = 0; !ids.size && i < UNKNOWN_SID_RETRIES; i++) {
      await new Promise((r) => setTimeout(r, UNKNOWN_SID_WAIT_MS));
      ids = await this.repository.smsByProviderId([sid]);
    }
    const kind = kindOfSmsStatus(status);
    const event: DeliveryEventInput = {
      source: 'form',
      kind,
      notificationId: ids.get(sid) ?? null,
      status: code ?? null,
      reason: kind === 'failed' ? smsFailureReason(status, code) : `SMS ${status}`,
      occurredAt: null,
      raw: evidence(raw),
      suppress: kind === 'failed' && !!code && code in NUMBER_ERRORS,
    };
    const outcomes = await this.repository.record('sms', [event]);
    for (const o of outcomes) {
      this.metrics.event(o.kind, o.applied);
      // ids only: never the number or the message (they are personal data)
      this.logger.log({ msg: 'sms status', notificationId: o.notificationId, sid, smsStatus: status, errorCode: code, matched: o.matched, applied: o.applied });
    }
    return { received: outcomes.length, applied: outcomes.filter((o) => o.applied).length, events: outcomes };
  }
}

function evidence(raw: Buffer): string {
  const text = raw.toString('utf8').replace(/\u0000/g, '');
  return text.length > MAX_EVIDENCE_CHARS ? `${text.slice(0, MAX_EVIDENCE_CHARS)}\n[… truncated by Tocsin at ${MAX_EVIDENCE_CHARS} characters]` : text;
}
