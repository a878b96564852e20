import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, Role } from '../auth/role';
import { ZodParam } from '../common/zod-param.pipe';
import { templateKeySchema } from '../templates/dto/template.dto';
import { PutRunbookDto } from './dto/put-runbook.dto';
import { RunbooksService } from './runbooks.service';
import { publishedRunbookSchema, runbookLibrarySchema, runbookSchema } from './dto/runbook.responses';
import { ApiErrors, ApiJson } from '../openapi/api-doc.decorators';

const KeyPipe = new ZodParam(templateKeySchema, 'key');
class CopyDto extends createZodDto(z.strictObject({ key: templateKeySchema })) {}

@ApiTags('runbooks')
@ApiBearerAuth()
@Controller('api/v1/runbooks')
export class RunbooksController {
  constructor(private readonly runbooks: RunbooksService) {}

  /** The regulatory plan library shipped with Tocsin (GDPR, NIS2, HIPAA, SEC 8-K, NYDFS, generic). */
  @Get('library')
  @Roles(Role.viewer)
  @ApiOperation({ summary: 'List the shipped runbook library' })
  @ApiJson(200, 'RunbookLibrary', runbookLibrarySchema)
  library() {
    return this.runbooks.library();
  }

  @Post('library/:name/copy')
  @HttpCode(201)
  @Roles(Role.comms, Role.commander)
  @ApiOperation({ summary: 'Copy a library runbook' })
  @ApiJson(201, 'Runbook', runbookSchema, 'The new draft')
  @ApiErrors(409)
  copy(@Param('name', KeyPipe) name: string, @Body() dto: CopyDto, @CurrentActor() actor: Actor) {
    return this.runbooks.copyFromLibrary(name, dto.key, actor);
  }

  @Put(':key')
  @Roles(Role.comms, Role.commander)
  @ApiOperation({ summary: 'Save a runbook draft' })
  @ApiJson(200, 'Runbook', runbookSchema, 'The saved draft')
  put(@Param('key', KeyPipe) key: string, @Body() dto: PutRunbookDto, @CurrentActor() actor: Actor) {
    return this.runbooks.saveDraft(key, dto, actor);
  }

  @Get(':key')
  @Roles(Role.viewer)
  @ApiOperation({ summary: 'Get a runbook' })
  @ApiJson(200, 'Runbook', runbookSchema)
  get(@Param('key', KeyPipe) key: string) {
    return this.runbooks.get(key);
  }

  @Post(':key/publish')
  @HttpCode(201)
  @Roles(Role.comms, Role.commander)
  @ApiOperation({ summary: 'Publish a runbook draft' })
  @ApiJson(201, 'PublishedRunbook', publishedRunbookSchema, 'The new version')
  @ApiErrors(409, 422)
  publish(@Param('key', KeyPipe) key: string, @CurrentActor() actor: Actor) {
    return this.runbooks.publish(key, actor);
  }
}
