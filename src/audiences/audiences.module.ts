import { Global, Module } from '@nestjs/common';
import { AudienceRepository } from './audience.repository';
import { AudiencesController } from './audiences.controller';

/** Audience filters over customers' tags and attributes: counting, listing, choosing an incident's population. */
@Global()
@Module({
  controllers: [AudiencesController],
  providers: [AudienceRepository],
  exports: [AudienceRepository],
})
export class AudiencesModule {}
