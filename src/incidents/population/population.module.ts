import { Module } from '@nestjs/common';
import { PopulationRepository } from './population.repository';

/** An incident's affected population inserted in pages after the declare: used by the declare, the fan-out and the reconciler. */
@Module({
  providers: [PopulationRepository],
  exports: [PopulationRepository],
})
export class PopulationModule {}
