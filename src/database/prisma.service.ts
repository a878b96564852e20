import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { APP_CONFIG, type AppConfig } from '../config/config.module';

/** The one Prisma client of a process, on the pg driver adapter (no native engine). */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({ adapter: new PrismaPg({ connectionString: config.DATABASE_URL, max: 10 }) });
  }

  /** Last of all: queue workers close (and finish their jobs) in onModuleDestroy, before this runs. */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
