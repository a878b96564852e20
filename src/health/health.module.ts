import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ChannelsModule } from '../channels/channels.module';
import { HealthController } from './health.controller';

@Module({ imports: [TerminusModule.forRoot({ logger: false }), ChannelsModule], controllers: [HealthController] })
export class HealthModule {}
