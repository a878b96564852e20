import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, Role } from '../auth/role';
import { ZodParam } from '../common/zod-param.pipe';
import { channelSchema, localeParamSchema, PutEmailTemplateDto, templateKeySchema } from './dto/template.dto';
import { TemplatesService } from './templates.service';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('api/v1/templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Put(':key/:channel/:locale')
  @Roles(Role.comms)
  put(
    @Param('key', new ZodParam(templateKeySchema, 'key')) key: string,
    @Param('channel', new ZodParam(channelSchema, 'channel')) _channel: string,
    @Param('locale', new ZodParam(localeParamSchema, 'locale')) locale: string,
    @Body() dto: PutEmailTemplateDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.templates.saveEmail(key, locale, dto, actor);
  }

  @Get()
  @Roles(Role.comms)
  list() {
    return this.templates.list();
  }

  @Get(':key/:channel/:locale')
  @Roles(Role.comms)
  get(
    @Param('key', new ZodParam(templateKeySchema, 'key')) key: string,
    @Param('channel', new ZodParam(channelSchema, 'channel')) channel: string,
    @Param('locale', new ZodParam(localeParamSchema, 'locale')) locale: string,
  ) {
    return this.templates.get(key, channel, locale);
  }
}
