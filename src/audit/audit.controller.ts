import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, Role } from '../auth/role';
import { AuditService } from './audit.service';
import { ListAuditDto } from './dto/list-audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The audit trail, newest first, filtered; `?format=ndjson` (or Accept: application/x-ndjson) streams every matching row. */
  @Get()
  @Roles(Role.admin)
  @ApiProduces('application/json', 'application/x-ndjson')
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
  verify() {
    return this.audit.verify();
  }
}
