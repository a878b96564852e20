import { Module } from '@nestjs/common';
import { OffersController } from './offers.controller';
import { OffersCoreModule } from './offers-core.module';

/** Remedy offers: definitions, code pools, exports (docs/offers.md). */
@Module({
  imports: [OffersCoreModule],
  controllers: [OffersController],
})
export class OffersModule {}
