import { Module } from '@nestjs/common';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';

/** What sending and runbook publishing need from the endpoints (the worker uses only this). */
@Module({ providers: [WebhookEndpointRepository], exports: [WebhookEndpointRepository] })
export class WebhookEndpointsCoreModule {}
