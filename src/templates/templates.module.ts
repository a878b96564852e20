import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { CustomersModule } from '../customers/customers.module';
import { TemplatePinning } from './template-pinning.service';
import { TemplatePreviewService } from './template-preview.service';
import { TemplateEngine } from './template-engine';
import { TemplateRepository } from './template.repository';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

/** Templates: versioned Handlebars sources per (key, channel, locale) and the safe engine that renders them. */
@Module({
  imports: [ChannelsModule, CustomersModule],
  controllers: [TemplatesController],
  providers: [TemplatesService, TemplatePreviewService, TemplateRepository, TemplateEngine, TemplatePinning],
  exports: [TemplateRepository, TemplateEngine, TemplatePinning],
})
export class TemplatesModule {}
