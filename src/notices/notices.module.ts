import { OffersCoreModule } from '../offers/offers-core.module';
import { Module } from '@nestjs/common';
import { ContactsCoreModule } from '../contacts/contacts-core.module';
import { TemplateResolver } from '../dispatch/template-resolver';
import { FeedbackModule } from '../feedback/feedback.module';
import { IncidentPostsCoreModule } from '../incident-posts/incident-posts-core.module';
import { TemplatesCoreModule } from '../templates/templates-core.module';
import { NoticeCoreModule } from './notice-core.module';
import { NoticePageRenderer } from './notice-page.renderer';
import { NoticePageService } from './notice-page.service';
import { NoticesController } from './notices.controller';

/** The public notice page (GET /n/{token}), its acknowledgement and feedback forms, and the question form (#21 item 4). */
@Module({
  imports: [NoticeCoreModule, TemplatesCoreModule, FeedbackModule, ContactsCoreModule, IncidentPostsCoreModule, OffersCoreModule],
  controllers: [NoticesController],
  providers: [NoticePageService, NoticePageRenderer, TemplateResolver],
  // the status page (src/incident-posts) renders with the same page, headers and words
  exports: [NoticePageRenderer],
})
export class NoticesModule {}
