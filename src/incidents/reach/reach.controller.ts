import { Controller, Get, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { Audited } from '../../audit/audited.decorator';
import { ApiBearerAuth, ApiProduces, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ReachStream } from './reach-stream';
import { Roles } from '../../auth/auth.decorators';
import { PERSONAL_DATA_ROLES, Role } from '../../auth/role';
import { IncidentsService } from '../incidents.service';
import { UnreachedExport } from './unreached-export';
import { Sensitive } from '../../throttling/throttling';
import { ApiEmpty, ApiRaw } from '../../openapi/api-doc.decorators';

const IdPipe = new ParseUUIDPipe({ version: '4' });

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class ReachController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly unreached: UnreachedExport,
    private readonly reachStream: ReachStream,
  ) {}

  /** Who has not been reached, and why, as CSV (spreadsheet formulas neutralised). */
  @Get(':id/unreached.csv')
  @Audited('incident.unreached_exported', 'incident')
  @Sensitive()
  @Roles(...PERSONAL_DATA_ROLES)
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Download the unreached customers as CSV' })
  @ApiRaw(200, 'One row per unreached customer: externalId, name, email, phone, why (formulas neutralised)', { 'text/csv': { type: 'string' } })
  async csv(@Param('id', IdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.incidents.get(id); // 404 before any byte is sent
    await this.unreached.download(id, res);
  }

  /**
   * Live reach (server-sent events): `reach` (the body of GET …/reach) when it changes, `end` once the
   * incident is closed or cancelled. An unknown incident is a 404 JSON answer, never an open stream.
   */
  @Get(':id/reach/stream')
  @Roles(Role.viewer)
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Follow an incident\'s reach (server-sent events)' })
  @ApiRaw(200, 'Server-sent events: `reach` (data: the body of GET …/reach, JSON) whenever it changes, then `end` once the incident is closed or cancelled', { 'text/event-stream': { type: 'string', description: 'event: reach|end, id: …, data: <JSON>' } })
  @ApiEmpty(204, 'The incident is closed or cancelled and the client (Last-Event-ID) already had its final state: stop reconnecting')
  async stream(@Param('id', IdPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.incidents.get(id); // 404 before any byte is sent
    await this.reachStream.serve(id, req, res);
  }
}

