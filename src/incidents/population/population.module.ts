import { Module } from '@nestjs/common';
import { PopulationRepository } from './population.repository';
import { NoticeCoreModule } from '../../notices/notice-core.module';

/** An incident's affected population inserted in pages after the declare: used by the declare, the fan-out and the reconciler. */
@Module({
  imports: [NoticeCoreModule],
  providers: [PopulationRepository],
  exports: [PopulationRepository],
})
export class PopulationModule {}
