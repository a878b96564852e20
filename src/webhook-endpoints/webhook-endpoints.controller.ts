import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, Role } from '../auth/role';
import { PaginationDto } from '../common/pagination.dto';
import { ZodParam } from '../common/zod-param.pipe';
import { CreateWebhookEndpointDto, UpdateWebhookEndpointDto, webhookEndpointKeySchema } from './dto/webhook-endpoint.dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { webhookEndpointPageSchema, webhookEndpointSchema, webhookEndpointWithSecretSchema } from './dto/webhook-endpoint.responses';
import { ApiEmpty, ApiErrors, ApiJson } from '../openapi/api-doc.decorators';

const KeyPipe = new ZodParam(webhookEndpointKeySchema, 'key');

@ApiTags('webhook-endpoints')
@ApiBearerAuth()
@Controller('api/v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  /** Creates an endpoint; its signing secret is in this response only. */
  @Post()
  @HttpCode(201)
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Create a webhook endpoint' })
  @ApiJson(201, 'WebhookEndpointWithSecret', webhookEndpointWithSecretSchema, 'Created: the signing secret is in this answer only')
  @ApiErrors(409, 422)
  create(@Body() dto: CreateWebhookEndpointDto, @CurrentActor() actor: Actor) {
    return this.endpoints.create(dto, actor);
  }

  @Get()
  @Roles(Role.comms)
  @ApiOperation({ summary: 'List webhook endpoints' })
  @ApiJson(200, 'WebhookEndpointPage', webhookEndpointPageSchema)
  list(@Query() q: PaginationDto) {
    return this.endpoints.list(q.cursor, q.limit);
  }

  @Get(':key')
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Get a webhook endpoint' })
  @ApiJson(200, 'WebhookEndpoint', webhookEndpointSchema)
  get(@Param('key', KeyPipe) key: string) {
    return this.endpoints.get(key);
  }

  /** Name, URL (checked again), or enabled: true to re-enable an endpoint a 410 disabled. */
  @Patch(':key')
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Update a webhook endpoint' })
  @ApiJson(200, 'WebhookEndpoint', webhookEndpointSchema)
  @ApiErrors(422)
  update(@Param('key', KeyPipe) key: string, @Body() dto: UpdateWebhookEndpointDto, @CurrentActor() actor: Actor) {
    return this.endpoints.update(key, dto, actor);
  }

  /** A new secret (in this response only); the previous one keeps signing for WEBHOOK_SECRET_OVERLAP_HOURS. */
  @Post(':key/rotate-secret')
  @HttpCode(200)
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Rotate a webhook endpoint\'s secret' })
  @ApiJson(200, 'WebhookEndpointWithSecret', webhookEndpointWithSecretSchema, 'The new secret, in this answer only')
  rotate(@Param('key', KeyPipe) key: string, @CurrentActor() actor: Actor) {
    return this.endpoints.rotateSecret(key, actor);
  }

  @Delete(':key')
  @HttpCode(204)
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Delete a webhook endpoint' })
  @ApiEmpty(204, 'Deleted')
  async delete(@Param('key', KeyPipe) key: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.endpoints.delete(key, actor);
  }
}
