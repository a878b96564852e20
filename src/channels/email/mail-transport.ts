import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import nodemailer, { Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { assertOneAddress, MimeSkeleton, PLAIN_TOKEN } from './mime-skeleton';

export interface OutgoingEmail {
  messageId: string;
  to: { name: string | null; address: string };
  subject: string;
  html: string;
  text: string;
  /** headers of this message only (its notification id) */
  headers: Record<string, string>;
  /**
   * headers every message of its step carries (the incident id): composed once into the step's skeleton.
   * Pass the same object, unchanged, for every message of a step: the skeleton is found by it.
   */
  sharedHeaders?: Readonly<Record<string, string>>;
  /** where a reply goes (the step's replyTo, else MAIL_REPLY_TO) */
  replyTo?: string;
}

export interface SendOutcome {
  ok: boolean;
  /** permanent (5xx, bad address) vs worth retrying (4xx, connection) */
  permanent: boolean;
  providerId?: string;
  /** the server's answer when it accepted the message, as it said it (SMTP: "250 2.0.0 Ok: queued as …") */
  response?: string;
  error?: string;
  /**
   * the relay itself could not be reached (connection refused or reset, timeout, 421 "service not available"):
   * nothing was said about this message, so no attempt is spent on it and the channel's circuit opens
   */
  unreachable?: boolean;
}

/**
 * Tocsin's own headers carry ids (X-Tocsin-Notification: a uuid): passed as prepared values, nodemailer
 * skips its encoding pass over them (a few µs a message in a fan-out). Anything else is encoded as usual.
 */
export function preparedHeaders(headers: Record<string, string>): Record<string, string | { prepared: true; value: string }> {
  const out: Record<string, string | { prepared: true; value: string }> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = PLAIN_TOKEN.test(v) ? { prepared: true, value: v } : v;
  return out;
}

/** Errors where the server never answered: worth trying the next SMTP server at once. */
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND']);
const PRIMARY_RETRY_MS = 60_000;
/** RFC 3834: an automatic message, so auto-responders (regulators' and internal mailboxes) do not answer it */
const AUTO_SUBMITTED = { 'Auto-Submitted': 'auto-generated' };
const MAX_SKELETONS = 1000;

/**
 * Pooled SMTP transports: the primary (SMTP_URL) and optional fallbacks (SMTP_FALLBACK_URLS). When a
 * server cannot be reached, the same message goes to the next one at once, and later messages stay on
 * the one that worked until the primary is tried again a minute later. A server that answers (4xx/5xx)
 * is never failed over: its answer is the outcome.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly urls: string[];
  private readonly pools: (Transporter<SMTPPool.SentMessageInfo> | undefined)[];
  private active = 0;
  private retryPrimaryAt = 0;
  /** one composed skeleton per reply-to × shared headers (a step), reused for every message of its fan-out */
  private readonly skeletons = new Map<string, MimeSkeleton>();
  /** the same, found by the caller's shared-headers object: no key to build per message */
  private readonly bySharedHeaders = new WeakMap<object, { replyTo: string | undefined; skeleton: MimeSkeleton }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.urls = [config.SMTP_URL, ...config.SMTP_FALLBACK_URLS.split(',').map((u) => u.trim()).filter(Boolean)];
    this.pools = this.urls.map(() => undefined);
  }

  /** Nodemailer signs with DKIM (in its Mailer, which sendComposed goes past): composed messages go through sendMail then */
  private get signs(): boolean {
    return !!(this.config.DKIM_DOMAIN && this.config.DKIM_SELECTOR && this.config.DKIM_PRIVATE_KEY);
  }

  private pool(i: number): Transporter<SMTPPool.SentMessageInfo> {
    this.pools[i] ??= nodemailer.createTransport({
      url: this.urls[i],
      pool: true,
      maxConnections: this.config.SMTP_POOL_SIZE,
      maxMessages: Infinity,
      // DKIM in Tocsin when configured (sending straight to an MX); a relay that signs needs none of it
      ...(this.signs
        ? { dkim: { domainName: this.config.DKIM_DOMAIN, keySelector: this.config.DKIM_SELECTOR, privateKey: this.config.DKIM_PRIVATE_KEY } }
        : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as SMTPPool.Options);
    return this.pools[i];
  }

  /** Which server is in use now (0 = primary), for health and metrics. */
  get activeServer(): number {
    return this.active;
  }

  async send(mail: OutgoingEmail): Promise<SendOutcome> {
    if (this.active !== 0 && Date.now() >= this.retryPrimaryAt) this.active = 0;
    let last: SendOutcome = { ok: false, permanent: false, error: 'no SMTP server configured' };
    for (let k = 0; k < this.urls.length; k++) {
      const i = (this.active + k) % this.urls.length;
      const { outcome, unreachable } = await this.sendVia(i, mail);
      if (!unreachable) {
        if (i !== this.active) {
          this.logger.warn(`SMTP server #${this.active} unreachable (${last.error}); sending through #${i}`);
          this.active = i;
          this.retryPrimaryAt = Date.now() + PRIMARY_RETRY_MS;
        }
        return outcome;
      }
      last = outcome;
    }
    return { ...last, unreachable: true }; // every server unreachable: the circuit opens, the message waits untried
  }

  private async sendVia(i: number, mail: OutgoingEmail): Promise<{ outcome: SendOutcome; unreachable: boolean }> {
    try {
      let info: SMTPPool.SentMessageInfo;
      if (this.config.MAIL_COMPOSER === 'skeleton') {
        // composed here from the step's skeleton and sent as is: Nodemailer's pool delivers it (its Mailer DKIM-signs it when configured)
        const { raw, envelope } = this.skeleton(mail).compose(mail);
        info = this.signs
          ? // messageId: what Nodemailer reports back; without it, it would make one up (random bytes) for a raw message
            await this.pool(i).sendMail({ raw, envelope, messageId: mail.messageId, disableFileAccess: true, disableUrlAccess: true })
          : await sendComposed(this.pool(i), raw, envelope, mail.messageId);
      } else {
        info = await this.pool(i).sendMail(nodemailerMessage(this.config, mail));
      }
      return { outcome: { ok: true, permanent: false, providerId: info.messageId, response: info.response?.slice(0, 500) }, unreachable: false };
    } catch (e) {
      const err = e as Error & { responseCode?: number; response?: string; code?: string; rejectedErrors?: { responseCode?: number }[] };
      // 5xx is final; 4xx and connection errors are worth retrying. An envelope error with no SMTP code
      // (e.g. an address nodemailer refuses) is final too.
      const code = err.responseCode ?? err.rejectedErrors?.[0]?.responseCode;
      const permanent = code !== undefined ? code >= 500 : err.code === 'EENVELOPE';
      // 421: the server is shutting down or overloaded (also what a relay says on connect during a restart)
      const unreachable = (code === undefined && UNREACHABLE.has(err.code ?? '')) || code === 421;
      return { outcome: { ok: false, permanent, error: (err.response ?? err.message).slice(0, 1000) }, unreachable };
    }
  }

  private skeleton(mail: OutgoingEmail): MimeSkeleton {
    const replyTo = mail.replyTo ?? this.config.MAIL_REPLY_TO;
    const known = mail.sharedHeaders && this.bySharedHeaders.get(mail.sharedHeaders);
    if (known && known.replyTo === replyTo) return known.skeleton;
    const shared = { ...AUTO_SUBMITTED, ...mail.sharedHeaders };
    const key = `${replyTo ?? ''}\n${JSON.stringify(shared)}`;
    let s = this.skeletons.get(key);
    if (!s) {
      if (this.skeletons.size >= MAX_SKELETONS) this.skeletons.clear();
      s = new MimeSkeleton({ from: this.config.MAIL_FROM, replyTo, shared });
      this.skeletons.set(key, s);
    }
    if (mail.sharedHeaders) this.bySharedHeaders.set(mail.sharedHeaders, { replyTo, skeleton: s });
    return s;
  }

  /** For /health: can we talk to the SMTP server right now? */
  async verify(timeoutMs = 3000): Promise<{ ok: boolean; error?: string }> {
    const probe = nodemailer.createTransport({ url: this.config.SMTP_URL, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs } as SMTPPool.Options);
    try {
      await probe.verify();
      return { ok: true };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    } finally {
      probe.close();
    }
  }

  onApplicationShutdown(): void {
    for (const p of this.pools) p?.close();
    this.logger.log('SMTP pool closed');
  }
}

/**
 * A composed message handed to the pool's transport itself, past Nodemailer's Mailer. For a raw message the
 * Mailer only wraps the bytes (a MailComposer, a MimeNode with random boundary bytes, the envelope parsed
 * again, plugin passes) and streams them unchanged: 25–30 µs of CPU a message (measured against a stub transport),
 * about an eighth of what the pool's whole SMTP send costs. What is given here is what a Nodemailer transport reads of a message (its transport API: the
 * envelope, the Message-ID, a read stream), with the same bytes and the envelope as the Mailer would have
 * normalised it (MimeSkeleton.compose). With DKIM configured the Mailer signs, so sendMail is used instead.
 */
function sendComposed(pool: Transporter<SMTPPool.SentMessageInfo>, raw: Buffer, envelope: { from: string; to: string[] }, messageId: string): Promise<SMTPPool.SentMessageInfo> {
  const message = {
    getEnvelope: () => envelope,
    messageId: () => messageId,
    getHeader: (key: string) => (key.toLowerCase() === 'message-id' ? messageId : undefined),
    createReadStream: () => new PassThrough().end(raw),
  };
  return new Promise((resolve, reject) => {
    (pool.transporter as unknown as ComposedTransport).send({ data: {}, message }, (err, info) => (err ? reject(err) : resolve(info as SMTPPool.SentMessageInfo)));
  });
}

interface ComposedTransport {
  send(mail: { data: Record<string, never>; message: object }, callback: (err: Error | null, info?: unknown) => void): void;
}

/**
 * The message as Nodemailer's own composer is given it (MAIL_COMPOSER=nodemailer, and the reference the
 * skeleton is tested against): the same fields and headers the skeleton composes.
 */
export function nodemailerMessage(config: Pick<AppConfig, 'MAIL_FROM' | 'MAIL_REPLY_TO'>, mail: OutgoingEmail): Mail.Options {
  assertOneAddress(mail.to.address);
  return {
    from: config.MAIL_FROM,
    to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    replyTo: mail.replyTo ?? config.MAIL_REPLY_TO,
    // nodemailer encodes display names and subjects as MIME words: no header can be injected through them
    headers: preparedHeaders({ ...AUTO_SUBMITTED, ...mail.sharedHeaders, ...mail.headers }),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
