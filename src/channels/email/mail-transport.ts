import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';

export interface OutgoingEmail {
  messageId: string;
  to: { name: string | null; address: string };
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

export interface SendOutcome {
  ok: boolean;
  /** permanent (5xx, bad address) vs worth retrying (4xx, connection) */
  permanent: boolean;
  providerId?: string;
  error?: string;
}

/** The pooled SMTP transport: a few long-lived connections shared by every send of this process. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private transporter?: Transporter<SMTPPool.SentMessageInfo>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get pool(): Transporter<SMTPPool.SentMessageInfo> {
    this.transporter ??= nodemailer.createTransport({
      url: this.config.SMTP_URL,
      pool: true,
      maxConnections: this.config.SMTP_POOL_SIZE,
      maxMessages: Infinity,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as SMTPPool.Options);
    return this.transporter;
  }

  async send(mail: OutgoingEmail): Promise<SendOutcome> {
    try {
      // nodemailer encodes display names and subjects as MIME words: no header can be injected through them
      const info = await this.pool.sendMail({
        from: this.config.MAIL_FROM,
        to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: mail.messageId,
        headers: mail.headers,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      return { ok: true, permanent: false, providerId: info.messageId };
    } catch (e) {
      const err = e as Error & { responseCode?: number; response?: string; code?: string; rejectedErrors?: { responseCode?: number }[] };
      // 5xx is final; 4xx and connection errors are worth retrying. An envelope error with no SMTP code
      // (e.g. an address nodemailer refuses) is final too.
      const code = err.responseCode ?? err.rejectedErrors?.[0]?.responseCode;
      const permanent = code !== undefined ? code >= 500 : err.code === 'EENVELOPE';
      return { ok: false, permanent, error: (err.response ?? err.message).slice(0, 1000) };
    }
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
    this.transporter?.close();
    this.logger.log('SMTP pool closed');
  }
}
