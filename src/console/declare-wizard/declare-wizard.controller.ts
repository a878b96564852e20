import { Body, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Role } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { ZodParam } from '../../common/zod-param.pipe';
import { templateKeySchema } from '../../templates/dto/template.dto';
import { ConsoleController, ConsoleRoles, ConsoleUser } from '../console.decorators';
import { ConsoleRenderer } from '../console.renderer';
import { type ConsoleUser as User } from '../sessions/session.service';
import { readDeclareForm } from './declare-form';
import { DeclareWizardService } from './declare-wizard.service';
import { DeclareWizardView } from './declare-wizard.view';

const Runbook = new ZodParam(templateKeySchema, 'runbook');
/** errors a person can fix on the form: shown on it, with what they typed kept */
const FORM_ERRORS = [ErrorCode.ValidationFailed, ErrorCode.FilterInvalid, ErrorCode.MissingFacts, ErrorCode.UnknownCustomers, ErrorCode.IdempotencyKeyReused, ErrorCode.OfferPoolExhausted];

/** The declare wizard (commander): runbook → facts → affected population → preview of schedule and clocks → declare. */
@ConsoleController('incidents/new')
@ConsoleRoles(Role.commander)
export class DeclareWizardController {
  constructor(
    private readonly renderer: ConsoleRenderer,
    private readonly wizard: DeclareWizardService,
    private readonly view: DeclareWizardView,
  ) {}

  @Get()
  async pick(@Res() res: Response) {
    this.renderer.render(res, 'declare/pick', { title: 'Declare an incident', runbooks: await this.wizard.publishedRunbooks() });
  }

  @Get(':runbook')
  async form(@Param('runbook', Runbook) runbook: string, @Res() res: Response) {
    const form = this.wizard.newForm();
    this.renderer.render(res, 'declare/form', this.view.page(await this.wizard.runbookForm(runbook), form, form.idempotencyKey, null, null));
  }

  /** The live count of the filter builder (JSON for the page's script). */
  @Post(':runbook/count')
  @HttpCode(200)
  count(@Body() body: Record<string, unknown>) {
    return this.wizard.count(readDeclareForm(body));
  }

  /** "Preview" shows the schedule and clocks without writing; "Declare" declares (once per form: its idempotency key). */
  @Post(':runbook')
  async submit(@Param('runbook', Runbook) runbook: string, @Body() body: Record<string, unknown>, @ConsoleUser() user: User, @Res() res: Response) {
    const form = readDeclareForm(body);
    const key = typeof body.idempotencyKey === 'string' && body.idempotencyKey ? body.idempotencyKey : this.wizard.newForm().idempotencyKey;
    const meta = await this.wizard.runbookForm(runbook);
    try {
      if (body.action === 'declare') {
        const { id } = await this.wizard.declareIncident(runbook, form, key, user);
        res.redirect(303, `/console/incidents/${id}`);
        return;
      }
      this.renderer.render(res, 'declare/form', this.view.page(meta, form, key, await this.wizard.preview(runbook, form), null));
    } catch (e) {
      if (!(e instanceof AppException) || !FORM_ERRORS.includes(e.code)) throw e;
      // this form already declared an incident and was then changed: link to that one, and give the form a
      // new key so declaring the changed form is a deliberate second incident
      const nextKey = e.code === ErrorCode.IdempotencyKeyReused ? this.wizard.newForm().idempotencyKey : key;
      this.renderer.render(res, 'declare/form', this.view.page(meta, form, nextKey, null, e), { status: e.code === ErrorCode.ValidationFailed || e.code === ErrorCode.FilterInvalid ? 400 : 422 });
    }
  }
}
