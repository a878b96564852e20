/** What one provider event or bounce message says about one notification. */
export const DELIVERY_EVENT_KINDS = ['delivered', 'hard_bounce', 'soft_bounce', 'auto_reply', 'complaint', 'unknown', 'failed', 'accepted'] as const;
export type DeliveryEventKind = (typeof DELIVERY_EVENT_KINDS)[number];

export interface DeliveryEventInput {
  /** dsn: a bounce message; json: our JSON event form; form: an SMS provider's form-encoded status callback */
  source: 'dsn' | 'json' | 'form';
  kind: DeliveryEventKind;
  /** the notification named by the message (Message-ID or X-Tocsin-Notification); null when none */
  notificationId: string | null;
  /** enhanced status code (RFC 3463), e.g. 5.1.1 */
  status: string | null;
  reason: string | null;
  occurredAt: Date | null;
  /** the message or event exactly as received, kept as evidence */
  raw: string;
  /** a `failed` event that says the address itself is bad (e.g. not a mobile number): suppress the channel for the customer */
  suppress?: boolean;
}

export interface DeliveryEventOutcome {
  notificationId: string | null;
  kind: DeliveryEventKind;
  status: string | null;
  /** a notification with this id exists */
  matched: boolean;
  /** the notification's state (or complaint mark) changed because of this event */
  applied: boolean;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Tocsin's Message-ID is `<notificationId@domain>`: the notification id, or null for any other id. */
export function notificationIdFromMessageId(messageId: string | null | undefined): string | null {
  const m = /^\s*<?([0-9a-f-]{36})@[^>\s]+>?\s*$/i.exec(messageId ?? '');
  return m && UUID.test(m[1]) ? m[1].toLowerCase() : null;
}

export function isUuid(v: string | null | undefined): v is string {
  return !!v && v.length === 36 && UUID.test(v);
}
