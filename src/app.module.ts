import { Module } from '@nestjs/common';
import { AudiencesModule } from './audiences/audiences.module';
import { AuditApiModule } from './audit/audit-api.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CommonModule } from './common/common.module';
import { ConsoleModule } from './console/console.module';
import { ConfigModule } from './config/config.module';
import { LoggingModule } from './observability/logging.module';
import { CustomersModule } from './customers/customers.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { HoldsModule } from './holds/holds.module';
import { ImportsModule } from './imports/imports.module';
import { IncidentsModule } from './incidents/incidents.module';
import { FeedbackModule } from './feedback/feedback.module';
import { ScorecardModule } from './scorecard/scorecard.module';
import { MetricsModule } from './metrics/metrics.module';
import { NoticesModule } from './notices/notices.module';
import { QueueModule } from './queue/queue.module';
import { RunbooksModule } from './runbooks/runbooks.module';
import { TemplatesModule } from './templates/templates.module';
import { TrackingModule } from './tracking/tracking.module';
import { SuppressionsModule } from './suppressions/suppressions.module';
import { WebhookEndpointsModule } from './webhook-endpoints/webhook-endpoints.module';
import { OffersModule } from './offers/offers.module';
import { ThrottlingModule } from './throttling/throttling.module';
import { ContactsModule } from './contacts/contacts.module';
import { IncidentPostsModule } from './incident-posts/incident-posts.module';
import { IncidentPostsConsoleModule } from './console/incident-posts/incident-posts-console.module';

/** The HTTP API process: it writes to Postgres and adds jobs; it never sends. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    CommonModule,
    DatabaseModule,
    AuditModule,
    AuditApiModule,
    QueueModule.forRoot('producer'),
    ThrottlingModule,
    AuthModule,
    AudiencesModule,
    CustomersModule,
    ImportsModule,
    TemplatesModule,
    RunbooksModule,
    IncidentsModule,
    HoldsModule,
    SuppressionsModule,
    HealthModule,
    TrackingModule,
    NoticesModule,
    IncidentPostsModule,
    FeedbackModule,
    ContactsModule,
    ScorecardModule,
    WebhookEndpointsModule,
    OffersModule,
    MetricsModule.forApi(),
    ConsoleModule,
    IncidentPostsConsoleModule,
  ],
})
export class AppModule {}
