import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, Role } from '../auth/role';
import { LiftSuppressionDto, ListSuppressionsDto } from './dto/suppression.dto';
import { SuppressionsService } from './suppressions.service';
import { liftedSchema, suppressionPageSchema } from './dto/suppression.responses';
import { ApiErrors, ApiJson } from '../openapi/api-doc.decorators';

@ApiTags('suppressions')
@ApiBearerAuth()
@Controller('api/v1/suppressions')
export class SuppressionsController {
  constructor(private readonly suppressions: SuppressionsService) {}

  /** Suppressed addresses, filtered by channel, part of the address or the customer's externalId. */
  @Get()
  @Roles(Role.comms, Role.agent)
  @ApiOperation({ summary: 'List suppressions' })
  @ApiJson(200, 'SuppressionPage', suppressionPageSchema)
  list(@Query() q: ListSuppressionsDto) {
    return this.suppressions.list({ channel: q.channel, address: q.address, customer: q.customer }, q.cursor, q.limit);
  }

  /** Lets an address be used again (e.g. the mailbox was fixed); the reason goes to the audit trail. */
  @Post('lift')
  @HttpCode(200)
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Lift a suppression' })
  @ApiJson(200, 'Lifted', liftedSchema)
  @ApiErrors(404)
  lift(@Body() dto: LiftSuppressionDto, @CurrentActor() actor: Actor) {
    return this.suppressions.lift(dto, actor);
  }
}
