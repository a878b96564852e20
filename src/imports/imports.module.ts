import { Module } from '@nestjs/common';
import { ImportRepository } from './import.repository';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** Customer imports, API side: takes the upload and reports progress; the worker does the work. */
@Module({
  controllers: [ImportsController],
  providers: [ImportsService, ImportRepository],
  exports: [ImportsService],
})
export class ImportsModule {}
