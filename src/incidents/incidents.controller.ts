import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, Role } from '../auth/role';
import { Clock } from '../common/time/clock';
import { ClockStateService } from './clocks/clock-state.service';
import { DeclareIncidentCommand } from './declare-incident/declare-incident.command';
import { DeclareIncidentUseCase } from './declare-incident/declare-incident.usecase';
import { DeclareIncidentDto } from './dto/declare-incident.dto';
import { IncidentsService, toIncidentView } from './incidents.service';
import { incidentViewSchema, reachSchema } from './dto/incident.responses';
import { ApiErrors, ApiJson } from '../openapi/api-doc.decorators';

const IdPipe = new ParseUUIDPipe({ version: '4' });

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(
    private readonly declare: DeclareIncidentUseCase,
    private readonly incidents: IncidentsService,
    private readonly clock: Clock,
    private readonly clockState: ClockStateService,
  ) {}

  /** Declares an incident (201), or replays the one declared with this Idempotency-Key (200). */
  @Post()
  @Roles(Role.commander)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: 'Declare an incident' })
  @ApiJson(201, 'Incident', incidentViewSchema, 'Declared')
  @ApiJson(200, 'Incident', incidentViewSchema, 'Already declared with this Idempotency-Key: the same incident (header Idempotent-Replayed: true)')
  @ApiErrors(409, 422)
  async create(
    @Body() dto: DeclareIncidentDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const cmd = DeclareIncidentCommand.create(dto, key, this.clock.now());
    const { incident, replayed, affected } = await this.declare.execute(cmd, actor);
    res.status(replayed ? 200 : 201);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return toIncidentView(incident, affected, this.clock.now(), undefined, await this.clockState.clocksFor(incident));
  }

  @Get(':id')
  @Roles(Role.viewer)
  @ApiOperation({ summary: 'Get an incident' })
  @ApiJson(200, 'Incident', incidentViewSchema)
  get(@Param('id', IdPipe) id: string) {
    return this.incidents.get(id);
  }

  @Get(':id/reach')
  @Roles(Role.viewer)
  @ApiOperation({ summary: 'Get an incident\'s reach' })
  @ApiJson(200, 'Reach', reachSchema)
  reach(@Param('id', IdPipe) id: string) {
    return this.incidents.reach(id);
  }
}
