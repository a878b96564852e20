import { Body, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { Role } from '../../auth/role';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { ConsoleController, ConsoleRoles, ConsoleUser } from '../../console/console.decorators';
import { setFlash } from '../../console/console-http';
import { ConsoleRenderer } from '../../console/console.renderer';
import { parseForm } from '../../console/parse-form.util';
import { type ConsoleUser as User } from '../../console/sessions/session.service';
import { ExternalIdPipe } from '../../customers/external-id.pipe';
import { createReasonSchema, logContactSchema, updateReasonSchema } from '../dto/contact.schemas';
import { LogContactUseCase } from '../log-contact/log-contact.usecase';
import { ContactReasonsService } from '../reasons/contact-reasons.service';

const IdPipe = new ParseUUIDPipe({ version: '4' });
const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The console's contact-centre screens: logging a contact from the agent view, and the reasons comms maintains. */
@ConsoleController()
export class ContactsConsoleController {
  constructor(
    private readonly renderer: ConsoleRenderer,
    private readonly log: LogContactUseCase,
    private readonly reasons: ContactReasonsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The agent view's form: the same use case (checks, audit) as POST /api/v1/customers/{externalId}/contacts. */
  @Post('customers/:externalId/contacts')
  @ConsoleRoles(Role.agent, Role.comms)
  async logContact(@Param('externalId', ExternalIdPipe) externalId: string, @Body() body: Record<string, unknown>, @ConsoleUser() user: User, @Res() res: Response) {
    const input = parseForm(logContactSchema, {
      channel: body.channel,
      reason: body.reason,
      reasonText: blankToUndefined(body.reasonText),
      note: blankToUndefined(body.note),
      resolved: body.resolved === 'on' || body.resolved === 'true',
      // the ticked incidents; none ticked is a contact about no incident in particular
      incidentIds: list(body.incidentIds),
    });
    await this.log.execute(externalId, input, user);
    setFlash(res, res.req, this.config.PUBLIC_URL, 'Contact logged.');
    res.redirect(303, `/console/customers/${encodeURIComponent(externalId)}#contacts`);
  }

  @Get('contact-reasons')
  @ConsoleRoles(Role.comms, Role.agent)
  async reasonList(@Query('archived') archived: unknown, @ConsoleUser() user: User, @Res() res: Response) {
    const all = await this.reasons.list(true);
    this.renderer.render(res, 'contact-reasons/list', { title: 'Contact reasons', reasons: all.items, canEdit: user.role === Role.comms || user.role === Role.admin, showArchived: archived === '1' });
  }

  @Post('contact-reasons')
  @ConsoleRoles(Role.comms)
  async reasonCreate(@Body() body: Record<string, unknown>, @ConsoleUser() user: User, @Res() res: Response) {
    const r = await this.reasons.create(parseForm(createReasonSchema, { key: body.key, label: body.label, position: position(body.position) }), user);
    setFlash(res, res.req, this.config.PUBLIC_URL, `Reason '${r.label}' added.`);
    res.redirect(303, '/console/contact-reasons');
  }

  @Post('contact-reasons/:id')
  @ConsoleRoles(Role.comms)
  async reasonUpdate(@Param('id', IdPipe) id: string, @Body() body: Record<string, unknown>, @ConsoleUser() user: User, @Res() res: Response) {
    const change = z.enum(['save', 'archive', 'restore', 'delete']).catch('save').parse(body.do);
    if (change === 'delete') {
      const r = await this.reasons.remove(id, user);
      setFlash(res, res.req, this.config.PUBLIC_URL, r.deleted ? 'Reason deleted.' : 'Contacts use this reason: it is archived instead.');
    } else {
      const input = change === 'save' ? { label: body.label, position: position(body.position) } : { archived: change === 'archive' };
      const r = await this.reasons.update(id, parseForm(updateReasonSchema, input), user);
      setFlash(res, res.req, this.config.PUBLIC_URL, `Reason '${r.label}' ${change === 'save' ? 'saved' : change === 'archive' ? 'archived' : 'restored'}.`);
    }
    res.redirect(303, '/console/contact-reasons');
  }
}

const position = (v: unknown) => (typeof v === 'string' && /^\d{1,6}$/.test(v.trim()) ? Number(v) : undefined);
