import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { type Actor, Role } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { PaginationDto } from '../../common/pagination.dto';
import { ChangeIncidentStateUseCase } from './change-incident-state.usecase';
import { type IncidentAction } from './incident-state-machine';
import { IncidentLifecycleRepository } from './incident-lifecycle.repository';
import { stateChangeSchema, timelinePageSchema } from '../dto/incident.responses';
import { ApiErrors, ApiJson } from '../../openapi/api-doc.decorators';

class ActionBodyDto extends createZodDto(z.strictObject({ reason: z.string().trim().min(1).max(1000).optional() }).default({})) {}

const IdPipe = new ParseUUIDPipe({ version: '4' });

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class IncidentLifecycleController {
  constructor(
    private readonly change: ChangeIncidentStateUseCase,
    private readonly lifecycle: IncidentLifecycleRepository,
  ) {}

  /** Kill switch: nothing more is sent until resumed (workers check per batch). */
  @Post(':id/pause')
  @HttpCode(200)
  @Roles(Role.commander)
  @ApiOperation({ summary: 'Pause an incident\'s sending' })
  @ApiJson(200, 'StateChange', stateChangeSchema)
  @ApiErrors(409)
  pause(@Param('id', IdPipe) id: string, @Body() body: ActionBodyDto, @CurrentActor() actor: Actor) {
    return this.act(id, 'pause', body, actor);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles(Role.commander)
  @ApiOperation({ summary: 'Resume an incident\'s sending' })
  @ApiJson(200, 'StateChange', stateChangeSchema)
  @ApiErrors(409)
  resume(@Param('id', IdPipe) id: string, @Body() body: ActionBodyDto, @CurrentActor() actor: Actor) {
    return this.act(id, 'resume', body, actor);
  }

  /** Stops everything: waiting notifications become suppressed with the reason. */
  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(Role.commander)
  @ApiOperation({ summary: 'Cancel an incident' })
  @ApiJson(200, 'StateChange', stateChangeSchema)
  @ApiErrors(409)
  cancel(@Param('id', IdPipe) id: string, @Body() body: ActionBodyDto, @CurrentActor() actor: Actor) {
    return this.act(id, 'cancel', body, actor);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles(Role.commander)
  @ApiOperation({ summary: 'Resolve an incident' })
  @ApiJson(200, 'StateChange', stateChangeSchema)
  @ApiErrors(409)
  resolve(@Param('id', IdPipe) id: string, @Body() body: ActionBodyDto, @CurrentActor() actor: Actor) {
    return this.act(id, 'resolve', body, actor);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(Role.commander)
  @ApiOperation({ summary: 'Close an incident' })
  @ApiJson(200, 'StateChange', stateChangeSchema)
  @ApiErrors(409)
  close(@Param('id', IdPipe) id: string, @Body() body: ActionBodyDto, @CurrentActor() actor: Actor) {
    return this.act(id, 'close', body, actor);
  }

  private act(id: string, action: IncidentAction, body: ActionBodyDto | undefined, actor: Actor) {
    return this.change.execute(id, action, actor, body?.reason);
  }

  /** The append-only audit trail of the incident: who, when, what, with before/after state. */
  @Get(':id/timeline')
  @Roles(Role.viewer)
  @ApiOperation({ summary: 'Get an incident\'s timeline' })
  @ApiJson(200, 'TimelinePage', timelinePageSchema)
  async timeline(@Param('id', IdPipe) id: string, @Query() q: PaginationDto) {
    if (!(await this.lifecycle.find(id))) throw AppException.notFound('Incident', id);
    const after = q.cursor && /^\d+$/.test(q.cursor) ? BigInt(q.cursor) : null;
    const items = await this.lifecycle.timeline(id, after, q.limit);
    return { items, nextCursor: items.length === q.limit ? items[items.length - 1].id : null };
  }
}
