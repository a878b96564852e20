import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service';
import { ReachCounters } from './reach-counters';

@Global()
@Module({ providers: [PrismaService, ReachCounters], exports: [PrismaService] })
export class DatabaseModule {}
