import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Role } from '../../auth/role';
import { CustomerContextService } from '../../customers/context/customer-context.service';
import { ExternalIdPipe } from '../../customers/external-id.pipe';
import { ConsoleController, ConsoleRoles } from '../console.decorators';
import { ConsoleRenderer } from '../console.renderer';
import { CustomerSearchRepository } from './customer-search.repository';
import { ContactsConsoleService } from '../../contacts/console/contacts-console.service';

const MAX_MATCHES = 50;

/**
 * Agent lookup: find a customer by externalId or email, then show what they were told (the API's customer
 * context: every incident, every notice, acknowledged or not, and the agent script).
 */
@ConsoleController('customers')
@ConsoleRoles(Role.agent, Role.comms)
export class AgentLookupController {
  constructor(
    private readonly renderer: ConsoleRenderer,
    private readonly search: CustomerSearchRepository,
    private readonly context: CustomerContextService,
    private readonly contacts: ContactsConsoleService,
  ) {}

  @Get()
  async find(@Query('q') raw: unknown, @Res() res: Response) {
    const q = typeof raw === 'string' ? raw.trim().slice(0, 254) : '';
    if (!q) return this.renderer.render(res, 'customers/search', { title: 'Customer lookup' });
    const matches = await this.search.find(q, MAX_MATCHES);
    if (matches.length === 1) return res.redirect(303, `/console/customers/${encodeURIComponent(matches[0].external_id)}`);
    this.renderer.render(res, 'customers/search', { title: 'Customer lookup', q, matches, searched: true }, { status: matches.length ? 200 : 404 });
  }

  @Get(':externalId')
  async show(@Param('externalId', ExternalIdPipe) externalId: string, @Res() res: Response) {
    const ctx = await this.context.get(externalId);
    const incidents = ctx.incidents.map((i) => ({ ...i, current: ctx.script?.incidentId === i.id }));
    // the customer's earlier contacts and the form to log this one (#21 item 4)
    const contactForm = await this.contacts.agentForm(ctx.customer.externalId, ctx.incidents);
    this.renderer.render(res, 'customers/context', { title: ctx.customer.name ?? ctx.customer.externalId, customer: ctx.customer, suppressed: ctx.suppressed, incidents, script: ctx.script, recentContacts: ctx.recentContacts, contactForm, offers: ctx.offers });
  }
}
