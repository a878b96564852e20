import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { type Actor, Role } from '../../auth/role';
import { ScheduleUseCases } from './schedule.usecases';
import { approvedStepSchema, factsSchema, milestoneSchema } from '../dto/incident.responses';
import { ApiErrors, ApiJson } from '../../openapi/api-doc.decorators';

const IdPipe = new ParseUUIDPipe({ version: '4' });
class MilestoneDto extends createZodDto(z.strictObject({ at: z.iso.datetime({ offset: true }).optional() }).default({})) {}
class FactsDto extends createZodDto(
  z.strictObject({ facts: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'fact names are identifiers'), z.union([z.string().max(10_000), z.number(), z.boolean()])) }),
) {}

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class ScheduleController {
  constructor(private readonly schedule: ScheduleUseCases) {}

  /** Approves a gated (or late) step; the role needed is the step's own (403 otherwise). stepId: id or step key. */
  @Post(':id/steps/:stepId/approve')
  @HttpCode(200)
  @Roles(Role.viewer)
  @ApiOperation({ summary: 'Approve a step' })
  @ApiJson(200, 'ApprovedStep', approvedStepSchema)
  @ApiErrors(409, 422)
  approve(@Param('id', IdPipe) id: string, @Param('stepId') stepId: string, @CurrentActor() actor: Actor) {
    return this.schedule.approve(id, stepId, actor);
  }

  /** The `confirmed` milestone: steps timed from it are scheduled. */
  @Post(':id/confirm')
  @HttpCode(200)
  @Roles(Role.commander)
  @ApiOperation({ summary: 'Mark an incident confirmed' })
  @ApiJson(200, 'Milestone', milestoneSchema, 'The steps now scheduled')
  @ApiErrors(409)
  confirm(@Param('id', IdPipe) id: string, @Body() body: MilestoneDto, @CurrentActor() actor: Actor) {
    return this.schedule.reachMilestone(id, 'confirmed', body?.at ? new Date(body.at) : undefined, actor);
  }

  /** The materiality determination: starts the SEC 8-K clock. */
  @Post(':id/materiality')
  @HttpCode(200)
  @Roles(Role.commander)
  @ApiOperation({ summary: 'Record the materiality determination' })
  @ApiJson(200, 'Milestone', milestoneSchema, 'The steps now scheduled')
  @ApiErrors(409)
  materiality(@Param('id', IdPipe) id: string, @Body() body: MilestoneDto, @CurrentActor() actor: Actor) {
    return this.schedule.reachMilestone(id, 'materiality', body?.at ? new Date(body.at) : undefined, actor);
  }

  /** Replaces the incident's facts; approved steps not yet sent go back for approval. */
  @Put(':id/facts')
  @Roles(Role.commander)
  @ApiOperation({ summary: 'Replace an incident\'s facts' })
  @ApiJson(200, 'Facts', factsSchema)
  @ApiErrors(409)
  facts(@Param('id', IdPipe) id: string, @Body() body: FactsDto, @CurrentActor() actor: Actor) {
    return this.schedule.updateFacts(id, body.facts, actor);
  }
}
