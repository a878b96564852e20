import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { deriveKeys, formToken, formTokenValid, hashToken, hmacPads, NoticeKeys, noticeToken } from './notice-token.util';

/** Only for development and test processes started without NOTICE_TOKEN_SECRET (production refuses to start). */
const DEVELOPMENT_SECRET = 'tocsin-development-only-notice-secret-not-for-production';

/** The customer's personal link, its stored hash and the form tokens of the page, from NOTICE_TOKEN_SECRET. */
@Injectable()
export class NoticeLinks {
  private readonly keys: NoticeKeys;
  private readonly base: string;
  readonly ttlDays: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.NOTICE_TOKEN_SECRET) {
      new Logger(NoticeLinks.name).warn('NOTICE_TOKEN_SECRET is not set: notice links use a fixed development key (never do this in production)');
    }
    this.keys = deriveKeys(config.NOTICE_TOKEN_SECRET ?? DEVELOPMENT_SECRET);
    this.base = config.PUBLIC_URL.replace(/\/+$/, '');
    this.ttlDays = config.NOTICE_TOKEN_TTL_DAYS;
  }

  token(incidentId: string, customerId: string): string {
    return noticeToken(this.keys.token, incidentId, customerId);
  }

  url(incidentId: string, customerId: string): string {
    return `${this.base}/n/${this.token(incidentId, customerId)}`;
  }

  /** The public origin, for the Origin check of the page's forms. */
  get origin(): string {
    return new URL(this.base).origin;
  }

  hash(token: string): Buffer {
    return hashToken(token);
  }

  /** Inner and outer HMAC pads of the token key, for the set-based statement that stores token hashes. */
  sqlPads(): { inner: Buffer; outer: Buffer } {
    return hmacPads(this.keys.token);
  }

  formToken(tokenHash: Buffer, action: 'ack' | 'feedback' | 'question' | 'claim'): string {
    return formToken(this.keys.form, tokenHash, action);
  }

  formTokenValid(tokenHash: Buffer, action: 'ack' | 'feedback' | 'question' | 'claim', given: unknown): boolean {
    return formTokenValid(this.keys.form, tokenHash, action, given);
  }
}
