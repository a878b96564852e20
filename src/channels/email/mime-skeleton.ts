// A notice's MIME message, composed once per sender × reply-to × shared headers and finished per recipient
// by splicing in only what is theirs (To, Subject, Message-ID, Date, their id header and the two bodies).
// Every encoder is Nodemailer's own (mime-node, mime-funcs, qp, base64), called directly instead of through
// its per-message MIME tree and streams, which is most of a send's CPU. Where the answer is known without
// calling it (a part's transfer encoding, a plain address, name or Message-ID) the same rule is applied here,
// and mime-skeleton.spec.ts holds each such shortcut to Nodemailer's own answer.
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
  /** as Nodemailer's setEnvelope would leave it: the addresses normalised as in the headers */
  envelope: { from: string; to: string[] };
}

const CRLF = '\r\n';
const fold = (line: string) => mimeFuncs.foldLines(line, 76);
/** A Message-ID that Nodemailer's encoder would return unchanged: already in angle brackets, printable ASCII, no space. */
const PLAIN_MSG_ID = /^<[\x21-\x7e]{1,250}>$/;
const MAX_SUBJECTS = 64;
/**
 * A recipient Nodemailer writes back as given, so the To header needs none of its address parsing (a tenth of
 * composing): an ASCII dot-atom (its _normalizeLocalPart keeps it) at a lowercase host name with an alphabetic
 * top label and no A-label (its domainToASCII returns it unchanged). Anything else goes through Nodemailer.
 */
