// Request throttling (@nestjs/throttler, storage in Redis): per API key, per client address, stricter on
// sensitive routes (imports, exports of personal data, test-sends) and on failed authentications.
import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';

export const THROTTLE_WINDOW_MS = 10_000;
export const SENSITIVE_WINDOW_MS = 60_000;

/** Routes never throttled: health checks, scrapes, and provider events (signed; a bounce storm must get in). */
const UNTHROTTLED = /^\/(health|metrics)(\/|$)|^\/api\/v1\/events\//;

const SENSITIVE = 'tocsin:throttle-sensitive';
const HIGH_VOLUME = 'tocsin:throttle-high-volume';

/** Marks a route as sensitive: THROTTLE_SENSITIVE_PER_MINUTE per key (or address) on top of the general limits. */
export const Sensitive = () => SetMetadata(SENSITIVE, true);
export const isSensitive = (ctx: ExecutionContext) => Reflect.getMetadata(SENSITIVE, ctx.getHandler()) === true;

/**
 * Marks a cheap read that machines call per message (a marketing system asking about a hold before each
 * email): THROTTLE_HIGH_VOLUME_PER_KEY per 10 s per key (or address) instead of the general limits.
 */
export const HighVolume = () => SetMetadata(HIGH_VOLUME, true);
export const isHighVolume = (ctx: ExecutionContext) => Reflect.getMetadata(HIGH_VOLUME, ctx.getHandler()) === true;

export const bearerOf = (req: Request) => /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
/** The API key a request names (hashed: the secret never becomes a Redis key), else its address. */
export const keyOrAddress = (req: Request) => {
  const bearer = bearerOf(req);
  return bearer ? `key:${createHash('sha256').update(bearer).digest('hex')}` : `ip:${req.ip}`;
};

@Injectable()
export class TocsinThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(ctx: ExecutionContext): Promise<boolean> {
    return UNTHROTTLED.test(ctx.switchToHttp().getRequest<Request>().path ?? '');
  }

  /** One counter per route family is not wanted: a key's budget is shared by every route. */
  protected override generateKey(_ctx: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  /** A coded 429; the global filter adds Retry-After from retryAfterSeconds. */
  protected override async throwThrottlingException(_ctx: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    throw new AppException(ErrorCode.RateLimited, `Too many requests: try again in ${retryAfter} s`, { limit: detail.limit, windowSeconds: detail.ttl / 1000, retryAfterSeconds: retryAfter });
  }
}
