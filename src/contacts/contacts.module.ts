import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { ContactsCoreModule } from './contacts-core.module';
import { ContactsController } from './contacts.controller';
import { ContactRepository } from './contact.repository';
import { ContactReasonsController } from './reasons/contact-reasons.controller';
import { ContactsSummaryService } from './summary/contacts-summary.service';

/** The contact centre in the loop (#21 item 4): the contacts API, reasons, and an incident's contact figures. */
@Module({
  imports: [ContactsCoreModule, IncidentsModule],
  controllers: [ContactsController, ContactReasonsController],
  providers: [ContactsSummaryService, ContactRepository],
  exports: [ContactsSummaryService, ContactsCoreModule],
})
export class ContactsModule {}
