import { Module } from '@nestjs/common';
import { IncidentPostsCoreModule } from '../../incident-posts/incident-posts-core.module';
import { IncidentPostsModule } from '../../incident-posts/incident-posts.module';
import { ConsoleModule } from '../console.module';
import { IncidentPostsConsoleController } from './incident-posts-console.controller';

/** The console screens of incident updates and answers (#21), beside the console's own module. */
@Module({
  imports: [ConsoleModule, IncidentPostsModule, IncidentPostsCoreModule],
  controllers: [IncidentPostsConsoleController],
})
export class IncidentPostsConsoleModule {}
