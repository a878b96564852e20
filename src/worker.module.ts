import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { CommonModule } from './common/common.module';
import { ConfigModule } from './config/config.module';
import { LoggingModule } from './observability/logging.module';
import { DatabaseModule } from './database/database.module';
import { DispatchModule } from './dispatch/dispatch.module';
import { ImportsWorkerModule } from './imports/imports-worker.module';
import { ClocksWorkerModule } from './incidents/clocks/clocks.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';

/** The worker process: BullMQ processors and the reconciler; no HTTP. */
@Module({
  imports: [ConfigModule, LoggingModule, CommonModule, DatabaseModule, AuditModule, QueueModule.forRoot('worker'), DispatchModule, ImportsWorkerModule, ClocksWorkerModule, MetricsModule.forWorker()],
})
export class WorkerModule {}
