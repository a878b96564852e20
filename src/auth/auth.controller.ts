import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { paginationSchema } from '../common/pagination.dto';
import { CurrentActor, Roles } from './auth.decorators';
import { ApiKeyView, AuthService, CreatedKey } from './auth.service';
import { CreateApiKeyDto, RotateApiKeyDto } from './dto/create-api-key.dto';
import { type Actor, Role } from './role';
import { apiKeyPageSchema, apiKeyViewSchema, createdKeySchema, rotatedKeySchema } from './dto/api-key.responses';
import { ApiErrors, ApiJson } from '../openapi/api-doc.decorators';

const IdPipe = new ParseUUIDPipe();
class ListKeysDto extends createZodDto(paginationSchema.extend({ cursor: z.uuid().optional() })) {}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/api-keys')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Creates a key; the secret is in this response only. */
  @Post()
  @Roles(Role.admin)
  @ApiOperation({ summary: 'Create an API key' })
  @ApiJson(201, 'CreatedApiKey', createdKeySchema, 'Created: the secret is in this answer only')
  create(@Body() dto: CreateApiKeyDto, @CurrentActor() actor: Actor): Promise<CreatedKey> {
    return this.auth.createKey(dto.name, dto.role as Role, actor, dto.expiresAt);
  }

  /** Every key, newest first: name, role, prefix, state, last use, expiry. Never the secret. */
  @Get()
  @Roles(Role.admin)
  @ApiOperation({ summary: 'List API keys' })
  @ApiJson(200, 'ApiKeyPage', apiKeyPageSchema)
  list(@Query() q: ListKeysDto) {
    return this.auth.list(q.cursor, q.limit);
  }

  /** Revokes a key at once (idempotent). */
  @Delete(':id')
  @Roles(Role.admin)
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiJson(200, 'ApiKey', apiKeyViewSchema, 'Revoked (or already was)')
  revoke(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<ApiKeyView> {
    return this.auth.revoke(id, actor);
  }

  /** A new secret for the same name and role; the old one keeps working for `overlapHours` (default 24). */
  @Post(':id/rotate')
  @Roles(Role.admin)
  @ApiOperation({ summary: 'Rotate an API key' })
  @ApiJson(201, 'RotatedApiKey', rotatedKeySchema, 'The new key (its secret in this answer only) and the previous one, which works until its expiresAt')
  @ApiErrors(409)
  rotate(@Param('id', IdPipe) id: string, @Body() dto: RotateApiKeyDto, @CurrentActor() actor: Actor) {
    return this.auth.rotate(id, dto.overlapHours, actor);
  }
}
