import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { type Actor, Role } from '../../auth/role';
import { ApiErrors } from '../dto/api-errors';
import { CreateReasonDto, ReasonListDto, ReasonViewDto, UpdateReasonDto } from '../dto/contact.dto';
import { ContactReasonsService } from './contact-reasons.service';

const IdPipe = new ParseUUIDPipe({ version: '4' });

/** The list of contact reasons comms maintains ("other" is built in: no entry). */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('api/v1/contact-reasons')
export class ContactReasonsController {
  constructor(private readonly reasons: ContactReasonsService) {}

  @Get()
  @Roles(Role.viewer)
  @ApiOperation({ summary: 'The contact reasons agents pick from', description: 'Active reasons in their order; ?includeArchived=true adds archived ones. "other" (with a free text) is always available and is not listed.' })
  @ApiQuery({ name: 'includeArchived', required: false, enum: ['true', 'false'] })
  @ApiOkResponse({ type: ReasonListDto })
  @ApiErrors()
  list(@Query('includeArchived') includeArchived?: string) {
    return this.reasons.list(includeArchived === 'true');
  }

  @Post()
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Add a contact reason', description: 'key: stable identifier for CRMs (lower-case, dashes); label: what agents read. Audited.' })
  @ApiCreatedResponse({ type: ReasonViewDto })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateReasonDto, @CurrentActor() actor: Actor) {
    return this.reasons.create(dto, actor);
  }

  @Patch(':id')
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Rename, reorder, archive or restore a contact reason', description: 'Past contacts show the current label. Audited with the before and after.' })
  @ApiOkResponse({ type: ReasonViewDto })
  @ApiErrors(400, 404)
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateReasonDto, @CurrentActor() actor: Actor) {
    return this.reasons.update(id, dto, actor);
  }

  @Delete(':id')
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Delete a contact reason (archived instead when contacts use it)', description: 'Audited.' })
  @ApiOkResponse({ schema: { type: 'object', properties: { id: { type: 'string' }, deleted: { type: 'boolean' }, archived: { type: 'boolean' } } } })
  @ApiErrors(400, 404)
  remove(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.reasons.remove(id, actor);
  }
}
