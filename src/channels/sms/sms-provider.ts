import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import type { SendOutcome } from '../email/mail-transport';

export interface OutgoingSms {
  notificationId: string;
  /** E.164 */
  to: string;
  body: string;
}

/**
 * SMS behind one interface. `http`: the common provider REST shape (POST form-encoded To/From/Body to
 * {SMS_API_URL}/Accounts/{account}/Messages.json with basic auth, status callbacks to
 * /api/v1/events/sms). `log`: for development, records that a message would go out (no number, no text).
 */
@Injectable()
export class SmsProvider {
  private readonly logger = new Logger(SmsProvider.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(sms: OutgoingSms): Promise<SendOutcome> {
    if (!/^\+[1-9]\d{6,14}$/.test(sms.to)) return { ok: false, permanent: true, error: 'not an E.164 phone number' };
    if (this.config.SMS_PROVIDER === 'log') {
      this.logger.log(`sms for notification ${sms.notificationId} (${sms.body.length} characters) not sent: SMS_PROVIDER=log`);
      return { ok: true, permanent: false, providerId: `log-${sms.notificationId}` };
    }
    const { SMS_API_URL: base, SMS_ACCOUNT: account, SMS_TOKEN: token, SMS_FROM: from } = this.config;
    if (!base || !account || !token || !from) return { ok: false, permanent: false, error: 'SMS_PROVIDER=http needs SMS_API_URL, SMS_ACCOUNT, SMS_TOKEN and SMS_FROM' };
    const form = new URLSearchParams({ To: sms.to, From: from, Body: sms.body, StatusCallback: new URL('/api/v1/events/sms', this.config.PUBLIC_URL).toString() });
    try {
      const res = await fetch(`${base.replace(/\/$/, '')}/Accounts/${encodeURIComponent(account)}/Messages.json`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${account}:${token}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form,
        redirect: 'error',
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      if (res.ok) {
        const sid = (() => {
          try {
            return (JSON.parse(text) as { sid?: string }).sid;
          } catch {
            return undefined;
          }
        })();
        return { ok: true, permanent: false, providerId: sid };
      }
      // 4xx (bad number, refused) is final, except 408/429; 5xx is worth retrying
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      // 502/503/504: the provider's front answers but the service is down, as good as unreachable
      const unreachable = res.status === 502 || res.status === 503 || res.status === 504;
      return { ok: false, permanent, unreachable, error: `SMS provider answered ${res.status}: ${text.slice(0, 300)}` };
    } catch (e) {
      return { ok: false, permanent: false, unreachable: true, error: `SMS provider unreachable: ${(e as Error).message}` };
    }
  }
}