const PLAIN_MAILBOX = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*@(?!.*xn--)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** A display name Nodemailer's _encodeAddressName leaves as it is (no quoting, no encoded words). */
const PLAIN_NAME = /^[\w ]*$/;
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
  /** the multipart Content-Type line of the skeleton's own boundary (every message but one whose body contains it) */
  private readonly multipartLine: string;
  /**
   * The last subjects' header lines: a fan-out's subject is usually the same for every recipient (or one per
   * locale), and encoding and folding it again for each was a visible share of composing. Bounded.
   */
  private readonly subjects = new Map<string, string>();
  /** the Date value of the current second (it only changes once a second, and every message carries one) */
  private date = { second: NaN, value: '' };

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
    this.multipartLine = multipartLine(this.boundary);
  }

  /**
   * The recipient's message. The boundary is the skeleton's, unless a body happens to contain it (then a
   * fresh one for this message, as a body must never contain its delimiter).
   */
  compose(p: PersonalParts): ComposedMessage {
    assertOneAddress(p.to.address);
    const to = this.toHeader(p.to);
    const personal = Object.entries(p.headers)
      .map(([k, v]) => this.headerLine(k, v))
      .join('');
    // Nodemailer's order: custom headers, From, To, Reply-To, Subject, Message-ID, Date, MIME-Version, Content-Type
    let head =
      this.before +
      personal +
      this.fromHeaders +
      to.line +
      this.replyTo +
      this.subjectLine(p.subject) +
      'Message-ID: ' +
      (PLAIN_MSG_ID.test(p.messageId) ? p.messageId : this.encoder.encodeHeaderValue('Message-ID', p.messageId)) +
      CRLF +
      'Date: ' +
      (p.date ? dateValue(p.date) : this.now()) +
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
      head += boundary === this.boundary ? this.multipartLine : multipartLine(boundary);
      body = `--${boundary}${CRLF}${parts[0][0]}${CRLF}${parts[0][1]}${CRLF}--${boundary}${CRLF}${parts[1][0]}${CRLF}${parts[1][1]}${CRLF}--${boundary}--`;
    }
    // a message ends with a line break (Nodemailer adds one unless the content ends with one)
    const end = body.endsWith(CRLF) ? '' : CRLF;
    return { raw: Buffer.from(`${head}${CRLF}${body}${end}`, 'utf8'), envelope: { from: this.envelopeFrom, to: [to.address] } };
  }

  private subjectLine(subject: string): string {
    let line = this.subjects.get(subject);
    if (line === undefined) {
      if (this.subjects.size >= MAX_SUBJECTS) this.subjects.clear();
      line = this.headerLine('Subject', subject);
      this.subjects.set(subject, line);
    }
    return line;
  }

  /** Now as a Date header value, formatted once per second. */
  private now(): string {
    const ms = Date.now();
    const second = Math.floor(ms / 1000);
    if (second !== this.date.second) this.date = { second, value: dateValue(new Date(ms)) };
    return this.date.value;
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
  private toHeader(to: { name: string | null; address: string }): { line: string; address: string } {
    const value = PLAIN_MAILBOX.test(to.address) && (!to.name || PLAIN_NAME.test(to.name))
      ? to.name
        ? `${to.name} <${to.address}>`
        : to.address
      : this.encoder.encodeHeaderValue('To', to.name ? { name: to.name, address: to.address } : to.address);
    // the address as Nodemailer normalised it for the header (it ends the value, in angle brackets when there
    // is a name): the envelope's recipient, which Nodemailer's setEnvelope would normalise the same way
    const address = /<([^<>]*)>$/.exec(value)?.[1] ?? value;
    const line = fold(`To: ${value}`);
    if (!longestLineOver(line, MAX_LINE_OCTETS) || !to.name) return { line: line + CRLF, address };
    return { line: fold(`To: ${mimeFuncs.encodeWord(to.name, 'Q', 52)} <${address}>`) + CRLF, address };
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
 * A part's headers and its encoded content. The transfer encoding is Nodemailer's choice for the same content
 * (transferEncodingOf); base64 carries the bytes as they are (line breaks are data inside it), as Nodemailer's
 * encoder does.
 */
function part(contentType: string, content: string): [string, string] {
  const cte = transferEncodingOf(content);
  let encoded: string;
  if (cte === 'base64') encoded = base64.wrap(base64.encode(content), 76);
  else if (cte === 'quoted-printable') encoded = qp.wrap(qp.encode(crlf(content)), 76);
  else encoded = crlf(content);
  return [`Content-Type: ${contentType}${CRLF}Content-Transfer-Encoding: ${cte}${CRLF}`, encoded];
}

/** Nodemailer's hasLongerLines(…, 76), with its regular expression compiled once instead of on every call. */
const LONGER_THAN_76 = /^.{77,}/m;

/**
 * The transfer encoding a Nodemailer node (MimeNode.setContent + getTransferEncoding, text/* content given as a
 * non-empty string, no preferred text encoding) picks: 7bit for plain text with no line over 76 characters;
 * else quoted-printable when Latin letters outnumber the non-Latin and control characters (_getTextEncoding),
 * base64 otherwise. Computed here without building a node per part (a node's constructor, header map and
 * per-character count were a third of composing); the differential spec holds it to Nodemailer's answer.
 */
export function transferEncodingOf(content: string): '7bit' | 'quoted-printable' | 'base64' {
  if (mimeFuncs.isPlainText(content)) {
    if (content.length <= 128 * 1024 && !LONGER_THAN_76.test(content)) return '7bit';
    // plain text has no non-Latin characters: quoted-printable as soon as it has one Latin letter
    return /[A-Za-z]/.test(content) ? 'quoted-printable' : 'base64';
  }
  let nonLatin = 0;
  let latin = 0;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code <= 0x08 || code === 0x0b || code === 0x0c || (code >= 0x0e && code <= 0x1f) || code >= 0x80) nonLatin++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
  }
  return nonLatin < latin ? 'quoted-printable' : 'base64';
}

/** Canonical line breaks: every CR, LF or CRLF becomes CRLF (what the SMTP data stream does to Nodemailer's 7bit and QP text). */
export function crlf(s: string): string {
  return /\r(?!\n)|(?<!\r)\n/.test(s) ? s.replace(/\r\n|\r|\n/g, CRLF) : s;
}

function longestLineOver(s: string, max: number): boolean {
  if (Buffer.byteLength(s) <= max) return false;
  return s.split(CRLF).some((l) => Buffer.byteLength(l) > max);
}

function multipartLine(boundary: string): string {
  return fold(`Content-Type: ${mimeFuncs.buildHeaderValue({ value: 'multipart/alternative', params: { boundary } })}`) + CRLF;
}

/** Nodemailer's boundary shape (`--_NmP-<random>-Part_1`), random per skeleton. */
function newBoundary(): string {
  return `--_NmP-${randomBytes(8).toString('hex')}-Part_1`;
}
