import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, Role } from '../auth/role';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { PaginationDto } from '../common/pagination.dto';
import { ZodParam } from '../common/zod-param.pipe';
import { Sensitive } from '../throttling/throttling';
import { ERROR_SCHEMA, OFFER_VIEW_SCHEMA, offerKeySchema, PutOfferDto, UPLOAD_RESULT_SCHEMA } from './dto/offer.dto';
import { OffersService } from './offers.service';

const KeyPipe = new ZodParam(offerKeySchema, 'key');

@ApiTags('offers')
@ApiBearerAuth()
@Controller('api/v1/offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Put(':key')
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Create or update a remedy offer (title, terms, url, expiry; one shared code, or a pool uploaded separately)' })
  @ApiOkResponse({ description: 'The offer with its pool status', schema: OFFER_VIEW_SCHEMA })
  @ApiBadRequestResponse({ description: 'validation_failed', schema: ERROR_SCHEMA })
  @ApiConflictResponse({ description: 'conflict: a pool offer cannot become a shared-code one', schema: ERROR_SCHEMA })
  put(@Param('key', KeyPipe) key: string, @Body() dto: PutOfferDto, @CurrentActor() actor: Actor) {
    return this.offers.put(key, dto, actor);
  }

  @Get()
  @Roles(Role.viewer)
  @ApiOperation({ summary: 'List offers with their pool status and low-pool warnings (never the codes)' })
  @ApiOkResponse({ schema: { type: 'object', properties: { items: { type: 'array', items: OFFER_VIEW_SCHEMA }, nextCursor: { type: 'string', nullable: true } } } })
  list(@Query() q: PaginationDto) {
    return this.offers.list(q.cursor ?? null, q.limit);
  }

  @Get(':key')
  @Roles(Role.viewer)
  @ApiOperation({ summary: 'One offer with its pool status: total, assigned, free, and a warning when it runs low' })
  @ApiOkResponse({ schema: OFFER_VIEW_SCHEMA })
  @ApiNotFoundResponse({ description: 'not_found', schema: ERROR_SCHEMA })
  get(@Param('key', KeyPipe) key: string) {
    return this.offers.get(key);
  }

  @Post(':key/codes')
  @HttpCode(200)
  @Roles(Role.comms)
  @Sensitive()
  @ApiOperation({ summary: "Upload codes to the offer's pool: text/csv (first column, optional `code` header) or text/plain (one per line); duplicates are skipped" })
  @ApiConsumes('text/csv', 'text/plain')
  @ApiBody({ schema: { type: 'string', example: 'code\nCM-7F3K-2291\nCM-9QX1-0042\n' } })
  @ApiOkResponse({ schema: UPLOAD_RESULT_SCHEMA })
  @ApiNotFoundResponse({ description: 'not_found', schema: ERROR_SCHEMA })
  @ApiConflictResponse({ description: 'conflict: the offer has a shared code', schema: ERROR_SCHEMA })
  @ApiUnsupportedMediaTypeResponse({ description: 'unsupported_media_type', schema: ERROR_SCHEMA })
  @ApiUnprocessableEntityResponse({ description: 'import_invalid: no row is a code', schema: ERROR_SCHEMA })
  upload(@Param('key', KeyPipe) key: string, @Req() req: Request, @CurrentActor() actor: Actor) {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (type !== 'text/csv' && type !== 'text/plain') throw new AppException(ErrorCode.UnsupportedMediaType, 'Send the codes as text/csv or text/plain (one code per line, or a CSV whose first column is the code)');
    return this.offers.upload(key, req, actor, type === 'text/csv');
  }

  @Get(':key/assignments.csv')
  @Roles(Role.comms)
  @Sensitive()
  @ApiOperation({ summary: 'Export who has which code (externalId, email, incident, code, assigned, claimed) as formula-safe CSV; audited' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV file', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'not_found', schema: ERROR_SCHEMA })
  async assignments(@Param('key', KeyPipe) key: string, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    await this.offers.exportAssignments(key, res, actor);
  }
}
