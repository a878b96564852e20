import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, PERSONAL_DATA_ROLES, Role } from '../auth/role';
import { ExternalIdPipe } from '../customers/external-id.pipe';
import { ContactsService } from './contacts.service';
import { ApiErrors } from './dto/api-errors';
import { ContactPageDto, ContactSummaryDto, ContactViewDto, ListContactsQueryDto, LogContactDto, SummaryQueryDto } from './dto/contact.dto';
import { LogContactUseCase } from './log-contact/log-contact.usecase';
import { ContactsSummaryService } from './summary/contacts-summary.service';

const IdPipe = new ParseUUIDPipe({ version: '4' });

/** The contact-centre API: CRMs and agents' tools log contacts; dashboards read an incident's contacts and figures. */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('api/v1')
export class ContactsController {
  constructor(
    private readonly log: LogContactUseCase,
    private readonly contacts: ContactsService,
    private readonly summaries: ContactsSummaryService,
  ) {}

  @Post('customers/:externalId/contacts')
  @Roles(Role.agent, Role.comms)
  @ApiOperation({ summary: 'Log a contact with a customer', description: 'Channel, reason (a key from /contact-reasons or "other" with reasonText), a short note, resolved or not, the incidents it relates to (default: the open incidents touching the customer). The caller is recorded as who logged it; audited (without the note).' })
  @ApiCreatedResponse({ type: ContactViewDto, description: 'the contact as stored' })
  @ApiErrors(400, 404)
  create(@Param('externalId', ExternalIdPipe) externalId: string, @Body() dto: LogContactDto, @CurrentActor() actor: Actor) {
    return this.log.execute(externalId, dto, actor);
  }

  @Get('incidents/:id/contacts')
  @Roles(...PERSONAL_DATA_ROLES)
  @ApiOperation({ summary: "An incident's contacts, newest first", description: 'Cursor-paginated (?cursor=&limit=), filtered by channel, reason (a key or "other"), resolved, and time (from inclusive, to exclusive). Notes are personal data: agent, comms and commander keys only.' })
  @ApiOkResponse({ type: ContactPageDto })
  @ApiErrors(400, 404)
  list(@Param('id', IdPipe) id: string, @Query() q: ListContactsQueryDto) {
    return this.contacts.forIncident(id, q);
  }

  @Get('incidents/:id/contacts/summary')
  @Roles(Role.viewer)
  @ApiOperation({ summary: "An incident's contacts as figures", description: 'Contacts over time (hour or day buckets, UTC, zeros included), per channel, the top reasons, and the effort: contacts per reached customer ("reached" as in the reach report). No personal data.' })
  @ApiOkResponse({ type: ContactSummaryDto })
  @ApiErrors(400, 404)
  summary(@Param('id', IdPipe) id: string, @Query() q: SummaryQueryDto) {
    return this.summaries.summary(id, q.bucket);
  }
}
