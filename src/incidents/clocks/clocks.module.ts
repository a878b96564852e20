import { Module } from '@nestjs/common';
import { TemplatesCoreModule } from '../../templates/templates-core.module';
import { ClockActions } from './clock-actions.service';
import { ClockReplanner } from './clock-replanner';
import { ClockStateService } from './clock-state.service';
import { ClockSweepService } from './clock-sweep.service';
import { ClockRepository } from './clock.repository';
import { ClocksController } from './clocks.controller';
import { EvidenceReportController } from '../report/evidence-report.controller';
import { EvidenceReportRepository } from '../report/evidence-report.repository';
import { EvidenceReportService } from '../report/evidence-report.service';

/** Regulatory clocks read from the database, and the re-planning of the steps timed against them. */
@Module({
  imports: [TemplatesCoreModule],
  providers: [ClockRepository, ClockStateService, ClockReplanner],
  exports: [ClockRepository, ClockStateService, ClockReplanner],
})
export class ClocksModule {}

/** The API's part: filings recorded as evidence, the NYDFS times, the organisation profile, the evidence report. */
@Module({
  imports: [ClocksModule, TemplatesCoreModule],
  controllers: [ClocksController, EvidenceReportController],
  providers: [ClockActions, EvidenceReportService, EvidenceReportRepository],
  exports: [EvidenceReportService],
})
export class ClocksApiModule {}

/** The worker's part: the sweep that follows deliveries and bounces. */
@Module({ imports: [ClocksModule], providers: [ClockSweepService] })
export class ClocksWorkerModule {}
