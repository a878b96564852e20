import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, Role } from '../auth/role';
import { ImportOptionsDto } from './dto/import-options.dto';
import { ImportsService } from './imports.service';
import { Sensitive } from '../throttling/throttling';

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
  async upload(@Req() req: Request, @Query() q: ImportOptionsDto, @CurrentActor() actor: Actor) {
    const imp = await this.imports.upload(req, req.headers['content-type'], q, actor);
    return { importId: imp.id, status: imp.status, statusUrl: `/api/v1/imports/${imp.id}` };
  }

  @Get('imports/:id')
  @Roles(Role.comms)
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.imports.get(id);
  }
}
