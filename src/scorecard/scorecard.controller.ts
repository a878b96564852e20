import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { Roles } from '../auth/auth.decorators';
import { PERSONAL_DATA_ROLES, Role } from '../auth/role';
import { Sensitive } from '../throttling/throttling';
import { CommentsExport } from './comments-export';
import { breakdownQuerySchema, commentsQuerySchema, dimensionOf, rangeOf, rangeQuerySchema } from './dto/scorecard-query.dto';
import { COMMENTS_SCHEMA, ERROR_SCHEMA, INCIDENT_SCORECARD_SCHEMA, RANGE_SCORECARD_SCHEMA } from './dto/scorecard-response.schema';
import { ScorecardService } from './scorecard.service';

class BreakdownQueryDto extends createZodDto(breakdownQuerySchema) {}
class RangeQueryDto extends createZodDto(rangeQuerySchema) {}
class CommentsQueryDto extends createZodDto(commentsQuerySchema) {}

const IdPipe = new ParseUUIDPipe({ version: '4' });
const BAD = { description: 'a parameter is not valid (code validation_failed, with the parameter named)', schema: ERROR_SCHEMA };

/** The customer-experience scorecard (issue 20 item 3): figures per incident and across incidents, and the comments. */
@ApiTags('scorecard')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no or unknown API key', schema: ERROR_SCHEMA })
@ApiForbiddenResponse({ description: 'the key has not the role', schema: ERROR_SCHEMA })
@Controller('api/v1')
export class ScorecardController {
  constructor(
    private readonly scorecard: ScorecardService,
    private readonly exporter: CommentsExport,
  ) {}

  @Get('incidents/:id/scorecard')
  @Roles(Role.viewer)
  @ApiOperation({
    summary: 'The scorecard of one incident',
    description:
      'Response rate, CSAT (% of 4-5), CES average, NPS, acknowledgement rate, time to reach p50/p90 and claims; with `by=channel|locale|attributes.<key>` (or `attribute=<key>`) also per group.',
  })
  @ApiOkResponse({ description: 'the figures', schema: INCIDENT_SCORECARD_SCHEMA })
  @ApiBadRequestResponse(BAD)
  @ApiNotFoundResponse({ description: 'no such incident', schema: ERROR_SCHEMA })
  incident(@Param('id', IdPipe) id: string, @Query() q: BreakdownQueryDto) {
    return this.scorecard.forIncident(id, dimensionOf(q));
  }

  @Get('scorecard')
  @Roles(Role.viewer)
  @ApiOperation({
    summary: 'The scorecard across the incidents declared in [from, to)',
    description: 'The same figures over every incident declared in the range (at most 366 days), a trend with one point per incident, and the optional breakdown.',
  })
  @ApiOkResponse({ description: 'the figures and the trend', schema: RANGE_SCORECARD_SCHEMA })
  @ApiBadRequestResponse(BAD)
  range(@Query() q: RangeQueryDto) {
    const { from, to } = rangeOf(q);
    return this.scorecard.forRange(from, to, dimensionOf(q));
  }

  @Get('scorecard/comments')
  @Roles(Role.viewer)
  @ApiOperation({
    summary: 'Feedback comments, filtered',
    description: 'Answers with a comment or an NPS "why", newest first, filtered by incident, declaration range, locale, channel and a score range (`score=csat|ces|nps&min=&max=`); cursor-paginated. Customers are not named.',
  })
  @ApiOkResponse({ description: 'a page of comments', schema: COMMENTS_SCHEMA })
  @ApiBadRequestResponse(BAD)
  @ApiNotFoundResponse({ description: 'the incident filter names no incident', schema: ERROR_SCHEMA })
  comments(@Query() q: CommentsQueryDto) {
    return this.scorecard.comments(q);
  }

  @Get('scorecard/comments.csv')
  @Sensitive()
  @Roles(...PERSONAL_DATA_ROLES)
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'Feedback comments as CSV (personal data: audited)',
    description: 'The same filters as GET /scorecard/comments, every page. Cells that a spreadsheet would run as a formula are neutralised. Each export is recorded in the audit trail with its filters.',
  })
  @ApiOkResponse({ description: 'text/csv: incidentId, incident, at, locale, channels, csat, ces, nps, comment, npsReason', schema: { type: 'string' } })
  @ApiBadRequestResponse(BAD)
  @ApiNotFoundResponse({ description: 'the incident filter names no incident', schema: ERROR_SCHEMA })
  async csv(@Query() q: CommentsQueryDto, @Res() res: Response): Promise<void> {
    await this.exporter.download(q, res);
  }
}
