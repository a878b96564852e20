import { Module } from '@nestjs/common';
import { TemplatePinning } from './template-pinning.service';
import { TemplateEngine } from './template-engine';
import { TemplateRepository } from './template.repository';

/** What rendering and sending need (the worker uses only this): the engine, the versions, pinning. */
@Module({
  providers: [TemplateRepository, TemplateEngine, TemplatePinning],
  exports: [TemplateRepository, TemplateEngine, TemplatePinning],
})
export class TemplatesCoreModule {}
