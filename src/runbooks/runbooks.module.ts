import { Module } from '@nestjs/common';
import { TemplatesCoreModule } from '../templates/templates-core.module';
import { WebhookEndpointsCoreModule } from '../webhook-endpoints/webhook-endpoints-core.module';
import { GateRemovalPolicy } from './gate-removal';
import { PublishRenderCheck } from './publish-render-check';
import { RunbookRepository } from './runbook.repository';
import { RunbooksController } from './runbooks.controller';
import { RunbooksService } from './runbooks.service';

/** Runbooks: the communication plans, drafts and immutable published versions. */
@Module({
  imports: [TemplatesCoreModule, WebhookEndpointsCoreModule],
  controllers: [RunbooksController],
  providers: [RunbooksService, RunbookRepository, PublishRenderCheck, GateRemovalPolicy],
  exports: [RunbookRepository, RunbooksService],
})
export class RunbooksModule {}
