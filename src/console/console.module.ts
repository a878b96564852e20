import { MiddlewareConsumer, Module, NestModule, OnModuleInit, RequestMethod } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type Express, urlencoded } from 'express';
import { CustomersModule } from '../customers/customers.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { RunbooksModule } from '../runbooks/runbooks.module';
import { TemplatesModule } from '../templates/templates.module';
import { AgentLookupController } from './agent-lookup/agent-lookup.controller';
import { CustomerSearchRepository } from './agent-lookup/customer-search.repository';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleAssetsController, ConsoleHomeController } from './console-home.controller';
import { ConsoleGuard } from './console.guard';
import { ConsoleRenderer } from './console.renderer';
import { DeclareWizardController } from './declare-wizard/declare-wizard.controller';
import { DeclareWizardService } from './declare-wizard/declare-wizard.service';
import { DeclareWizardView } from './declare-wizard/declare-wizard.view';
import { IncidentDashboardController } from './incidents/incident-dashboard.controller';
import { IncidentDashboardService } from './incidents/incident-dashboard.service';
import { IncidentListRepository } from './incidents/incident-list.repository';
import { RunbookEditorController } from './runbook-editor/runbook-editor.controller';
import { RunbookEditorService } from './runbook-editor/runbook-editor.service';
import { RunbookEditorView } from './runbook-editor/runbook-editor.view';
import { LoginThrottleRepository } from './sessions/login-throttle.repository';
import { LoginController } from './sessions/login.controller';
import { SessionRepository } from './sessions/session.repository';
import { SessionService } from './sessions/session.service';
import { TemplateEditorController } from './template-editor/template-editor.controller';
import { TemplateEditorView } from './template-editor/template-editor.view';
import { ConsoleUsersController } from './users/console-users.controller';
import { UsersModule } from './users/users.module';
import { SuppressionsModule } from '../suppressions/suppressions.module';
import { ConsoleSuppressionsController } from './suppressions/suppressions.controller';
import { ConsoleOffersController } from './offers/offers.controller';
import { OffersCoreModule } from '../offers/offers-core.module';
import { FaviconController } from './favicon.controller';
import { AuthModule } from '../auth/auth.module';
import { ConsoleApiKeysController } from './api-keys/console-api-keys.controller';
import { OidcSignInService } from './sso/oidc-sign-in.service';
import { SsoController } from './sso/sso.controller';
import { OutboxController } from '../dev/outbox/outbox.controller';
import { OutboxService } from '../dev/outbox/outbox.service';
import { ScorecardModule } from '../scorecard/scorecard.module';
import { ConsoleScorecardController } from './scorecard/console-scorecard.controller';
import { ContactsModule } from '../contacts/contacts.module';
import { ContactsConsoleController } from '../contacts/console/contacts-console.controller';
import { ContactsConsoleService } from '../contacts/console/contacts-console.service';

/**
 * The web console under /console: server-rendered pages for people (sessions, not API keys).
 * Screens register their controllers here; see src/console/README.md.
 */
@Module({
  imports: [AuthModule, UsersModule, IncidentsModule, CustomersModule, TemplatesModule, RunbooksModule, SuppressionsModule, ScorecardModule, ContactsModule, OffersCoreModule],
  controllers: [LoginController, ConsoleHomeController, ConsoleAssetsController, ConsoleUsersController, DeclareWizardController, IncidentDashboardController, AgentLookupController, TemplateEditorController, RunbookEditorController, ConsoleSuppressionsController, ConsoleApiKeysController, SsoController, FaviconController, OutboxController, ConsoleScorecardController, ContactsConsoleController, ConsoleOffersController],
  providers: [ContactsConsoleService, OutboxService, OidcSignInService, ConsoleRenderer, ConsoleGuard, ConsoleExceptionFilter, SessionService, SessionRepository, LoginThrottleRepository, IncidentDashboardService, IncidentListRepository, CustomerSearchRepository, TemplateEditorView, RunbookEditorService, RunbookEditorView, DeclareWizardService, DeclareWizardView],
  exports: [ConsoleRenderer, ConsoleGuard, ConsoleExceptionFilter, SessionService],
})
export class ConsoleModule implements NestModule, OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly renderer: ConsoleRenderer,
  ) {}

  /**
   * An unknown /console address gets the console's 404 page instead of the API's JSON. Added at init, after
   * Nest has registered every route (so it only sees what no controller answered) and before its own 404.
   */
  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter?.getInstance?.() as Express | undefined;
    if (typeof app?.use !== 'function') return;
    app.use('/console', (_req, res, next) => {
      if (res.headersSent) return next();
      this.renderer.render(res, 'errors/error', { title: 'Not found', status: 404, message: 'There is no console page at this address.' }, { status: 404 });
    });
  }

  /** HTML forms post urlencoded bodies; the API only parses JSON, so the parser is mounted for /console only. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(urlencoded({ extended: false, limit: '1mb', parameterLimit: 1000 })).forRoutes({ path: 'console/*path', method: RequestMethod.POST });
  }
}
