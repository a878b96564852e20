import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import DataStream from 'nodemailer/lib/smtp-connection/data-stream';
import { ensureNoticeLink } from '../../notices/ensure-notice-link.util';
import { renderContext, type CustomerLike } from '../../templates/render-context';
import { TemplateEngine } from '../../templates/template-engine';
import { nodemailerMessage, type OutgoingEmail } from './mail-transport';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import MimeNode from 'nodemailer/lib/mime-node';
import { MAX_LINE_OCTETS, MimeSkeleton, transferEncodingOf } from './mime-skeleton';

const CONFIG = { MAIL_FROM: 'Acme Sécurité <security@acme.test>', MAIL_REPLY_TO: 'hotline@acme.test' };
const SHARED = { 'X-Tocsin-Incident': '7d1f2a8e-3b5c-4e6f-9a0b-1c2d3e4f5a6b' };
const TEMPLATE = {
  subject: '{{facts.subjectPrefix}} {{default customer.name "customer"}}: incident {{incident.title}}',
  html: '<html><body><p>Dear {{default customer.name "customer"}},</p><p>{{facts.whatHappened}}</p><p>{{default customer.attributes.note ""}}</p><p>Call {{facts.hotline}}</p></body></html>',
  text: 'Dear {{default customer.name "customer"}},\n{{facts.whatHappened}}\n{{default customer.attributes.note ""}}\nCall {{facts.hotline}}',
};
const LONG_WORD = 'Donaudampfschifffahrtsgesellschaftskapitän'.repeat(30);
const INCIDENT = { id: 'inc-1', title: 'Datenleck', type: 'breach', severity: 'high', awareAt: '2026-12-01T00:00:00Z', declaredAt: '2026-12-01T01:00:00Z', jurisdictions: ['EU'] };

/** [name, facts, note]: the shapes that have broken hand-made MIME before */
const CORPUS: [string | null, Record<string, string>, string?][] = [
  ['Ann Smith', { subjectPrefix: 'Important:', whatHappened: 'An attacker accessed part of our customer database.', hotline: '0800 123 456' }],
  [null, { subjectPrefix: 'Important:', whatHappened: 'No name on file.', hotline: '0800' }],
  ['Zoë Ünal-Ødegård', { subjectPrefix: 'Wichtig — Sicherheitsvorfall', whatHappened: 'Ein Angreifer hat auf Daten zugegriffen: Name, E-Mail, Geburtsdatum.', hotline: '0800 Ä' }],
  ['李小龍', { subjectPrefix: '重要なお知らせ', whatHappened: '不正アクセスにより、お客様の個人情報が流出した可能性があります。'.repeat(5), hotline: '0120-000-000' }],
  ['محمد عبد الله', { subjectPrefix: 'هام:', whatHappened: 'تم الوصول إلى بعض بيانات العملاء. ‏(RTL mark) ‎ mixed LTR', hotline: '+971 4 000 0000' }],
  ['Emoji 🙂🔥 Fan', { subjectPrefix: '⚠️ Alert 🚨', whatHappened: 'Your 🔑 keys 👉 rotate them 🙏'.repeat(10), hotline: '☎ 0800' }],
  ['Long Words', { subjectPrefix: 'Note', whatHappened: LONG_WORD, hotline: 'x'.repeat(2000) }],
  ['Line Starts', { subjectPrefix: 'Dots', whatHappened: '.\n.leading dot\n=3D not an escape\n= equals\nFrom the start\n..two dots\n.', hotline: '=' }],
  ['Crlf Facts', { subjectPrefix: 'Line\r\nBreak', whatHappened: 'first line\r\nsecond line\r\n\r\nafter a blank\nbare lf\rbare cr', hotline: 'a\tb  trailing   ' }],
  ['Empty Optional', { subjectPrefix: 'Empty', whatHappened: 'Nothing else.', hotline: '0' }, ''],
  ['Eve\r\nBcc: victim@example.com', { subjectPrefix: 'Inject\r\nBcc: victim@example.com', whatHappened: 'x', hotline: '1' }],
  ['"Quoted" <evil@example.com>, other@example.com', { subjectPrefix: 'Names', whatHappened: 'Hi', hotline: '1' }],
  ['x'.repeat(1200), { subjectPrefix: 'Very long name', whatHappened: 'Hi', hotline: '1' }],
  ['Ünicode '.repeat(60), { subjectPrefix: 'Long encoded name', whatHappened: 'Hi', hotline: '1' }],
  ['Mixed Latin ÅÄÖ', { subjectPrefix: 'Trailing spaces   ', whatHappened: 'line with trailing space \nand tab\t\nlong latin line '.repeat(20) + 'é'.repeat(100), hotline: '1' }],
  ['Tab\tName', { subjectPrefix: 'Control \u0007 bell', whatHappened: 'nul-free \u000b vertical tab', hotline: '1' }],
];

