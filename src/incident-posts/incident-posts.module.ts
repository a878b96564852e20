import { Module } from '@nestjs/common';
import { TemplateResolver } from '../dispatch/template-resolver';
import { NoticesModule } from '../notices/notices.module';
import { TemplatesCoreModule } from '../templates/templates-core.module';
import { IncidentAnswersController, IncidentPublishingController, IncidentUpdatesController } from './incident-posts.controller';
import { IncidentPostsCoreModule } from './incident-posts-core.module';
import { IncidentPostsService } from './incident-posts.service';
import { PostPreviewService } from './post-preview.service';
import { SendUpdateUseCase } from './send-update/send-update.usecase';
import { UpdateStepRepository } from './send-update/update-step.repository';
import { StatusPageController } from './status-page.controller';
import { StatusPageService } from './status-page.service';

/**
 * Incident updates and answers (#21 items 1, 2, 3, 5): the API, sending an update as a step, the previews
 * and the public status page. The surfaces read them through IncidentPostsCoreModule.
 */
@Module({
  imports: [IncidentPostsCoreModule, NoticesModule, TemplatesCoreModule],
  controllers: [IncidentUpdatesController, IncidentAnswersController, IncidentPublishingController, StatusPageController],
  providers: [IncidentPostsService, PostPreviewService, SendUpdateUseCase, UpdateStepRepository, StatusPageService, TemplateResolver],
  exports: [IncidentPostsService, PostPreviewService, SendUpdateUseCase],
})
export class IncidentPostsModule {}
