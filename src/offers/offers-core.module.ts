import { Module } from '@nestjs/common';
import { OfferCodes } from './offer-codes.service';
import { OfferRepository } from './offer.repository';
import { OffersService } from './offers.service';

/** Remedy offers for the domains that use them (declare, sending, the notice page, the agent view): no routes. */
@Module({
  providers: [OffersService, OfferRepository, OfferCodes],
  exports: [OffersService],
})
export class OffersCoreModule {}
