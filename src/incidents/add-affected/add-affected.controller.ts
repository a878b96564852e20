import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { ApiBearerAuth, ApiConsumes, ApiTags, ApiOperation } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { type Actor, Role } from '../../auth/role';
import { AddAffectedUseCase, addAffectedSchema } from './add-affected.usecase';
import { affectedAddedSchema, affectedFileSchema } from '../dto/incident.responses';
import { ApiErrors, ApiJson, ApiRawBody } from '../../openapi/api-doc.decorators';

class AddAffectedDto extends createZodDto(addAffectedSchema) {}

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class AddAffectedController {
  constructor(private readonly addAffected: AddAffectedUseCase) {}

  /** Adds customers after declaration (explicit externalIds or a filter); they get every step already due, once. */
  @Post(':id/affected')
  @HttpCode(200)
  @Roles(Role.commander)
  @ApiOperation({ summary: 'Add affected customers' })
  @ApiJson(200, 'AffectedAdded', affectedAddedSchema)
  @ApiErrors(409, 422)
  add(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string, @Body() dto: AddAffectedDto, @CurrentActor() actor: Actor) {
    return this.addAffected.execute(id, dto, actor);
  }

  /** The same from a streamed file of externalIds (text/csv or text/plain): per-row errors, flat memory. */
  @Post(':id/affected/upload')
  @HttpCode(200)
  @Roles(Role.commander)
  @ApiConsumes('text/csv', 'text/plain')
  @ApiOperation({ summary: 'Add affected customers from a file' })
  @ApiRawBody('One externalId per line, or a CSV whose first column is externalId', { 'text/csv': { type: 'string' }, 'text/plain': { type: 'string' } })
  @ApiJson(200, 'AffectedFile', affectedFileSchema, 'Added, with per-row errors')
  @ApiErrors(409, 415, 422)
  upload(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string, @Req() req: Request, @CurrentActor() actor: Actor) {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (type !== 'text/csv' && type !== 'text/plain') {
      throw new AppException(ErrorCode.UnsupportedMediaType, 'Send the file as text/csv or text/plain (one externalId per line, or a CSV whose first column is externalId)');
    }
    return this.addAffected.fromFile(id, req, actor);
  }
}
