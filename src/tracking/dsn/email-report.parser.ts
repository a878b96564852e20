// Reads a bounce or automatic reply received by email (RFC 3464 delivery status notifications and the
// non-standard kinds seen in the wild) and says what it means for the notification it refers to.
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import { DeliveryEventInput, DeliveryEventKind, isUuid, notificationIdFromMessageId } from '../delivery-event';
import { parseDeliveryStatus, RecipientStatus } from './delivery-status.util';

/** Evidence kept per message; a DSN with the returned notice attached is a few KB, this is plenty. */
export const MAX_EVIDENCE_CHARS = 256 * 1024;

const STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const ORIGINAL_TYPES = new Set(['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers']);
const OOO_SUBJECT = /^\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|autoreply|vacation|away from (the )?office|abwesenheitsnotiz|r[ée]ponse automatique|absent)\b/i;

export async function parseEmailReport(raw: Buffer): Promise<DeliveryEventInput> {
  const mail = await simpleParser(raw, { keepDeliveryStatus: true, skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const base = { source: 'dsn' as const, occurredAt: mail.date ?? null, raw: evidence(raw) };
  const original = await parseOriginal(mail.attachments.find((a) => ORIGINAL_TYPES.has(a.contentType.toLowerCase())));
  const notificationId = idFromOriginal(original) ?? idFromReferences(mail) ?? idFromText(raw.toString('utf8')) ?? idFromText(mail.text ?? '');

  const statusPart = mail.attachments.find((a) => STATUS_TYPES.has(a.contentType.toLowerCase()));
  if (statusPart) {
    // a real DSN: what it says decides, even though MTAs mark DSNs `Auto-Submitted: auto-replied` too
    const { recipients } = parseDeliveryStatus(statusPart.content.toString('utf8'));
    // a DSN about several recipients: the block about our message's recipient decides, when it can be told
    const ours = recipients.filter((r) => original?.to.has(addressOf(r.finalRecipient)) || original?.to.has(addressOf(r.originalRecipient)));
    const worst = mostSevere(ours.length ? ours : recipients);
    return {
      ...base,
      notificationId,
      kind: worst ? kindOf(worst) : 'unknown',
      status: worst?.status ?? null,
      reason: worst ? reasonOf(worst) : 'delivery report without a recipient status',
    };
  }
  if (isAutoReply(mail)) {
    return { ...base, notificationId, kind: 'auto_reply', status: null, reason: oneLine(mail.subject) ?? 'automatic reply' };
  }
  // plain-text bounces (no delivery-status part): only the X-Failed-Recipients header that Exim and Gmail
  // set makes us read a status code out of the prose
  if (mail.headers.has('x-failed-recipients')) {
    const status = /\b([45]\.\d{1,3}\.\d{1,3})\b/.exec(mail.text ?? '')?.[1] ?? null;
    const kind: DeliveryEventKind = status?.startsWith('5') ? 'hard_bounce' : status?.startsWith('4') ? 'soft_bounce' : 'unknown';
    return { ...base, notificationId, kind, status, reason: oneLine(mail.subject) ?? 'delivery failure' };
  }
  return { ...base, notificationId, kind: 'unknown', status: null, reason: oneLine(mail.subject) ?? null };
}

/**
 * The action decides first (RFC 3464 §2.3.3): `failed` is final whatever the status class: with a 5.x.x
 * (or no) status a hard bounce (the address is suppressed), with a 4.x.x status a final failure whose cause
 * was temporary (the relay gave up after its queue lifetime: undelivered, the address not condemned).
 * `delayed` is a soft bounce (still being retried); `delivered` and `expanded` ("successfully delivered to
 * the recipient address as specified by the sender", then forwarded) are delivered. `relayed` is NOT a
 * delivery: the message went on to a server that will not report success, so it is only accepted further
 * down (the notification stays `sent`, and a failure that the next server returns later still counts).
 * Without an action, the class.
 */
export function kindOf(r: Pick<RecipientStatus, 'action' | 'status'>): DeliveryEventKind {
  if (r.action === 'failed') return r.status?.startsWith('4') ? 'failed' : 'hard_bounce';
  if (r.action === 'delayed') return 'soft_bounce';
  if (r.action === 'delivered' || r.action === 'expanded') return 'delivered';
  if (r.action === 'relayed') return 'accepted';
  if (r.status?.startsWith('5')) return 'hard_bounce';
  if (r.status?.startsWith('4')) return 'soft_bounce';
  if (r.status?.startsWith('2')) return 'delivered';
  return 'unknown';
}

function mostSevere(rs: RecipientStatus[]): RecipientStatus | undefined {
  const rank: Record<DeliveryEventKind, number> = { hard_bounce: 6, failed: 5, soft_bounce: 4, delivered: 3, unknown: 2, auto_reply: 1, complaint: 0, accepted: 0 };
  return [...rs].sort((a, b) => rank[kindOf(b)] - rank[kindOf(a)])[0];
}

function reasonOf(r: RecipientStatus): string {
  const diagnostic = r.diagnosticCode?.replace(/^smtp;\s*/i, '');
  const remote = r.remoteMta ? ` (remote server ${r.remoteMta.replace(/^dns;\s*/i, '')})` : '';
  return `${r.status ?? r.action ?? 'unknown'}${diagnostic ? ` ${diagnostic}` : ` (action: ${r.action ?? 'none'})`}${remote}`.slice(0, 1000);
}

function isAutoReply(mail: ParsedMail): boolean {
  const submitted = String(mail.headers.get('auto-submitted') ?? '').trim().toLowerCase();
  if (submitted && submitted !== 'no') return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  const precedence = String(mail.headers.get('precedence') ?? '').toLowerCase();
  return precedence === 'auto_reply' || OOO_SUBJECT.test(mail.subject ?? '');
}

interface OriginalMessage {
  mail: ParsedMail;
  /** its recipients (lower case), to pick our block out of a multi-recipient DSN */
  to: Set<string>;
}

async function parseOriginal(part: Attachment | undefined): Promise<OriginalMessage | null> {
  if (!part) return null;
  const mail = await simpleParser(part.content, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const lists = [mail.to, mail.cc].flatMap((a) => (Array.isArray(a) ? a : a ? [a] : []));
  const to = new Set(lists.flatMap((l) => l.value.map((v) => (v.address ?? '').toLowerCase())).filter(Boolean));
  return { mail, to };
}

function idFromOriginal(original: OriginalMessage | null): string | null {
  if (!original) return null;
  const header = String(original.mail.headers.get('x-tocsin-notification') ?? '').trim().toLowerCase();
  return isUuid(header) ? header : notificationIdFromMessageId(original.mail.messageId);
}

/** `rfc822; someone@example.org` → `someone@example.org` */
function addressOf(field: string | null): string {
  return (field ?? '').replace(/^[^;]*;\s*/, '').replace(/^<|>$/g, '').trim().toLowerCase();
}

/** Automatic replies that quote nothing still name the message they answer. */
function idFromReferences(mail: ParsedMail): string | null {
  const refs = [mail.inReplyTo, ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [])];
  for (const r of refs) {
    const id = notificationIdFromMessageId(r);
    if (id) return id;
  }
  return null;
}

/** Bounces that paste the original headers into their text (Gmail, qmail, some gateways). */
function idFromText(text: string): string | null {
  const header = /^X-Tocsin-Notification:\s*([0-9a-f-]{36})\s*$/im.exec(text)?.[1];
  if (isUuid(header)) return header.toLowerCase();
  const messageId = /^Message-ID:\s*(<[0-9a-f-]{36}@[^>\s]+>)/im.exec(text)?.[1];
  return notificationIdFromMessageId(messageId);
}

function evidence(raw: Buffer): string {
  // Postgres text cannot hold NUL; anything past the cap is cut with a marker
  const text = raw.toString('utf8').replace(/\u0000/g, '');
  return text.length > MAX_EVIDENCE_CHARS ? `${text.slice(0, MAX_EVIDENCE_CHARS)}\n[… truncated by Tocsin at ${MAX_EVIDENCE_CHARS} characters]` : text;
}

const oneLine = (s: string | undefined) => (s ? s.replace(/\s+/g, ' ').trim().slice(0, 500) : undefined);
