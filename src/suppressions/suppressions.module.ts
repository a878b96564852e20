import { Module } from '@nestjs/common';
import { SuppressionRepository } from './suppression.repository';
import { SuppressionsController } from './suppressions.controller';
import { SuppressionsService } from './suppressions.service';

/** Suppressed addresses: list and lift (audited). The bounce and complaint paths write them. */
@Module({
  controllers: [SuppressionsController],
  providers: [SuppressionsService, SuppressionRepository],
  exports: [SuppressionsService],
})
export class SuppressionsModule {}
