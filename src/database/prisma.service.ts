import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { Pool } from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { outages } from '../observability/outage-log';

const TX_MAX_WAIT_MS = 15_000;
const TX_TIMEOUT_MS = 60_000;

/** The one Prisma client of a process, on the pg driver adapter (no native engine). */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  /**
   * The pg pool under the adapter. Repositories use it (never services) for the few statements that run
   * per send batch: a raw query through Prisma costs about a millisecond of CPU in its query pipeline, which
   * at thousands of messages a second is a tenth of the worker's time (measured with the fan-out bench).
   */
  readonly pool: Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const pool = new Pool({ connectionString: config.DATABASE_URL, max: 10 });
    // an idle connection the server closed is dropped by the pool (without a listener it would crash the
    // process); a restart is one outage line, and the first new connection afterwards ends it
    pool.on('error', (e) => outages.failed('postgres', e));
    pool.on('connect', () => outages.ok('postgres'));
    // Prisma's defaults (2 s to start an interactive transaction, 5 s to finish it) turn a busy machine into
    // errors: a reach read or a declare waits for a connection rather than failing (the pool is small)
    super({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: TX_MAX_WAIT_MS, timeout: TX_TIMEOUT_MS } });
    this.pool = pool;
  }

  /** Last of all: queue workers close (and finish their jobs) in onModuleDestroy, before this runs. */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
    await this.pool.end();
  }
}
