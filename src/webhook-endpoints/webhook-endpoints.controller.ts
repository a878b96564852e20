import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, Role } from '../auth/role';
import { PaginationDto } from '../common/pagination.dto';
import { ZodParam } from '../common/zod-param.pipe';
import { CreateWebhookEndpointDto, UpdateWebhookEndpointDto, webhookEndpointKeySchema } from './dto/webhook-endpoint.dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';

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
  create(@Body() dto: CreateWebhookEndpointDto, @CurrentActor() actor: Actor) {
    return this.endpoints.create(dto, actor);
  }

  @Get()
  @Roles(Role.comms)
  list(@Query() q: PaginationDto) {
    return this.endpoints.list(q.cursor, q.limit);
  }

  @Get(':key')
  @Roles(Role.comms)
  get(@Param('key', KeyPipe) key: string) {
    return this.endpoints.get(key);
  }

  /** Name, URL (checked again), or enabled: true to re-enable an endpoint a 410 disabled. */
  @Patch(':key')
  @Roles(Role.comms)
  update(@Param('key', KeyPipe) key: string, @Body() dto: UpdateWebhookEndpointDto, @CurrentActor() actor: Actor) {
    return this.endpoints.update(key, dto, actor);
  }

  /** A new secret (in this response only); the previous one keeps signing for WEBHOOK_SECRET_OVERLAP_HOURS. */
  @Post(':key/rotate-secret')
  @HttpCode(200)
  @Roles(Role.comms)
  rotate(@Param('key', KeyPipe) key: string, @CurrentActor() actor: Actor) {
    return this.endpoints.rotateSecret(key, actor);
  }

  @Delete(':key')
  @HttpCode(204)
  @Roles(Role.comms)
  async delete(@Param('key', KeyPipe) key: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.endpoints.delete(key, actor);
  }
}
