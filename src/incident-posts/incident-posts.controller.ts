import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { type Actor, Role } from '../auth/role';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import {
  AnswerBodyDto,
  ERROR_SCHEMA,
  historySchema,
  postSchema,
  PREVIEW_SCHEMA,
  PreviewDto,
  PUBLISHING_SCHEMA,
  PublishingDto,
  PublishDto,
  SEND_SCHEMA,
  SendUpdateDto,
  UpdateBodyDto,
} from './dto/incident-post.dto';
import { IncidentPostsService, WRITER_ROLES } from './incident-posts.service';
import { PostPreviewService } from './post-preview.service';
import { PostKind } from './post-content';
import { SendUpdateUseCase } from './send-update/send-update.usecase';

const IdPipe = new ParseUUIDPipe({ version: '4' });
const errors = { schema: ERROR_SCHEMA };
const REF = { name: 'ref', description: 'the post id, or its number in the incident (1, 2 …)' };

/**
 * The same routes for updates and answers (#21 items 1, 2, 5): list, draft, edit (a new version), history,
 * preview on every surface, publish, withdraw. Writers are commanders and comms; publishing follows the
 * incident's approval rule (see IncidentPostsService); everyone else with a key reads.
 */
function postsController(kind: PostKind, path: 'updates' | 'answers', body: Type<unknown>): Type<object> {
  const one = kind === 'update' ? 'an update' : 'an answer';
  const schema = postSchema(kind);

  @ApiTags('incident updates and answers')
  @ApiBearerAuth()
  @Controller('api/v1/incidents')
  class PostsController {
    constructor(
      readonly posts: IncidentPostsService,
      readonly previews: PostPreviewService,
    ) {}

    @Get(`:id/${path}`)
    @Roles(Role.viewer)
    @ApiOperation({ summary: `The incident's ${path}, newest first, drafts included` })
    @ApiOkResponse({ schema: { type: 'object', properties: { items: { type: 'array', items: schema } } } })
    @ApiNotFoundResponse(errors)
    list(@Param('id', IdPipe) id: string) {
      return this.posts.list(id, kind);
    }

    @Post(`:id/${path}`)
    @Roles(...WRITER_ROLES)
    @ApiOperation({ summary: `Drafts ${one} (version 1); nothing shows until it is published` })
    @ApiBody({ type: body })
    @ApiCreatedResponse({ schema })
    @ApiBadRequestResponse(errors)
    @ApiForbiddenResponse(errors)
    @ApiNotFoundResponse(errors)
    @ApiConflictResponse({ ...errors, description: 'the incident is closed or cancelled' })
    create(@Param('id', IdPipe) id: string, @Body() dto: { content: unknown }, @CurrentActor() actor: Actor) {
      return this.posts.create(id, kind, dto.content, actor);
    }

    @Get(`:id/${path}/:ref`)
    @Roles(Role.viewer)
    @ApiOperation({ summary: `One of the incident's ${path}: its newest and its published version` })
    @ApiParam(REF)
    @ApiOkResponse({ schema })
    @ApiNotFoundResponse(errors)
    get(@Param('id', IdPipe) id: string, @Param('ref') ref: string) {
      return this.posts.get(id, kind, ref);
    }

    @Put(`:id/${path}/:ref`)
    @Roles(...WRITER_ROLES)
    @ApiOperation({ summary: `Edits ${one}: a new version; the published one stays shown until this one is published` })
    @ApiParam(REF)
    @ApiBody({ type: body })
    @ApiOkResponse({ schema })
    @ApiBadRequestResponse(errors)
    @ApiForbiddenResponse(errors)
    @ApiNotFoundResponse(errors)
    @ApiConflictResponse(errors)
    edit(@Param('id', IdPipe) id: string, @Param('ref') ref: string, @Body() dto: { content: unknown }, @CurrentActor() actor: Actor) {
      return this.posts.edit(id, kind, ref, dto.content, actor);
    }

    @Get(`:id/${path}/:ref/versions`)
    @Roles(Role.viewer)
    @ApiOperation({ summary: `Every version of ${one}, who wrote it, who published it and when` })
    @ApiParam(REF)
    @ApiOkResponse({ schema: historySchema(kind) })
    @ApiNotFoundResponse(errors)
    versions(@Param('id', IdPipe) id: string, @Param('ref') ref: string) {
      return this.posts.history(id, kind, ref);
    }

    @Post(`:id/${path}/:ref/preview`)
    @HttpCode(200)
    @Roles(...WRITER_ROLES)
    @ApiOperation({ summary: `Where the newest version of ${one} will appear once published, and how each surface shows it` })
    @ApiParam(REF)
    @ApiBody({ type: PreviewDto })
    @ApiOkResponse({ schema: PREVIEW_SCHEMA })
    @ApiBadRequestResponse(errors)
    @ApiForbiddenResponse(errors)
    @ApiNotFoundResponse(errors)
    preview(@Param('id', IdPipe) id: string, @Param('ref') ref: string, @Body() dto: PreviewDto) {
      return this.previews.preview(id, kind, ref, dto ?? {});
    }

    @Post(`:id/${path}/:ref/publish`)
    @HttpCode(200)
    @Roles(...WRITER_ROLES)
    @ApiOperation({ summary: `Publishes the newest version of ${one} (or the version named, if it is still the newest) under the incident's approval rule` })
    @ApiParam(REF)
    @ApiBody({ type: PublishDto })
    @ApiOkResponse({ schema })
    @ApiForbiddenResponse({ ...errors, description: 'the approval rule names another role, or four eyes and you wrote this version' })
    @ApiNotFoundResponse(errors)
    @ApiConflictResponse({ ...errors, description: 'not the newest version, already published, or the incident is closed' })
    publish(@Param('id', IdPipe) id: string, @Param('ref') ref: string, @Body() dto: PublishDto, @CurrentActor() actor: Actor) {
      return this.posts.publish(id, kind, ref, dto?.version, actor);
    }

    @Post(`:id/${path}/:ref/withdraw`)
    @HttpCode(200)
    @Roles(...WRITER_ROLES)
    @ApiOperation({ summary: `Takes ${one} off every surface (its versions are kept)` })
    @ApiParam(REF)
    @ApiOkResponse({ schema })
    @ApiForbiddenResponse(errors)
    @ApiNotFoundResponse(errors)
    @ApiConflictResponse(errors)
    withdraw(@Param('id', IdPipe) id: string, @Param('ref') ref: string, @CurrentActor() actor: Actor) {
      return this.posts.withdraw(id, kind, ref, actor);
    }
  }
  // its own name: OpenAPI operation ids and logs say which of the two it is
  Object.defineProperty(PostsController, 'name', { value: kind === 'update' ? 'IncidentUpdatesController' : 'IncidentAnswersController' });
  return PostsController;
}

