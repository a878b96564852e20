import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { type Actor, Role } from '../../auth/role';
import { ScheduleUseCases } from './schedule.usecases';

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
  approve(@Param('id', IdPipe) id: string, @Param('stepId') stepId: string, @CurrentActor() actor: Actor) {
    return this.schedule.approve(id, stepId, actor);
  }

  /** The `confirmed` milestone: steps timed from it are scheduled. */
  @Post(':id/confirm')
  @HttpCode(200)
  @Roles(Role.commander)
  confirm(@Param('id', IdPipe) id: string, @Body() body: MilestoneDto, @CurrentActor() actor: Actor) {
    return this.schedule.reachMilestone(id, 'confirmed', body?.at ? new Date(body.at) : undefined, actor);
  }

  /** The materiality determination: starts the SEC 8-K clock. */
  @Post(':id/materiality')
  @HttpCode(200)
  @Roles(Role.commander)
  materiality(@Param('id', IdPipe) id: string, @Body() body: MilestoneDto, @CurrentActor() actor: Actor) {
    return this.schedule.reachMilestone(id, 'materiality', body?.at ? new Date(body.at) : undefined, actor);
  }

  /** Replaces the incident's facts; approved steps not yet sent go back for approval. */
  @Put(':id/facts')
  @Roles(Role.commander)
  facts(@Param('id', IdPipe) id: string, @Body() body: FactsDto, @CurrentActor() actor: Actor) {
    return this.schedule.updateFacts(id, body.facts, actor);
  }
}
