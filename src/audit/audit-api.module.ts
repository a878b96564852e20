import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';

/** GET /api/v1/audit (admins): the trail, its export and its check. */
@Module({ controllers: [AuditController] })
export class AuditApiModule {}
