import { Module } from '@nestjs/common';
import { IncidentNews } from './incident-news';
import { IncidentPostRepository } from './incident-post.repository';

/** What the surfaces need from incident updates and answers (#21): the published posts, in a reader's words. */
@Module({
  providers: [IncidentPostRepository, IncidentNews],
  exports: [IncidentPostRepository, IncidentNews],
})
export class IncidentPostsCoreModule {}
