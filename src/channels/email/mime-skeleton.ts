// A notice's MIME message, composed once per sender × reply-to × shared headers and finished per recipient
// by splicing in only what is theirs (To, Subject, Message-ID, Date, their id header and the two bodies).
// Every encoding decision and encoder is Nodemailer's own (mime-node, mime-funcs, qp, base64), called
// directly instead of through its per-message MIME tree and streams, which is most of a send's CPU.
import { randomBytes } from 'node:crypto';
import * as base64 from 'nodemailer/lib/base64';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import MimeNode from 'nodemailer/lib/mime-node';
import * as qp from 'nodemailer/lib/qp';

/** A header value of printable ASCII with no space: nothing to encode or fold, and no way to inject a line. */
export const PLAIN_TOKEN = /^[\x21-\x7e]{1,200}$/;
/** RFC 5322 2.1.1: no line longer than 998 octets (DKIM-signing relays and many MTAs refuse or rewrap longer ones). */
export const MAX_LINE_OCTETS = 998;

export interface SkeletonSpec {
  from: string;
  replyTo?: string;
  /** headers with the same value in every message composed from this skeleton (Auto-Submitted, the incident id) */
  shared: Record<string, string>;
}

export interface PersonalParts {
  messageId: string;
  to: { name: string | null; address: string };
  subject: string;
  text: string;
  html: string;
  /** headers of this message only (its notification id) */
  headers: Record<string, string>;
  date?: Date;
}

export interface ComposedMessage {
  raw: Buffer;
  envelope: { from: string; to: string[] };
}

const CRLF = '\r\n';
const fold = (line: string) => mimeFuncs.foldLines(line, 76);
const dateValue = (d: Date) => d.toUTCString().replace(/GMT/, '+0000');

/**
 * What Nodemailer's MailComposer would write for `{ from, to, replyTo, subject, text, html, messageId, headers }`
 * — the same header encoding and folding, the same transfer-encoding choice per part, the same multipart
 * structure — with every line ending in CRLF (Nodemailer leaves bare LFs of 7bit/QP text to the SMTP data
 * stream; a raw message is signed as given, so it is canonical from the start).
 */
export class MimeSkeleton {
  /** a node used only for its header encoders (they depend on no node state but the text encoding, unset) */
  private readonly encoder = new MimeNode(false);
  private readonly before: string;
  private readonly fromHeaders: string;
  private readonly replyTo: string;
  private readonly envelopeFrom: string;
  readonly boundary: string;

  constructor(spec: SkeletonSpec) {
    this.before = Object.entries(spec.shared)
      .map(([k, v]) => this.headerLine(k, v))
      .filter(Boolean)
      .join('');
    const from = new MimeNode(false);
    from.setHeader('From', spec.from);
    this.envelopeFrom = from.getEnvelope().from || '';
    this.fromHeaders = this.headerLine('From', spec.from);
    this.replyTo = spec.replyTo ? this.headerLine('Reply-To', spec.replyTo) : '';
    this.boundary = newBoundary();
  }

  /**
   * The recipient's message. The boundary is the skeleton's, unless a body happens to contain it (then a
   * fresh one for this message, as a body must never contain its delimiter).
   */
  compose(p: PersonalParts): ComposedMessage {
    assertOneAddress(p.to.address);
    const personal = Object.entries(p.headers)
      .map(([k, v]) => this.headerLine(k, v))
      .join('');
    // Nodemailer's order: custom headers, From, To, Reply-To, Subject, Message-ID, Date, MIME-Version, Content-Type
    let head =
      this.before +
      personal +
      this.fromHeaders +
      this.toLine(p.to) +
      this.replyTo +
      this.headerLine('Subject', p.subject) +
      'Message-ID: ' +
      this.encoder.encodeHeaderValue('Message-ID', p.messageId) +
      CRLF +
      'Date: ' +
      dateValue(p.date ?? new Date()) +
      CRLF +
      'MIME-Version: 1.0' +
      CRLF;
    const parts: [string, string][] = [];
    // an empty text or html is left out, as Nodemailer leaves it out
    if (p.text) parts.push(part('text/plain; charset=utf-8', p.text));
    if (p.html) parts.push(part('text/html; charset=utf-8', p.html));
    if (!parts.length) parts.push(['Content-Type: text/plain' + CRLF, '']);
    let body: string;
    if (parts.length === 1) {
      head += parts[0][0];
      body = parts[0][1];
    } else {
      let boundary = this.boundary;
      while (parts.some(([, content]) => content.includes(boundary))) boundary = newBoundary();
      head += fold(`Content-Type: ${mimeFuncs.buildHeaderValue({ value: 'multipart/alternative', params: { boundary } })}`) + CRLF;
      body = `--${boundary}${CRLF}${parts[0][0]}${CRLF}${parts[0][1]}${CRLF}--${boundary}${CRLF}${parts[1][0]}${CRLF}${parts[1][1]}${CRLF}--${boundary}--`;
    }
    // a message ends with a line break (Nodemailer adds one unless the content ends with one)
    const end = body.endsWith(CRLF) ? '' : CRLF;
    return { raw: Buffer.from(`${head}${CRLF}${body}${end}`, 'utf8'), envelope: { from: this.envelopeFrom, to: [p.to.address] } };
  }

