import { Module } from '@nestjs/common';
import { HoldRepository } from './hold.repository';
import { HoldsController } from './holds.controller';
import { HoldsService } from './holds.service';

/** Marketing hold: who must not get marketing because an incident touches them. */
@Module({
  controllers: [HoldsController],
  providers: [HoldsService, HoldRepository],
})
export class HoldsModule {}
