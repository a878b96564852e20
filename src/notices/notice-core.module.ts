import { Module } from '@nestjs/common';
import { NoticeLinks } from './notice-links.service';
import { NoticeRepository } from './notice.repository';

/** What fan-out, sending and the reach report need from notice pages: the links and the token rows. */
@Module({
  providers: [NoticeLinks, NoticeRepository],
  exports: [NoticeLinks, NoticeRepository],
})
export class NoticeCoreModule {}
