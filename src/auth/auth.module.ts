import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyRepository } from './api-key.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BootstrapAdminKey } from './bootstrap-admin-key';
import { ThrottlingCoreModule } from '../throttling/throttling.module';

/** API keys (hashed, revocable, expiring), roles and the global guard. */
@Module({
  imports: [ThrottlingCoreModule],
  controllers: [AuthController],
  providers: [AuthService, ApiKeyRepository, BootstrapAdminKey, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [AuthService],
})
export class AuthModule {}

/** The key service alone, for the CLI: no guard, no controller, no bootstrap-key sync. */
@Module({ providers: [AuthService, ApiKeyRepository], exports: [AuthService] })
export class AuthCoreModule {}
