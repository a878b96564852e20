import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { CommentsExport } from './comments-export';
import { ScorecardController } from './scorecard.controller';
import { ScorecardRepository } from './scorecard.repository';
import { ScorecardService } from './scorecard.service';

/** The customer-experience scorecard: response, CSAT, CES, NPS, acknowledgement, time to reach; its comments. */
@Module({
  imports: [IncidentsModule],
  controllers: [ScorecardController],
  providers: [ScorecardRepository, ScorecardService, CommentsExport],
  exports: [ScorecardService, CommentsExport],
})
export class ScorecardModule {}
