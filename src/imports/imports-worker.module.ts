import { Module } from '@nestjs/common';
import { ImportCustomersUseCase } from './import-customers/import-customers.usecase';
import { ImportRepository } from './import.repository';
import { ImportProcessor } from './jobs/import.processor';

/** Customer imports, worker side: the queue processor and the use case that parses, stages and applies. */
@Module({
  providers: [ImportCustomersUseCase, ImportRepository, ImportProcessor],
  exports: [ImportCustomersUseCase],
})
export class ImportsWorkerModule {}