const engine = new TemplateEngine();

function messageFor(i: number): OutgoingEmail {
  const [name, facts, note] = CORPUS[i];
  const customer: CustomerLike = { externalId: `c-${i}`, name, email: `c-${i}@customers.test`, phone: null, locale: 'en', timezone: 'UTC', attributes: note === undefined ? {} : { note } };
  const url = `https://tocsin.test/n/token-${i}`;
  const rendered = ensureNoticeLink(engine.render('t1', TEMPLATE, renderContext(customer, INCIDENT, facts, { url })), url, 'email');
  return {
    messageId: `<n-${i}@acme.test>`,
    to: { name, address: `c-${i}@customers.test` },
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    headers: { 'X-Tocsin-Notification': `n-${i}` },
    sharedHeaders: SHARED,
  };
}

/** Nodemailer's own composer (what `sendMail` builds before its SMTP transport sends it). */
const reference = nodemailer.createTransport({ streamTransport: true, buffer: true });
async function composedByNodemailer(mail: OutgoingEmail): Promise<Buffer> {
  const info = await reference.sendMail(nodemailerMessage(CONFIG, mail));
  return info.message as Buffer;
}

/**
 * A message as the receiving server reads it: through Nodemailer's SMTP data stream (bare CR and LF become
 * CRLF, dots at line starts are doubled), then undone as the server undoes it (the final dot, the doubled dots).
 */
async function onTheWire(message: Buffer): Promise<Buffer> {
  const stream = new DataStream();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => stream.on('end', r));
  stream.end(message);
  await done;
  const s = Buffer.concat(chunks).toString('latin1');
  return Buffer.from(s.slice(0, -3).replace(/(^|\r\n)\.\./g, '$1.'), 'latin1');
}

/** What a reader sees: every header (Date aside; the boundary value aside), the text and the HTML. */
function view(m: ParsedMail) {
  const headers: Record<string, unknown> = {};
  for (const [k, v] of m.headers) {
    if (k === 'date') continue;
    if (k === 'content-type') {
      const { value, params } = v as { value: string; params: Record<string, string> };
      headers[k] = { value, params: { ...params, boundary: params.boundary ? 'present' : undefined } };
    } else headers[k] = v;
  }
  return { headers, text: m.text, html: m.html, attachments: m.attachments.length };
}

function rawProblems(raw: Buffer): string[] {
  const problems: string[] = [];
  const s = raw.toString('latin1');
  if (!s.endsWith('\r\n')) problems.push('does not end with CRLF');
  if (/(?<!\r)\n/.test(s)) problems.push('bare LF');
  if (/\r(?!\n)/.test(s)) problems.push('bare CR');
  s.split('\r\n').forEach((line, n) => {
    if (line.length > MAX_LINE_OCTETS) problems.push(`line ${n + 1} is ${line.length} octets`);
  });
  return problems;
}

