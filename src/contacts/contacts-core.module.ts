import { Module } from '@nestjs/common';
import { ThrottlingCoreModule } from '../throttling/throttling.module';
import { ContactRepository } from './contact.repository';
import { ContactsService } from './contacts.service';
import { LogContactUseCase } from './log-contact/log-contact.usecase';
import { NoticeQuestionLimiter } from './notice-question/notice-question.limiter';
import { NoticeQuestionService } from './notice-question/notice-question.service';
import { ContactReasonRepository } from './reasons/contact-reason.repository';
import { ContactReasonsService } from './reasons/contact-reasons.service';

/** Logging and reading contacts, for the API, the agent view (customers) and the notice page (no controllers). */
@Module({
  imports: [ThrottlingCoreModule],
  providers: [ContactRepository, ContactReasonRepository, ContactsService, ContactReasonsService, LogContactUseCase, NoticeQuestionLimiter, NoticeQuestionService],
  exports: [ContactsService, ContactReasonsService, LogContactUseCase, NoticeQuestionService],
})
export class ContactsCoreModule {}
