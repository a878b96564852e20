import { Inject, Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { RedisThrottlerStorage } from './redis-throttler.storage';

const WINDOW_MS = 60_000;

/**
 * Stricter than the request limits: failed API-key authentications per client address. Past
 * THROTTLE_AUTH_FAILURES a minute the address is refused (429, even with a good key) for
 * THROTTLE_AUTH_BLOCK_SECONDS: guessing keys costs the guesser, not the database.
 */
@Injectable()
export class AuthFailureLimiter {
  constructor(
    private readonly storage: RedisThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assertNotBlocked(address: string | undefined): Promise<void> {
    const seconds = await this.storage.blockedFor(this.key(address));
    if (seconds) throw limited(seconds);
  }

  /** Counts a failure; the one that goes over the limit is already a 429. */
  async failed(address: string | undefined): Promise<void> {
    const r = await this.storage.increment(this.key(address), WINDOW_MS, this.config.THROTTLE_AUTH_FAILURES, this.config.THROTTLE_AUTH_BLOCK_SECONDS * 1000, 'auth-failures');
    if (r.isBlocked) throw limited(r.timeToBlockExpire);
  }

  private key(address: string | undefined): string {
    return `auth-failures:${address ?? 'unknown'}`;
  }
}

const limited = (seconds: number) =>
  new AppException(ErrorCode.RateLimited, `Too many failed authentications from this address: try again in ${seconds} s`, { retryAfterSeconds: seconds });
