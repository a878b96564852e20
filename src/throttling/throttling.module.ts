import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { bearerOf, isHighVolume, isSensitive, keyOrAddress, SENSITIVE_WINDOW_MS, THROTTLE_WINDOW_MS, TocsinThrottlerGuard } from './throttling';

/** The Redis counters and the failed-authentication limiter (the API-key guard uses it). */
@Module({ providers: [RedisThrottlerStorage, AuthFailureLimiter], exports: [RedisThrottlerStorage, AuthFailureLimiter] })
export class ThrottlingCoreModule {}

const requestOf = (ctx: { switchToHttp(): { getRequest<T>(): T } }) => ctx.switchToHttp().getRequest<Request>();

/** Request throttling for the API process: per key, per address, and sensitive routes (see throttling.ts). */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [ThrottlingCoreModule],
      inject: [APP_CONFIG, RedisThrottlerStorage],
      useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => ({
        storage,
        throttlers: [
          { name: 'key', ttl: THROTTLE_WINDOW_MS, limit: config.THROTTLE_PER_KEY, skipIf: (ctx) => isHighVolume(ctx) || !bearerOf(requestOf(ctx)), getTracker: (req) => keyOrAddress(req as Request) },
          { name: 'address', ttl: THROTTLE_WINDOW_MS, limit: config.THROTTLE_PER_ADDRESS, skipIf: (ctx) => isHighVolume(ctx), getTracker: (req) => `ip:${(req as Request).ip}` },
          { name: 'high-volume', ttl: THROTTLE_WINDOW_MS, limit: config.THROTTLE_HIGH_VOLUME_PER_KEY, skipIf: (ctx) => !isHighVolume(ctx), getTracker: (req) => keyOrAddress(req as Request) },
          { name: 'sensitive', ttl: SENSITIVE_WINDOW_MS, limit: config.THROTTLE_SENSITIVE_PER_MINUTE, skipIf: (ctx) => !isSensitive(ctx), getTracker: (req) => keyOrAddress(req as Request) },
        ],
      }),
    }),
    ThrottlingCoreModule,
  ],
  providers: [{ provide: APP_GUARD, useClass: TocsinThrottlerGuard }],
})
export class ThrottlingModule {}