describe(MimeSkeleton.name, () => {
  const skeleton = new MimeSkeleton({ from: CONFIG.MAIL_FROM, replyTo: CONFIG.MAIL_REPLY_TO, shared: { 'Auto-Submitted': 'auto-generated', ...SHARED } });

  it.each(CORPUS.map((c, i) => [i, c[0]?.slice(0, 40) ?? '(no name)']))('reads the same as Nodemailer composed it: customer %i (%s)', async (i) => {
    const mail = messageFor(i as number);
    const ours = skeleton.compose(mail);
    const [mine, theirs] = await Promise.all([onTheWire(ours.raw).then((b) => simpleParser(b)), composedByNodemailer(mail).then(onTheWire).then((b) => simpleParser(b))]);
    expect(view(mine)).toEqual(view(theirs));
    // canonical already: the data stream changes nothing but the dots it doubles
    expect((await onTheWire(ours.raw)).equals(ours.raw)).toBe(true);
    expect(mine.messageId).toBe(mail.messageId);
    expect(ours.envelope).toEqual({ from: 'security@acme.test', to: [mail.to.address] });
    expect(rawProblems(ours.raw)).toEqual([]);
  });

  it('puts no header on a line of its own from a name or subject with a line break in it', () => {
    const raw = skeleton.compose(messageFor(10)).raw.toString('utf8');
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(head).not.toMatch(/^Bcc:/im);
    expect(head.split('\r\n').filter((l) => /^to:/i.test(l))).toHaveLength(1);
  });

  it('picks a transfer encoding per part as Nodemailer does: 7bit for short ASCII lines, else quoted-printable or base64', () => {
    const cte = (i: number) => [...skeleton.compose(messageFor(i)).raw.toString().matchAll(/Content-Transfer-Encoding: (\S+)/g)].map((m) => m[1]);
    expect(cte(0)).toEqual(['7bit', 'quoted-printable']); // the html is one line over 76 characters
    expect(cte(2)).toEqual(['quoted-printable', 'quoted-printable']);
    expect(cte(3)).toEqual(['base64', 'base64']);
  });

  it.each([
    ['short ASCII', 'Dear Ann,\nsee you'],
    ['a long ASCII line', 'x'.repeat(40) + ' words '.repeat(20)],
    ['a long line without a letter', '0123456789 '.repeat(10)],
    ['exactly 76 characters', 'a'.repeat(76)],
    ['77 characters', 'a'.repeat(77)],
    ['a long line after a short one', 'short\r\n' + 'b'.repeat(80)],
    ['more Latin than non-Latin', 'Grüße aus Köln, '.repeat(3)],
    ['more non-Latin than Latin', '重要なお知らせ abc'],
    ['as many of each', 'ab\u0001\u0002'],
    ['a control character', 'tab\tbell\u0007'],
    ['a line separator', 'one\u2028two'],
    ['over 128 KB of short lines', 'short line\n'.repeat(13_000)],
    ['over 128 KB of digits', '0123456789\n'.repeat(13_000)],
  ])('picks the transfer encoding Nodemailer’s node picks for %s', (_name, content) => {
    for (const type of ['text/plain; charset=utf-8', 'text/html; charset=utf-8']) {
      const node = new MimeNode(type, { baseBoundary: '-' }).setContent(content);
      expect(transferEncodingOf(content)).toBe(node.getTransferEncoding());
    }
  });

  it('uses another boundary for a message whose body happens to contain the skeleton’s', async () => {
    const mail = { ...messageFor(0), text: `see ${skeleton.boundary} here` };
    const raw = skeleton.compose(mail).raw.toString();
    expect(raw).not.toContain(`boundary="${skeleton.boundary}"`);
    expect((await simpleParser(raw)).text).toBe(`see ${skeleton.boundary} here`);
  });

  it('sends a text-only or html-only notice as a single part, as Nodemailer does', async () => {
    for (const mail of [{ ...messageFor(2), html: '' }, { ...messageFor(2), text: '' }]) {
      const raw = skeleton.compose(mail).raw;
      expect(raw.toString()).not.toContain('multipart');
      expect(view(await simpleParser(raw))).toEqual(view(await simpleParser(await onTheWire(await composedByNodemailer(mail)))));
      expect(rawProblems(raw)).toEqual([]);
    }
  });
  it.each(['a@x.test, b@y.test', 'Eve <eve@y.test>', 'a@x.test>', '"a,b"@x.test', 'a@x.test\r\nRCPT TO:<b@y.test>', 'a b@x.test', 'a@x.test;b@y.test', 'a@x.test\u2028'])(
    'refuses a recipient that is not one mailbox (%j): one customer never becomes two recipients',
    (address) => {
      expect(() => skeleton.compose({ ...messageFor(0), to: { name: 'Ada', address } })).toThrow(/not a single email address/);
      expect(() => nodemailerMessage({ MAIL_FROM: 'a@co.test', MAIL_REPLY_TO: undefined }, { ...messageFor(0), to: { name: null, address } } as never)).toThrow(/not a single email address/);
    },
  );

  it.each(['Ann@Example.TEST', 'a..b@x.test', '.a@x.test', 'a.@x.test', "o'brien+tag@x.test", 'a@0x7f.1', 'a@1.2.3.4', 'a@XN--BCHER-KVA.example', 'a@xn--zz.test', 'a@-x.test', 'a@x..test', 'ä@x.test', 'a=b?c@x.test'])(
    'gives the envelope recipient %j as Nodemailer’s setEnvelope normalises it, the same as in the To header',
    (address) => {
      const reference = new MimeNode(false).setEnvelope({ from: CONFIG.MAIL_FROM, to: [address] }).getEnvelope();
      for (const name of ['Ada', null]) {
        const ours = skeleton.compose({ ...messageFor(0), to: { name, address } });
        expect(ours.envelope).toEqual({ from: reference.from, to: reference.to });
        const to = ours.raw.toString().split('\r\n').find((l) => l.startsWith('To: '));
        expect(to).toContain(reference.to[0]);
      }
    },
  );

  it('writes the To header exactly as Nodemailer encodes it, for plain and not so plain names and addresses', () => {
    const names = [null, '', 'Ann Smith', 'ann_smith 2', '   ', "O'Brien", 'Zoë', 'A. Smith', 'Eve <e@x.test>', 'x'.repeat(90)];
    const addresses = ['ann@customers.test', 'Ann.Smith+tag@mail.example.co.uk', "o'brien@x.test", 'a=b?c{d}|e~f@x.test', 'a@Example.TEST', 'a@xn--bcher-kva.example', 'a@sub-domain.x-y.test', 'a@0x7f.1', 'a..b@x.test', 'ä@x.test', 'a@x.t', 'a@x.technology'];
    const encoder = new MimeNode(false);
    for (const name of names) {
      for (const address of addresses) {
        const raw = skeleton.compose({ ...messageFor(0), to: { name, address } }).raw.toString();
        const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
        const to = /^To:.*(?:\r\n[ \t].*)*/m.exec(head)![0];
        const theirs = mimeFuncs.foldLines(`To: ${encoder.encodeHeaderValue('To', name ? { name, address } : address)}`, 76);
        if (Buffer.byteLength(theirs) <= MAX_LINE_OCTETS) expect([name, address, to]).toEqual([name, address, theirs]);
      }
    }
  });

  it('keeps every header line within 998 octets, even for a long unbroken subject or header value', async () => {
    const long = 'x'.repeat(5000);
    const s = new MimeSkeleton({ from: 'Tocsin <n@co.test>', shared: { 'X-Tocsin-Incident': long } });
    const raw = s.compose({ ...messageFor(0), subject: long, headers: { 'X-Tocsin-Notification': long } }).raw;
    expect(rawProblems(raw)).toEqual([]);
    const head = raw.toString().slice(0, raw.indexOf('\r\n\r\n'));
    expect(head.split('\r\n').every((l) => Buffer.byteLength(l) <= MAX_LINE_OCTETS)).toBe(true);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(long);
  });
});
