import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, Role } from '../auth/role';
import { ImportOptionsDto } from './dto/import-options.dto';
import { ImportsService } from './imports.service';
import { Sensitive } from '../throttling/throttling';
import { importAcceptedSchema, importStatusSchema } from './dto/import.responses';
import { ApiErrors, ApiJson, ApiRawBody } from '../openapi/api-doc.decorators';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/v1')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** Streamed CSV (text/csv) or NDJSON (application/x-ndjson) body; processed by the worker. */
  @Post('customers/import')
  @HttpCode(202)
  @Sensitive()
  @Roles(Role.comms)
  @ApiConsumes('text/csv', 'application/x-ndjson')
  @ApiOperation({ summary: 'Import customers from a CSV or NDJSON file' })
  @ApiRawBody('The customers: CSV with a header row (externalId, email, phone, name, locale, timezone, tags, attributes.*) or NDJSON, one customer object per line', { 'text/csv': { type: 'string' }, 'application/x-ndjson': { type: 'string' } })
  @ApiJson(202, 'ImportAccepted', importAcceptedSchema, 'Stored; the worker imports it (follow statusUrl)')
  @ApiErrors(415, 422)
  async upload(@Req() req: Request, @Query() q: ImportOptionsDto, @CurrentActor() actor: Actor) {
    const imp = await this.imports.upload(req, req.headers['content-type'], q, actor);
    return { importId: imp.id, status: imp.status, statusUrl: `/api/v1/imports/${imp.id}` };
  }

  @Get('imports/:id')
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Get an import\'s progress and errors' })
  @ApiJson(200, 'ImportStatus', importStatusSchema)
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.imports.get(id);
  }
}
