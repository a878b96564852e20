import { Injectable } from '@nestjs/common';
import { LogContactUseCase } from '../log-contact/log-contact.usecase';
import { NoticeQuestionLimiter } from './notice-question.limiter';

export const MAX_QUESTION = 1000;
/** The reason a notice-page question is filed under (the customer does not pick one; agents see this). */
export const NOTICE_QUESTION_REASON = 'Question from the notice page';

export type QuestionOutcome = { stored: true } | { invalid: true } | { retryAfterSeconds: number };

/**
 * A question a customer asks from their notice page: checked (text, length), counted against the limits
 * (per link, per address), then stored as a contact of channel notice_page for that incident, so it shows
 * in the agent view and the incident's contact figures like any call. The page checks the link, the
 * same-origin rule and the form token before calling this.
 */
@Injectable()
export class NoticeQuestionService {
  constructor(
    private readonly limiter: NoticeQuestionLimiter,
    private readonly log: LogContactUseCase,
  ) {}

  async ask(page: { tokenHash: Buffer; incidentId: string; customerId: string }, form: Record<string, unknown>, address: string | undefined): Promise<QuestionOutcome> {
    const question = parseQuestion(form.question);
    if (question === null) return { invalid: true };
    const wait = await this.limiter.take(page.tokenHash, address);
    if (wait) return { retryAfterSeconds: wait };
    await this.log.fromNoticePage(page.customerId, page.incidentId, question, NOTICE_QUESTION_REASON);
    return { stored: true };
  }
}

/** The question as written (line ends normalised, trimmed), or null when empty, too long or not text. */
export function parseQuestion(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  return text && text.length <= MAX_QUESTION ? text : null;
}
