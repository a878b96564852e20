import { Controller, Get, MessageEvent, Param, ParseUUIDPipe, Res, Sse } from '@nestjs/common';
import { Audited } from '../../audit/audited.decorator';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { from, interval, Observable, startWith, switchMap, map } from 'rxjs';
import { Roles } from '../../auth/auth.decorators';
import { PERSONAL_DATA_ROLES, Role } from '../../auth/role';
import { IncidentsService } from '../incidents.service';
import { UnreachedExport } from './unreached-export';
import { Sensitive } from '../../throttling/throttling';

const IdPipe = new ParseUUIDPipe({ version: '4' });

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class ReachController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly unreached: UnreachedExport,
  ) {}

  /** Who has not been reached, and why, as CSV (spreadsheet formulas neutralised). */
  @Get(':id/unreached.csv')
  @Audited('incident.unreached_exported', 'incident')
  @Sensitive()
  @Roles(...PERSONAL_DATA_ROLES)
  @ApiProduces('text/csv')
  async csv(@Param('id', IdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.incidents.get(id); // 404 before any byte is sent
    await this.unreached.download(id, res);
  }

  /** Live reach (server-sent events): the same body as GET …/reach, every 2 seconds. */
  @Sse(':id/reach/stream')
  @Roles(Role.viewer)
  stream(@Param('id', IdPipe) id: string): Observable<MessageEvent> {
    return from(this.incidents.get(id)).pipe(
      switchMap(() => interval(2000).pipe(startWith(0))),
      switchMap(() => from(this.incidents.reach(id))),
      map((data) => ({ data, type: 'reach' }) as MessageEvent),
    );
  }
}

