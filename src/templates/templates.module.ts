import { Module } from '@nestjs/common';
import { TemplateEngine } from './template-engine';
import { TemplateRepository } from './template.repository';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

/** Templates: versioned Handlebars sources per (key, channel, locale) and the safe engine that renders them. */
@Module({
  controllers: [TemplatesController],
  providers: [TemplatesService, TemplateRepository, TemplateEngine],
  exports: [TemplateRepository, TemplateEngine],
})
export class TemplatesModule {}
