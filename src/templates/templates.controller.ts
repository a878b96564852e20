import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, Role } from '../auth/role';
import { ZodParam } from '../common/zod-param.pipe';
import { type Channel, channelSchema, DiffQueryDto, localeParamSchema, PreviewTemplateDto, PutTemplateDto, templateKeySchema, TestSendDto } from './dto/template.dto';
import { TemplatePreviewService } from './template-preview.service';
import { TemplatesService } from './templates.service';
import { Sensitive } from '../throttling/throttling';
import { templateDiffSchema, templateHistorySchema, templateListSchema, templatePreviewSchema, templateVersionSchema, testSendSchema } from './dto/template.responses';
import { ApiErrors, ApiJson } from '../openapi/api-doc.decorators';

const Key = new ZodParam(templateKeySchema, 'key');
const Chan = new ZodParam(channelSchema, 'channel');
const Locale = new ZodParam(localeParamSchema, 'locale');

@ApiTags('templates')
@ApiBearerAuth()
@Controller('api/v1/templates')
export class TemplatesController {
  constructor(
    private readonly templates: TemplatesService,
    private readonly previews: TemplatePreviewService,
  ) {}

  /** Saves a new immutable version; 422 with line and column for every problem. */
  @Put(':key/:channel/:locale')
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Save a new template version' })
  @ApiJson(200, 'TemplateVersion', templateVersionSchema, 'The new version')
  @ApiErrors(422)
  put(@Param('key', Key) key: string, @Param('channel', Chan) channel: Channel, @Param('locale', Locale) locale: string, @Body() dto: PutTemplateDto, @CurrentActor() actor: Actor) {
    return this.templates.save(key, channel, locale, dto, actor);
  }

  @Get()
  @Roles(Role.comms)
  @ApiOperation({ summary: 'List templates' })
  @ApiJson(200, 'TemplateList', templateListSchema, 'The newest version of every template')
  list() {
    return this.templates.list();
  }

  /** Renders inline sources or a saved version for a sample or real customer; nothing is sent. */
  @Post('preview')
  @HttpCode(200)
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Preview a template' })
  @ApiJson(200, 'TemplatePreview', templatePreviewSchema)
  @ApiErrors(404, 422)
  preview(@Body() dto: PreviewTemplateDto) {
    return this.previews.preview(dto);
  }

  /** Sends one real email of this template to the given address, marked as a test. */
  @Post(':key/test-send')
  @HttpCode(200)
  @Sensitive()
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Send a test email of a template' })
  @ApiJson(200, 'TestSend', testSendSchema)
  @ApiErrors(422, 502)
  testSend(@Param('key', Key) key: string, @Body() dto: TestSendDto, @CurrentActor() actor: Actor) {
    return this.previews.testSend(key, dto, actor);
  }

  @Get(':key/:channel/:locale')
  @Roles(Role.comms, Role.agent)
  @ApiOperation({ summary: 'List a template\'s versions' })
  @ApiJson(200, 'TemplateHistory', templateHistorySchema)
  history(@Param('key', Key) key: string, @Param('channel', Chan) channel: string, @Param('locale', Locale) locale: string) {
    return this.templates.history(key, channel, locale);
  }

  @Get(':key/:channel/:locale/diff')
  @Roles(Role.comms)
  @ApiOperation({ summary: 'Diff two template versions' })
  @ApiJson(200, 'TemplateDiff', templateDiffSchema)
  diff(@Param('key', Key) key: string, @Param('channel', Chan) channel: string, @Param('locale', Locale) locale: string, @Query() q: DiffQueryDto) {
    return this.templates.diff(key, channel, locale, q.from, q.to);
  }

  @Get(':key/:channel/:locale/versions/:version')
  @Roles(Role.comms, Role.agent)
  @ApiOperation({ summary: 'Get one template version' })
  @ApiJson(200, 'TemplateVersion', templateVersionSchema)
  version(
    @Param('key', Key) key: string,
    @Param('channel', Chan) channel: string,
    @Param('locale', Locale) locale: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    return this.templates.version(key, channel, locale, version);
  }
}
