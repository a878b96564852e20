import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { SIGNATURE_HEADER } from '../event-signature.guard';
import { PROVIDER_SIGNATURE_HEADER, verifyProviderSignature } from './provider-signature.util';

/**
 * SMS status callbacks prove themselves one of two ways: the provider's own signature (`X-Twilio-Signature`:
 * HMAC-SHA1 of the callback URL and sorted form fields, keyed with SMS_TOKEN, the account's auth token), or
 * Tocsin's (`X-Tocsin-Signature`: HMAC-SHA256 of the body with EVENTS_SIGNING_SECRET) for a gateway that
 * relays them. A missing or wrong signature is 403 and nothing is read from the body.
 */
@Injectable()
export class SmsSignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request>();
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const provider = header(req, PROVIDER_SIGNATURE_HEADER);
    const own = header(req, SIGNATURE_HEADER);
    if (provider !== undefined) {
      const token = this.config.SMS_TOKEN;
      // 503 rather than 403: the provider retries, so callbacks sent before the token is set are not lost
      if (!token) throw new AppException(ErrorCode.EventsDisabled, 'SMS status callbacks are disabled on this server: set SMS_TOKEN (the provider auth token) to check their signature');
      // the URL the provider called, as Tocsin told it to (StatusCallback is built from PUBLIC_URL)
      const url = new URL(req.originalUrl, this.config.PUBLIC_URL).toString();
      if (!verifyProviderSignature(token, provider, url, new URLSearchParams(body.toString('utf8')))) {
        throw new AppException(ErrorCode.Forbidden, 'X-Twilio-Signature does not match (base64 HMAC-SHA1 of the callback URL and the sorted form fields, keyed with SMS_TOKEN)');
      }
      return true;
    }
    if (own !== undefined) {
      const secret = this.config.EVENTS_SIGNING_SECRET;
      if (!secret) throw new AppException(ErrorCode.EventsDisabled, 'Signed events are disabled on this server: set EVENTS_SIGNING_SECRET to accept them');
      const given = /^sha256=([0-9a-f]{64})$/i.exec(own.trim())?.[1];
      const expected = createHmac('sha256', secret).update(body).digest();
      if (!given || !timingSafeEqual(Buffer.from(given, 'hex'), expected)) {
        throw new AppException(ErrorCode.Forbidden, 'X-Tocsin-Signature does not match the body ("sha256=<hex HMAC-SHA256 of the exact bytes>", with EVENTS_SIGNING_SECRET)');
      }
      return true;
    }
    throw new AppException(ErrorCode.Forbidden, 'Unsigned status callback: send X-Twilio-Signature (provider) or X-Tocsin-Signature');
  }
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
