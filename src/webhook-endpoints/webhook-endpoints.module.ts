import { Module } from '@nestjs/common';
import { WebhookEndpointsCoreModule } from './webhook-endpoints-core.module';
import { WebhookEndpointsController } from './webhook-endpoints.controller';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** Webhook endpoints (partner systems, Slack-compatible incoming webhooks) that webhook steps send to. */
@Module({ imports: [WebhookEndpointsCoreModule], controllers: [WebhookEndpointsController], providers: [WebhookEndpointsService] })
export class WebhookEndpointsModule {}