// not subclasses: the role matrix (src/auth/role-matrix.ts) reads each controller's own routes
export const IncidentUpdatesController = postsController('update', 'updates', UpdateBodyDto);
export const IncidentAnswersController = postsController('answer', 'answers', AnswerBodyDto);

/** Sending an update, and the incident's publishing settings. */
@ApiTags('incident updates and answers')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class IncidentPublishingController {
  constructor(
    private readonly posts: IncidentPostsService,
    private readonly send: SendUpdateUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post(':id/updates/:ref/send')
  @HttpCode(200)
  @Roles(...WRITER_ROLES)
  @ApiOperation({ summary: 'Sends the published version of an update to the affected customers (template incident-update), once per customer and version' })
  @ApiParam(REF)
  @ApiBody({ type: SendUpdateDto })
  @ApiOkResponse({ schema: SEND_SCHEMA })
  @ApiBadRequestResponse(errors)
  @ApiForbiddenResponse(errors)
  @ApiNotFoundResponse(errors)
  @ApiConflictResponse({ ...errors, description: 'the update is not published, or the incident is paused, cancelled or closed' })
  @ApiUnprocessableEntityResponse({ ...errors, description: 'no incident-update template for the channel, or facts it needs are missing' })
  sendUpdate(@Param('id', IdPipe) id: string, @Param('ref') ref: string, @Body() dto: SendUpdateDto, @CurrentActor() actor: Actor) {
    return this.send.execute(id, ref, dto?.channel ?? 'email', actor);
  }

  @Get(':id/publishing')
  @Roles(Role.viewer)
  @ApiOperation({ summary: "The incident's approval rule for updates and answers, and its status page" })
  @ApiOkResponse({ schema: PUBLISHING_SCHEMA })
  @ApiNotFoundResponse(errors)
  get(@Param('id', IdPipe) id: string) {
    return this.posts.publishing(id, this.config.PUBLIC_URL);
  }

  @Put(':id/publishing')
  @Roles(Role.commander)
  @ApiOperation({ summary: 'Sets the approval rule and turns the public status page /status/{slug} on or off (noindex unless indexable)' })
  @ApiBody({ type: PublishingDto })
  @ApiOkResponse({ schema: PUBLISHING_SCHEMA })
  @ApiBadRequestResponse(errors)
  @ApiForbiddenResponse(errors)
  @ApiNotFoundResponse(errors)
  @ApiConflictResponse({ ...errors, description: 'the slug is taken by another incident' })
  put(@Param('id', IdPipe) id: string, @Body() dto: PublishingDto, @CurrentActor() actor: Actor) {
    return this.posts.savePublishing(id, dto as never, actor, this.config.PUBLIC_URL);
  }
}