  /** One header, encoded and folded as Nodemailer does (a plain token as a prepared value); '' for an empty value. */
  private headerLine(key: string, value: string): string {
    if (PLAIN_TOKEN.test(value)) return `${key}: ${value}${CRLF}`;
    const encoded = this.encoder.encodeHeaderValue(key, value);
    if (!encoded.trim()) return '';
    const line = fold(`${key}: ${encoded}`);
    // an unbroken ASCII run cannot be folded: over 998 octets it goes out as encoded words (which fold), as in toLine
    return (longestLineOver(line, MAX_LINE_OCTETS) ? fold(`${key}: ${mimeFuncs.encodeWord(value.replace(/[\r\n]+/g, ' '), 'Q', 52)}`) : line) + CRLF;
  }

  /**
   * The To header. A display name too long to fold (an unbroken ASCII word of ~1,000 characters, quoted) would
   * make a line over 998 octets, which Nodemailer would send as is: it goes out as encoded words instead,
   * which fold, and read back as the same name.
   */
  private toLine(to: { name: string | null; address: string }): string {
    const line = fold(`To: ${this.encoder.encodeHeaderValue('To', to.name ? { name: to.name, address: to.address } : to.address)}`);
    if (!longestLineOver(line, MAX_LINE_OCTETS) || !to.name) return line + CRLF;
    const address = this.encoder.encodeHeaderValue('To', to.address);
    return fold(`To: ${mimeFuncs.encodeWord(to.name, 'Q', 52)} <${address.replace(/^<|>$/g, '')}>`) + CRLF;
  }
}

/**
 * One recipient is one mailbox: an address that is not a single plain addr-spec (a comma, angle brackets,
 * quotes, white space or a control character) is refused before anything is written, whatever validated it
 * upstream — Nodemailer would read "a@x.test, b@y.test" as two recipients and put both in the To header.
 */
export const ONE_ADDRESS = /^[^\s,;<>"()\\\[\]:@\u0000-\u001f\u007f-\u00a0\u2028\u2029]+@[a-z0-9.-]+$/i;
export function assertOneAddress(address: string): void {
  if (!ONE_ADDRESS.test(address) || address.length > 254) throw Object.assign(new Error(`not a single email address: ${JSON.stringify(address.slice(0, 80))}`), { code: 'EENVELOPE' });
}

/**
 * A part's headers and its encoded content. The transfer encoding is decided by a Nodemailer node given the
 * same content (7bit for short-lined ASCII, else quoted-printable or base64 by the share of non-Latin
 * characters); a fresh node each time, as a node remembers long lines from earlier content.
 */
function part(contentType: string, content: string): [string, string] {
  const node = new MimeNode(contentType, { baseBoundary: '-' }).setContent(content);
  const cte = node.getTransferEncoding() || '7bit';
  let encoded: string;
  // base64 carries the bytes as they are (line breaks are data inside it), as Nodemailer's encoder does
  if (cte === 'base64') encoded = base64.wrap(base64.encode(content), 76);
  else if (cte === 'quoted-printable') encoded = qp.wrap(qp.encode(crlf(content)), 76);
  else encoded = crlf(content);
  return [`Content-Type: ${contentType}${CRLF}Content-Transfer-Encoding: ${cte}${CRLF}`, encoded];
}

/** Canonical line breaks: every CR, LF or CRLF becomes CRLF (what the SMTP data stream does to Nodemailer's 7bit and QP text). */
export function crlf(s: string): string {
  return /\r(?!\n)|(?<!\r)\n/.test(s) ? s.replace(/\r\n|\r|\n/g, CRLF) : s;
}

function longestLineOver(s: string, max: number): boolean {
  if (Buffer.byteLength(s) <= max) return false;
  return s.split(CRLF).some((l) => Buffer.byteLength(l) > max);
}

/** Nodemailer's boundary shape (`--_NmP-<random>-Part_1`), random per skeleton. */
function newBoundary(): string {
  return `--_NmP-${randomBytes(8).toString('hex')}-Part_1`;
}
