import { Body, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
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
import { draftFromText, EditorProblem, NEW_RUNBOOK, RunbookEditorService, summariseDefinition, summariseDraft } from './runbook-editor.service';
import { RunbookEditorView } from './runbook-editor.view';
import { definitionToForm, emptyStep, formToDefinition, MAX_FORM_STEPS, readRunbookForm, RunbookForm } from './step-form';

const Key = new ZodParam(templateKeySchema, 'key');
const keyForm = z.object({ key: templateKeySchema });
const viewQuery = z.object({ view: z.enum(['steps', 'json']).default('steps') });
const jsonForm = z.object({ definition: z.string().min(1, 'the draft is empty').max(500_000), action: z.enum(['save', 'publish']).default('save') });
const stepsAction = z.union([z.enum(['save', 'publish', 'add']), z.string().regex(/^remove:\d{1,3}$/)]).default('save');

/** The runbook editor (comms, commander): list, library copy, a form per step or the JSON, the steps in words, publish. */
@ConsoleController('runbooks')
@ConsoleRoles(Role.comms, Role.commander)
export class RunbookEditorController {
  constructor(
    private readonly renderer: ConsoleRenderer,
    private readonly runbooks: RunbooksService,
    private readonly editor: RunbookEditorService,
    private readonly view: RunbookEditorView,
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

  /** The steps in words for the editor's script, from the JSON text or the form per step. */
  @Post('summary')
  @HttpCode(200)
  summary(@Body() body: Record<string, unknown>) {
    if (body.mode === 'steps') {
      try {
        return summariseDefinition(formToDefinition(readRunbookForm(body)));
      } catch (e) {
        if (e instanceof AppException && Array.isArray(e.details)) return { steps: [], problems: e.details as EditorProblem[] };
        throw e;
      }
    }
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
  async edit(@Param('key', Key) key: string, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const { view } = parseForm(viewQuery, query);
    const rb = await this.find(key);
    const draft = rb?.draft ?? { ...NEW_RUNBOOK, name: key };
    const page = view === 'json' ? this.view.json(key, rb, JSON.stringify(draft, null, 2), []) : this.view.steps(key, rb, definitionToForm(draft), [], await this.templateKeys());
    this.renderer.render(res, `runbooks/${view === 'json' ? 'edit-json' : 'edit'}`, page);
  }

  /** Save the draft, or save and publish it; every problem is listed on the page with its step. */
  @Post(':key/draft')
  async save(@Param('key', Key) key: string, @Body() body: Record<string, unknown>, @ConsoleUser() user: User, @Res() res: Response) {
    const json = body.mode === 'json';
    const jsonInput = json ? parseForm(jsonForm, body) : null;
    const form = json ? null : readRunbookForm(body);
    const action = json ? jsonInput!.action : parseForm(z.object({ action: stepsAction }), body).action;
    if (form && (action === 'add' || action.startsWith('remove:'))) {
      // adding or removing a step changes the form, not the draft: nothing is saved until Save
      const steps = action === 'add' ? [...form.steps, emptyStep(form.steps.length + 1)].slice(0, MAX_FORM_STEPS) : form.steps.filter((_, i) => `remove:${i}` !== action);
      this.renderer.render(res, 'runbooks/edit', { ...this.view.steps(key, await this.find(key), { ...form, steps }, [], await this.templateKeys()), unsaved: true });
      return;
    }
    try {
      const draft = json ? draftFromText(jsonInput!.definition) : formToDefinition(form!);
      if (action === 'publish') {
        const published = await this.editor.saveAndPublish(key, draft, user);
        setFlash(res, res.req, this.config.PUBLIC_URL, `Published '${key}' version ${published.version}. New incidents use it from now on.`);
      } else {
        await this.editor.saveDraft(key, draft, user);
        setFlash(res, res.req, this.config.PUBLIC_URL, `Saved the draft of '${key}'.`);
      }
      res.redirect(303, `${runbookUrl(key)}${json ? '?view=json' : ''}`);
    } catch (e) {
      if (!(e instanceof AppException) || ![ErrorCode.ValidationFailed, ErrorCode.RunbookInvalid].includes(e.code)) throw e;
      const problems = Array.isArray(e.details) ? (e.details as EditorProblem[]) : [];
      const heading = e.code === ErrorCode.RunbookInvalid ? `Not published: ${e.message}` : e.message;
      const rb = await this.find(key);
      const page = json ? this.view.json(key, rb, jsonInput!.definition, problems) : this.view.steps(key, rb, form as RunbookForm, problems, await this.templateKeys());
      this.renderer.render(res, `runbooks/${json ? 'edit-json' : 'edit'}`, { ...page, heading }, { status: 422 });
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

  private templateKeys() {
    return this.view.templateKeys();
  }
}

export const runbookUrl = (key: string) => `/console/runbooks/${encodeURIComponent(key)}`;
