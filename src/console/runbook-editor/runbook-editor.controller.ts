import { Body, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { Role } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { ZodParam } from '../../common/zod-param.pipe';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { RunbooksService } from '../../runbooks/runbooks.service';
import { templateKeySchema } from '../../templates/dto/template.dto';
import { setFlash } from '../console-http';
import { ConsoleController, ConsoleRoles, ConsoleUser } from '../console.decorators';
import { ConsoleRenderer } from '../console.renderer';
import { parseForm } from '../parse-form.util';
import { type ConsoleUser as User } from '../sessions/session.service';
import { EditorProblem, NEW_RUNBOOK, RunbookEditorService, summariseDraft } from './runbook-editor.service';

const Key = new ZodParam(templateKeySchema, 'key');
const keyForm = z.object({ key: templateKeySchema });
const draftForm = z.object({ definition: z.string().min(1, 'the draft is empty').max(500_000), action: z.enum(['save', 'publish']).default('save') });

/** The runbook editor (comms, commander): list, library copy, draft as JSON with a readable step summary, publish. */
@ConsoleController('runbooks')
@ConsoleRoles(Role.comms, Role.commander)
export class RunbookEditorController {
  constructor(
    private readonly renderer: ConsoleRenderer,
    private readonly runbooks: RunbooksService,
    private readonly editor: RunbookEditorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Res() res: Response) {
    const library = this.runbooks.library().map((e) => ({ ...e, suggestedKey: `my-${e.name}`.slice(0, 64) }));
    this.renderer.render(res, 'runbooks/list', { title: 'Runbooks', runbooks: await this.runbooks.list(), library });
  }

  @Post('open')
  open(@Body() body: Record<string, unknown>, @Res() res: Response) {
    res.redirect(303, runbookUrl(parseForm(keyForm, body).key));
  }

  /** The step summary of the JSON being typed, for the editor's script. */
  @Post('summary')
  @HttpCode(200)
  summary(@Body() body: Record<string, unknown>) {
    return summariseDraft(parseForm(z.object({ definition: z.string().max(500_000) }), body).definition);
  }

  @Post('library/:name/copy')
  async copy(@Param('name', Key) name: string, @Body() body: Record<string, unknown>, @ConsoleUser() user: User, @Res() res: Response) {
    const { key } = parseForm(keyForm, body);
    await this.runbooks.copyFromLibrary(name, key, user);
    setFlash(res, res.req, this.config.PUBLIC_URL, `Copied '${name}' from the library into the draft '${key}'. Set the real recipients, then publish.`);
    res.redirect(303, runbookUrl(key));
  }

  @Get(':key')
  async edit(@Param('key', Key) key: string, @Res() res: Response) {
    const rb = await this.find(key);
    const text = JSON.stringify(rb?.draft ?? { ...NEW_RUNBOOK, name: key }, null, 2);
    this.renderer.render(res, 'runbooks/edit', this.page(key, rb, text, []));
  }

  /** Save the draft, or save and publish it; every problem is listed on the page with its step. */
  @Post(':key/draft')
  async save(@Param('key', Key) key: string, @Body() body: Record<string, unknown>, @ConsoleUser() user: User, @Res() res: Response) {
    const form = parseForm(draftForm, body);
    try {
      if (form.action === 'publish') {
        const published = await this.editor.saveAndPublish(key, form.definition, user);
        setFlash(res, res.req, this.config.PUBLIC_URL, `Published '${key}' version ${published.version}. New incidents use it from now on.`);
      } else {
        await this.editor.saveDraft(key, form.definition, user);
        setFlash(res, res.req, this.config.PUBLIC_URL, `Saved the draft of '${key}'.`);
      }
      res.redirect(303, runbookUrl(key));
    } catch (e) {
      if (!(e instanceof AppException) || ![ErrorCode.ValidationFailed, ErrorCode.RunbookInvalid].includes(e.code)) throw e;
      const problems = Array.isArray(e.details) ? (e.details as EditorProblem[]) : [];
      const heading = e.code === ErrorCode.RunbookInvalid ? `Not published: ${e.message}` : e.message;
      this.renderer.render(res, 'runbooks/edit', { ...this.page(key, await this.find(key), form.definition, problems), heading }, { status: 422 });
    }
  }

  private async find(key: string) {
    try {
      return await this.runbooks.get(key);
    } catch (e) {
      if (e instanceof AppException && e.code === ErrorCode.NotFound) return null;
      throw e;
    }
  }

  private page(key: string, rb: Awaited<ReturnType<RunbooksService['get']>> | null, text: string, problems: EditorProblem[]) {
    const { steps } = summariseDraft(text);
    return {
      title: `Runbook ${key}`,
      key,
      name: rb?.name ?? key,
      isNew: !rb,
      versions: rb?.versions ?? [],
      updatedAt: rb?.updatedAt ?? null,
      definition: text,
      steps,
      problems,
    };
  }
}

export const runbookUrl = (key: string) => `/console/runbooks/${encodeURIComponent(key)}`;
