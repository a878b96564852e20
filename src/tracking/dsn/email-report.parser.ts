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
  const original = mail.attachments.find((a) => ORIGINAL_TYPES.has(a.contentType.toLowerCase()));
  const notificationId = (await idFromOriginal(original)) ?? idFromReferences(mail) ?? idFromText(raw.toString('utf8')) ?? idFromText(mail.text ?? '');

  const statusPart = mail.attachments.find((a) => STATUS_TYPES.has(a.contentType.toLowerCase()));
  if (statusPart) {
    // a real DSN: what it says decides, even though MTAs mark DSNs `Auto-Submitted: auto-replied` too
    const { recipients } = parseDeliveryStatus(statusPart.content.toString('utf8'));
    const worst = mostSevere(recipients);
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

/** 5.x.x (permanent) is a hard bounce; 4.x.x or `Action: delayed` is soft; RFC 3464 `delivered` is delivered. */
function kindOf(r: RecipientStatus): DeliveryEventKind {
  if (r.status?.startsWith('5')) return 'hard_bounce';
  if (r.status?.startsWith('4') || r.action === 'delayed') return 'soft_bounce';
  if (r.action === 'delivered' || r.status?.startsWith('2')) return 'delivered';
  if (r.action === 'failed') return 'hard_bounce';
  return 'unknown';
}

function mostSevere(rs: RecipientStatus[]): RecipientStatus | undefined {
  const rank: Record<DeliveryEventKind, number> = { hard_bounce: 5, soft_bounce: 4, delivered: 3, unknown: 2, auto_reply: 1, complaint: 0, failed: 5, accepted: 0 };
  return [...rs].sort((a, b) => rank[kindOf(b)] - rank[kindOf(a)])[0];
}

function reasonOf(r: RecipientStatus): string {
  const diagnostic = r.diagnosticCode?.replace(/^smtp;\s*/i, '');
  return `${r.status ?? r.action ?? 'unknown'}${diagnostic ? ` ${diagnostic}` : ` (action: ${r.action ?? 'none'})`}`.slice(0, 1000);
}

function isAutoReply(mail: ParsedMail): boolean {
  const submitted = String(mail.headers.get('auto-submitted') ?? '').trim().toLowerCase();
  if (submitted && submitted !== 'no') return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  const precedence = String(mail.headers.get('precedence') ?? '').toLowerCase();
  return precedence === 'auto_reply' || OOO_SUBJECT.test(mail.subject ?? '');
}

async function idFromOriginal(part: Attachment | undefined): Promise<string | null> {
  if (!part) return null;
  const original = await simpleParser(part.content, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const header = String(original.headers.get('x-tocsin-notification') ?? '').trim().toLowerCase();
  return isUuid(header) ? header : notificationIdFromMessageId(original.messageId);
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
