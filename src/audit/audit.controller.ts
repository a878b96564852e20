import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, Role } from '../auth/role';
import { AuditService } from './audit.service';
import { ListAuditDto } from './dto/list-audit.dto';
import { auditEntrySchema, auditPageSchema, auditVerifySchema } from './dto/audit.responses';
import { ApiJson, ApiRaw } from '../openapi/api-doc.decorators';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The audit trail, newest first, filtered; `?format=ndjson` (or Accept: application/x-ndjson) streams every matching row. */
  @Get()
  @Roles(Role.admin)
  @ApiProduces('application/json', 'application/x-ndjson')
  @ApiOperation({ summary: 'List the audit trail (or stream it as NDJSON)' })
  @ApiJson(200, 'AuditPage', auditPageSchema, 'A page of the trail (JSON), or every matching row (NDJSON)')
  @ApiRaw(200, 'A page of the trail (JSON), or every matching row (NDJSON)', { 'application/x-ndjson': { name: 'AuditEntry', schema: auditEntrySchema } })
  async list(@Query() q: ListAuditDto, @Headers('accept') accept: string | undefined, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const { cursor, limit, format, ...filter } = q;
    if (format === 'ndjson' || (!format && /application\/x-ndjson/.test(accept ?? ''))) {
      res.status(200).type('application/x-ndjson');
      for await (const row of this.audit.export(filter, actor)) {
        if (!res.write(`${JSON.stringify(row)}\n`)) await new Promise((r) => res.once('drain', r));
      }
      res.end();
      return;
    }
    res.json(await this.audit.list(filter, cursor, limit));
  }

  /** Checks the whole hash chain; names the first broken link. */
  @Get('verify')
  @Roles(Role.admin)
  @ApiOperation({ summary: 'Verify the audit hash chain' })
  @ApiJson(200, 'AuditVerification', auditVerifySchema)
  verify() {
    return this.audit.verify();
  }
}
