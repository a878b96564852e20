import { Body, Get, Inject, MessageEvent, Next, Param, ParseUUIDPipe, Post, Res, Sse } from '@nestjs/common';
import { Audited } from '../../audit/audited.decorator';
import type { NextFunction, Response } from 'express';
import { from, interval, map, Observable, startWith, switchMap } from 'rxjs';
import { z } from 'zod';
import { PERSONAL_DATA_ROLES, Role, roleSatisfies } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { IncidentsService } from '../../incidents/incidents.service';
import { ChangeIncidentStateUseCase } from '../../incidents/lifecycle/change-incident-state.usecase';
import { ACTIONS, type IncidentAction } from '../../incidents/lifecycle/incident-state-machine';
import { UnreachedExport } from '../../incidents/reach/unreached-export';
import { renderReportPdf } from '../../incidents/report/evidence-report.pdf';
import { EvidenceReportService } from '../../incidents/report/evidence-report.service';
import { ScheduleUseCases } from '../../incidents/steps/schedule.usecases';
import { ConsoleController, ConsoleRoles, ConsoleUser } from '../console.decorators';
import { setFlash } from '../console-http';
import { ConsoleRenderer } from '../console.renderer';
import { type ConsoleUser as User } from '../sessions/session.service';
import { IncidentDashboardService } from './incident-dashboard.service';
import { Sensitive } from '../../throttling/throttling';
import { ContactsConsoleService } from '../../contacts/console/contacts-console.service';

const IdPipe = new ParseUUIDPipe({ version: '4' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const actionSchema = z.enum(ACTIONS);
const reasonSchema = z.object({ reason: z.string().trim().max(1000).optional() });

/**
 * The incident dashboard: list, live reach (SSE under the session), clocks, approvals, pause/resume/cancel
 * with a confirmation page, timeline and the unreached export. Every action goes through the API's use cases.
 */
@ConsoleController('incidents')
@ConsoleRoles(Role.viewer)
export class IncidentDashboardController {
  constructor(
    private readonly renderer: ConsoleRenderer,
    private readonly dashboard: IncidentDashboardService,
    private readonly incidents: IncidentsService,
    private readonly change: ChangeIncidentStateUseCase,
    private readonly schedule: ScheduleUseCases,
    private readonly unreached: UnreachedExport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly report: EvidenceReportService,
    private readonly contacts: ContactsConsoleService,
  ) {}

  @Get()
  async list(@Res() res: Response) {
    this.renderer.render(res, 'incidents/list', { title: 'Incidents', incidents: await this.dashboard.recent() });
  }

  /** Not a UUID (e.g. another screen's `/console/incidents/new`): handed on to the next route. */
  @Get(':id')
  async show(@Param('id') id: string, @ConsoleUser() user: User, @Res() res: Response, @Next() next: NextFunction) {
    if (!UUID.test(id)) return next();
    const view = await this.dashboard.dashboard(id, user);
    // the export link only for those who may download personal data (the route refuses the others too)
    // contacts over time, top reasons and effort (#21 item 4): drawn once per page load, not streamed
    const contacts = await this.contacts.dashboardPanel(id);
    this.renderer.render(res, 'incidents/dashboard', { title: view.incident.title, ...view, contacts, canExportPersonalData: roleSatisfies(user.role, PERSONAL_DATA_ROLES) });
  }

  /**
   * The page's live state (reach, schedule, approvals, clocks, this user's actions) every 2 seconds, as one
   * `dashboard` event, authenticated by the session cookie (EventSource cannot send a bearer key).
   */
  @Sse(':id/reach/stream')
  stream(@Param('id', IdPipe) id: string, @ConsoleUser() user: User): Observable<MessageEvent> {
    return from(this.incidents.get(id)).pipe(
      switchMap(() => interval(2000).pipe(startWith(0))),
      switchMap(() => from(this.dashboard.live(id, user))),
      map((data) => ({ data, type: 'dashboard' }) as MessageEvent),
    );
  }

  @Get(':id/unreached.csv')
  @Audited('incident.unreached_exported', 'incident')
  @Sensitive()
  @ConsoleRoles(...PERSONAL_DATA_ROLES)
  async csv(@Param('id', IdPipe) id: string, @Res() res: Response) {
    await this.incidents.get(id); // 404 before any byte is sent
    await this.unreached.download(id, res);
  }

  /** The evidence report, as the API gives it (GET /api/v1/incidents/{id}/report), as a download. */
  @Get(':id/report.json')
  async evidence(@Param('id', IdPipe) id: string, @Res() res: Response) {
    const report = await this.report.build(id);
    res.setHeader('Content-Disposition', `attachment; filename="incident-${id}-evidence.json"`);
    res.json(report);
  }

  @Get(':id/report.pdf')
  async evidencePdf(@Param('id', IdPipe) id: string, @Res() res: Response) {
    const pdf = await renderReportPdf(await this.report.build(id));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="incident-${id}-evidence.pdf"`);
    res.end(pdf);
  }

  /** The approval role is the step's own: the use case checks it, as for the API. */
  @Post(':id/steps/:stepId/approve')
  async approve(@Param('id', IdPipe) id: string, @Param('stepId') stepId: string, @ConsoleUser() user: User, @Res() res: Response) {
    const r = await this.schedule.approve(id, stepId.slice(0, 200), user);
    setFlash(res, res.req, this.config.PUBLIC_URL, `Step '${r.step}' approved; it is scheduled.`);
    res.redirect(303, `/console/incidents/${id}`);
  }

  /** The confirmation step before pause, resume, cancel, resolve or close. */
  @Get(':id/confirm/:action')
  @ConsoleRoles(Role.commander)
  async confirm(@Param('id', IdPipe) id: string, @Param('action') action: string, @Res() res: Response) {
    const a = this.action(action);
    const incident = await this.incidents.get(id);
    this.renderer.render(res, 'incidents/confirm', { title: `${IncidentDashboardService.actionLabel(a)}?`, incident, action: a, label: IncidentDashboardService.actionLabel(a), danger: a === 'cancel' || a === 'pause', cancel: a === 'cancel' });
  }

  @Post(':id/actions/:action')
  @ConsoleRoles(Role.commander)
  async act(@Param('id', IdPipe) id: string, @Param('action') action: string, @Body() body: unknown, @ConsoleUser() user: User, @Res() res: Response) {
    const a = this.action(action);
    const parsed = reasonSchema.safeParse(body ?? {});
    if (!parsed.success) throw new AppException(ErrorCode.ValidationFailed, 'The reason is at most 1,000 characters');
    const r = await this.change.execute(id, a, user, parsed.data.reason || undefined);
    setFlash(res, res.req, this.config.PUBLIC_URL, `The incident is now ${r.state}.`);
    res.redirect(303, `/console/incidents/${id}`);
  }

  private action(action: string): IncidentAction {
    const parsed = actionSchema.safeParse(action);
    if (!parsed.success) throw new AppException(ErrorCode.NotFound, `Unknown action '${action.slice(0, 40)}'`);
    return parsed.data;
  }
}
