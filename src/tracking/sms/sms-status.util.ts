import { DeliveryEventKind } from '../delivery-event';

/**
 * Error codes of the common SMS provider that say the number itself cannot receive messages (invalid,
 * not a mobile, unknown handset, landline, opted out): the channel is suppressed for the customer, so later
 * steps and incidents do not try it again. Others (handset off, carrier filtering, queue overflow) are a
 * failure of this message only.
 */
export const NUMBER_ERRORS: Record<string, string> = {
  '21211': 'invalid To phone number',
  '21214': 'To phone number cannot be reached',
  '21401': 'invalid phone number',
  '21421': 'phone number is invalid',
  '21610': 'the recipient unsubscribed (replied STOP)',
  '21614': 'To number is not a valid mobile number',
  '30005': 'unknown destination handset',
  '30006': 'landline or unreachable carrier',
};

const KNOWN_ERRORS: Record<string, string> = {
  ...NUMBER_ERRORS,
  '30003': 'unreachable destination handset',
  '30004': 'message blocked',
  '30007': 'message filtered by the carrier',
  '30008': 'unknown error',
};

/** What a callback status means for the notification. */
export function kindOfSmsStatus(status: string): DeliveryEventKind {
  if (status === 'delivered' || status === 'read') return 'delivered';
  if (status === 'undelivered' || status === 'failed') return 'failed';
  if (['queued', 'accepted', 'scheduled', 'sending', 'sent'].includes(status)) return 'accepted';
  return 'unknown';
}

/** The reason stored on a failed notification: the status, the code and what the code means. */
export function smsFailureReason(status: string, code: string | undefined): string {
  if (!code) return `SMS ${status} (no error code)`;
  const meaning = KNOWN_ERRORS[code];
  return `SMS ${status}: error ${code}${meaning ? ` (${meaning})` : ''}`;
}
