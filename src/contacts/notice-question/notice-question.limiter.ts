import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { RedisThrottlerStorage } from '../../throttling/redis-throttler.storage';

const HOUR_MS = 3600_000;

/**
 * Questions from the notice page, per link and per client address (the request throttling's Redis counters):
 * a page anyone with the link can post to must not become a way to flood the contact centre. Both counters
 * are counted on every question; either one over its limit refuses it until its hour has passed.
 */
@Injectable()
export class NoticeQuestionLimiter {
  constructor(
    private readonly storage: RedisThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 0 when the question may be stored, else the seconds to wait. */
  async take(tokenHash: Buffer, address: string | undefined): Promise<number> {
    const [byToken, byAddress] = await Promise.all([
      this.storage.increment(`notice-question:token:${tokenHash.toString('hex')}`, HOUR_MS, this.config.THROTTLE_NOTICE_QUESTIONS_PER_TOKEN, HOUR_MS, 'notice-question'),
      this.storage.increment(`notice-question:ip:${address ?? 'unknown'}`, HOUR_MS, this.config.THROTTLE_NOTICE_QUESTIONS_PER_ADDRESS, HOUR_MS, 'notice-question'),
    ]);
    return Math.max(byToken.isBlocked ? byToken.timeToBlockExpire : 0, byAddress.isBlocked ? byAddress.timeToBlockExpire : 0);
  }
}
