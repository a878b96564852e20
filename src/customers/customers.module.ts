import { OffersCoreModule } from '../offers/offers-core.module';
import { Module } from '@nestjs/common';
import { ContactsCoreModule } from '../contacts/contacts-core.module';
import { CustomerContextRepository } from './context/customer-context.repository';
import { CustomerContextService } from './context/customer-context.service';
import { CustomerRepository } from './customer.repository';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';
import { IncidentPostsCoreModule } from '../incident-posts/incident-posts-core.module';

/** Customers: who may be affected, with what they need for personalisation. */
@Module({
  imports: [ContactsCoreModule, IncidentPostsCoreModule, OffersCoreModule],
  controllers: [CustomersController],
  providers: [CustomersService, CustomerRepository, CustomerContextService, CustomerContextRepository],
  exports: [CustomersService, CustomerContextService],
})
export class CustomersModule {}
