import { Module } from '@nestjs/common';
import { RunbooksModule } from '../runbooks/runbooks.module';
import { TemplatesModule } from '../templates/templates.module';
import { DeclareIncidentUseCase } from './declare-incident/declare-incident.usecase';
import { IncidentRepository } from './incident.repository';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

/** Incidents: declaration, the affected population, the schedule and the reach report. */
@Module({
  imports: [RunbooksModule, TemplatesModule],
  controllers: [IncidentsController],
  providers: [DeclareIncidentUseCase, IncidentsService, IncidentRepository],
})
export class IncidentsModule {}
