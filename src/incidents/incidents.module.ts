import { OffersCoreModule } from '../offers/offers-core.module';
import { PopulationModule } from './population/population.module';
import { Module } from '@nestjs/common';
import { NoticeCoreModule } from '../notices/notice-core.module';
import { ClocksApiModule, ClocksModule } from './clocks/clocks.module';
import { RunbooksModule } from '../runbooks/runbooks.module';
import { TemplatesCoreModule } from '../templates/templates-core.module';
import { DeclareIncidentUseCase } from './declare-incident/declare-incident.usecase';
import { IncidentRepository } from './incident.repository';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';
import { ChangeIncidentStateUseCase } from './lifecycle/change-incident-state.usecase';
import { IncidentLifecycleController } from './lifecycle/incident-lifecycle.controller';
import { IncidentLifecycleRepository } from './lifecycle/incident-lifecycle.repository';
import { AddAffectedController } from './add-affected/add-affected.controller';
import { AddAffectedUseCase } from './add-affected/add-affected.usecase';
import { ReachController } from './reach/reach.controller';
import { ReachSnapshotRepository } from './reach/reach-snapshot.repository';
import { UnreachedExport } from './reach/unreached-export';
import { ReachStream } from './reach/reach-stream';
import { ScheduleController } from './steps/schedule.controller';
import { ScheduleRepository } from './steps/schedule.repository';
import { ScheduleUseCases } from './steps/schedule.usecases';

/** Incidents: declaration, the affected population, the schedule and the reach report. */
@Module({
  imports: [RunbooksModule, TemplatesCoreModule, NoticeCoreModule, ClocksModule, ClocksApiModule, OffersCoreModule, PopulationModule],
  controllers: [IncidentsController, IncidentLifecycleController, ScheduleController, AddAffectedController, ReachController],
  providers: [DeclareIncidentUseCase, IncidentsService, IncidentRepository, ChangeIncidentStateUseCase, IncidentLifecycleRepository, ScheduleUseCases, ScheduleRepository, AddAffectedUseCase, UnreachedExport, ReachSnapshotRepository, ReachStream],
  exports: [ClocksApiModule, DeclareIncidentUseCase, IncidentsService, ChangeIncidentStateUseCase, ScheduleUseCases, UnreachedExport, IncidentLifecycleRepository],
})
export class IncidentsModule {}
