import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyRepository } from './api-key.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

/** API keys (hashed), roles and the global guard. */
@Module({
  controllers: [AuthController],
  providers: [AuthService, ApiKeyRepository, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [AuthService],
})
export class AuthModule {}
