import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role';
import { Clock } from '../common/time/clock';
import { ExternalIdPipe } from '../customers/external-id.pipe';
import { HoldsService, HoldView } from './holds.service';
import { HighVolume } from '../throttling/throttling';
import { holdSyncLineSchema, holdViewSchema } from './hold.responses';
import { ApiJson, ApiRaw } from '../openapi/api-doc.decorators';

class HoldSyncQuery extends createZodDto(
  z.strictObject({ since: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-11-26T08:00:00Z' }).optional() }),
) {}

/** For marketing systems: a `marketing` key may call these routes and nothing else; any other role may too. */
@ApiTags('holds')
@ApiBearerAuth()
@Controller('api/v1/holds')
export class HoldsController {
  constructor(
    private readonly holds: HoldsService,
    private readonly clock: Clock,
  ) {}

  /**
   * NDJSON, one line per customer: `{externalId, onHold:true, until}` or `{externalId, onHold:false, releasedAt}`.
   * Without `since`: everyone on hold now. With `since`: holds that started, changed or ended since then;
   * pass the `X-Hold-Sync-At` of the previous answer as the next `since`.
   */
  @Get()
  @Roles(Role.marketing, Role.viewer)
  @ApiProduces('application/x-ndjson')
  @ApiOperation({ summary: 'Sync marketing holds (NDJSON)' })
  @ApiRaw(200, 'One line per customer (NDJSON)', { 'application/x-ndjson': { name: 'HoldSyncLine', schema: holdSyncLineSchema } }, { 'X-Hold-Sync-At': { description: 'pass it as the next since', schema: { type: 'string', format: 'date-time' } } })
  async sync(@Query() q: HoldSyncQuery, @Res() res: Response): Promise<void> {
    const at = this.clock.now();
    res.status(200).setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('X-Hold-Sync-At', at.toISOString());
    for await (const line of this.holds.sync(q.since ? new Date(q.since) : null)) {
      if (!res.write(JSON.stringify(line) + '\n')) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  }

  @Get(':externalId')
  @Roles(Role.marketing, Role.viewer)
  @HighVolume()
  @ApiOperation({ summary: 'Get a customer\'s marketing hold' })
  @ApiJson(200, 'Hold', holdViewSchema)
  get(@Param('externalId', ExternalIdPipe) externalId: string): Promise<HoldView> {
    return this.holds.forCustomer(externalId);
  }
}
