import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { APP_CONFIG, type AppConfig } from '../config/config.module';

export const SIGNATURE_HEADER = 'x-tocsin-signature';

/** `sha256=<hex>` of HMAC-SHA256(EVENTS_SIGNING_SECRET, raw body) */
export const signBody = (secret: string, body: Buffer | string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * Provider events carry no API key: they prove themselves with an HMAC of the exact bytes of the body
 * (kept raw for /api/v1/events by the body parser set up in bootstrap), compared in constant time.
 */
@Injectable()
export class EventSignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    const secret = this.config.EVENTS_SIGNING_SECRET;
    if (!secret) {
      // 503 rather than 404: providers retry a 5xx, so events sent before the secret is set are not lost
      throw new AppException(ErrorCode.EventsDisabled, 'Provider events are disabled on this server: set EVENTS_SIGNING_SECRET to accept them');
    }
    const req = ctx.switchToHttp().getRequest<Request>();
    const given = /^sha256=([0-9a-f]{64})$/i.exec(String(req.headers[SIGNATURE_HEADER] ?? '').trim())?.[1];
    if (!given) {
      throw new AppException(ErrorCode.Unauthorized, 'Missing or malformed X-Tocsin-Signature: send "sha256=<hex HMAC-SHA256 of the body>"');
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const expected = createHmac('sha256', secret).update(body).digest();
    if (!timingSafeEqual(Buffer.from(given, 'hex'), expected)) {
      throw new AppException(ErrorCode.Unauthorized, 'X-Tocsin-Signature does not match the body (HMAC-SHA256 of the exact bytes sent, with EVENTS_SIGNING_SECRET)');
    }
    return true;
  }
}
