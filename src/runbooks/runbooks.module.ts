import { Module } from '@nestjs/common';
import { TemplatesModule } from '../templates/templates.module';
import { RunbookRepository } from './runbook.repository';
import { RunbooksController } from './runbooks.controller';
import { RunbooksService } from './runbooks.service';

/** Runbooks: the communication plans, drafts and immutable published versions. */
@Module({
  imports: [TemplatesModule],
  controllers: [RunbooksController],
  providers: [RunbooksService, RunbookRepository],
  exports: [RunbookRepository],
})
export class RunbooksModule {}
