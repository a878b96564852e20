import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { CustomersModule } from '../customers/customers.module';
import { ShippedTemplatesLoader } from './shipped-templates.loader';
import { TemplatePreviewService } from './template-preview.service';
import { TemplatesController } from './templates.controller';
import { TemplatesCoreModule } from './templates-core.module';
import { TemplatesService } from './templates.service';

/** Templates API for comms staff: versions, diff, preview and test-send. */
@Module({
  imports: [TemplatesCoreModule, ChannelsModule, CustomersModule],
  controllers: [TemplatesController],
  providers: [TemplatesService, TemplatePreviewService, ShippedTemplatesLoader],
  exports: [TemplatesCoreModule, TemplatesService, TemplatePreviewService],
})
export class TemplatesModule {}
