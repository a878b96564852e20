import { Body, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { Role } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { ZodParam } from '../../common/zod-param.pipe';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { type Channel, CHANNELS, channelSchema, localeParamSchema, PreviewTemplateDto, templateKeySchema } from '../../templates/dto/template.dto';
import { TemplatePreviewService } from '../../templates/template-preview.service';
import { TemplatesService } from '../../templates/templates.service';
import { setFlash } from '../console-http';
import { parseForm } from '../parse-form.util';
import { ConsoleController, ConsoleRoles, ConsoleUser } from '../console.decorators';
import { ConsoleRenderer } from '../console.renderer';
import { type ConsoleUser as User } from '../sessions/session.service';
import { TemplateEditorView } from './template-editor.view';
import { templateFromForm } from './template-form';
import { Sensitive } from '../../throttling/throttling';

const Key = new ZodParam(templateKeySchema, 'key');
const Chan = new ZodParam(channelSchema, 'channel');
const Locale = new ZodParam(localeParamSchema, 'locale');
/** Facts longer than this (encoded) are not carried over: the editor shows the sample facts again. */
const KEPT_FACTS_MAX = 6000;
// `customer` and `facts` (base64url JSON) carry the preview's customer and sample facts across a save or a
// test-send (post, redirect, get), so the preview the author was looking at is the one they see again
const versionQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional(), customer: z.string().max(128).optional(), facts: z.string().max(KEPT_FACTS_MAX).optional() });
const diffQuery = z.strictObject({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
const openForm = z.object({ key: templateKeySchema, channel: channelSchema, locale: localeParamSchema });
const testSendForm = z.object({ locale: localeParamSchema, facts: z.string().max(100_000).optional(), customerId: z.string().max(128).optional() });

/** The template editor (comms): list, edit with a live preview, save a version, history with diffs, test-send. */
@ConsoleController('templates')
@ConsoleRoles(Role.comms)
export class TemplateEditorController {
  constructor(
    private readonly renderer: ConsoleRenderer,
    private readonly templates: TemplatesService,
    private readonly previews: TemplatePreviewService,
    private readonly view: TemplateEditorView,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Res() res: Response) {
    this.renderer.render(res, 'templates/list', { title: 'Templates', templates: await this.templates.list(), channels: CHANNELS });
  }

  /** The "open or create" form on the list: goes to the editor of that key/channel/locale. */
  @Post('open')
  open(@Body() body: Record<string, unknown>, @Res() res: Response) {
    const f = parseForm(openForm, body);
    res.redirect(303, editorUrl(f.key, f.channel, f.locale));
  }

  /** Live preview for the editor's script: inline sources, a sample or real customer, sample facts. JSON. */
  @Post('preview')
  @HttpCode(200)
  preview(@Body() dto: PreviewTemplateDto) {
    return this.previews.preview(dto);
  }

  @Get(':key/:channel/:locale')
  async edit(
    @Param('key', Key) key: string,
    @Param('channel', Chan) channel: Channel,
    @Param('locale', Locale) locale: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const { version, customer, facts } = parseForm(versionQuery, query);
    this.renderer.render(res, 'templates/edit', await this.view.forSaved(key, channel, locale, version, { customerId: customer, factsText: facts ? Buffer.from(facts, 'base64url').toString('utf8') : undefined }));
  }

  /** Save (a new version) or, without the page's script, preview the posted sources. */
  @Post(':key/:channel/:locale')
  async save(
    @Param('key', Key) key: string,
    @Param('channel', Chan) channel: Channel,
    @Param('locale', Locale) locale: string,
    @Body() body: Record<string, unknown>,
    @ConsoleUser() user: User,
    @Res() res: Response,
  ) {
    try {
      const input = templateFromForm(channel, body);
      if (body.action === 'preview') {
        this.renderer.render(res, 'templates/edit', await this.view.forDraft(key, channel, locale, body, null));
        return;
      }
      const saved = await this.templates.save(key, channel, locale, input, user);
      setFlash(res, res.req, this.config.PUBLIC_URL, `Saved ${key}/${channel}/${locale} as version ${saved.version}.`);
      res.redirect(303, editorUrl(key, channel, locale, keptPreview(body.customerId, body.facts)));
    } catch (e) {
      if (!(e instanceof AppException) || e.code !== ErrorCode.TemplateInvalid) throw e;
      const data = await this.view.forDraft(key, channel, locale, body, e);
      this.renderer.render(res, 'templates/edit', data, { status: 422 });
    }
  }

  /** The preview frame's document for the sources posted by the editor (its form targets the frame). */
  @Post(':key/:channel/:locale/preview.html')
  @HttpCode(200)
  async previewFrame(@Param('channel', Chan) channel: Channel, @Param('locale', Locale) locale: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    sendPreviewDocument(res, await this.view.previewDocument(channel, locale, body));
  }

  /** The preview frame's document for a saved version (sample facts). */
  @Get(':key/:channel/:locale/preview.html')
  async savedPreviewFrame(@Param('key', Key) key: string, @Param('channel', Chan) channel: Channel, @Param('locale', Locale) locale: string, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const { version } = parseForm(versionQuery, query);
    sendPreviewDocument(res, await this.view.savedPreviewDocument(key, channel, locale, version));
  }

  @Get(':key/:channel/:locale/diff')
  async diff(@Param('key', Key) key: string, @Param('channel', Chan) channel: Channel, @Param('locale', Locale) locale: string, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const q = parseForm(diffQuery, query);
    this.renderer.render(res, 'templates/diff', this.view.diff(await this.templates.diff(key, channel, locale, q.from, q.to)));
  }

  /** One real email of the saved template to the signed-in user's own address, marked as a test. */
  @Post(':key/test-send')
  @Sensitive()
  async testSend(@Param('key', Key) key: string, @Body() body: Record<string, unknown>, @ConsoleUser() user: User, @Res() res: Response) {
    const f = parseForm(testSendForm, body);
    const customer = f.customerId?.trim() ? { externalId: f.customerId.trim() } : undefined;
    const sent = await this.previews.testSend(key, { to: user.email, locale: f.locale, facts: this.view.factsFromText(f.facts), customer }, user);
    setFlash(res, res.req, this.config.PUBLIC_URL, `Test message (version ${sent.templateVersion}) sent to ${sent.to}.`);
    res.redirect(303, editorUrl(key, 'email', f.locale, keptPreview(f.customerId, f.facts)));
  }
}

export const editorUrl = (key: string, channel: string, locale: string, keep: URLSearchParams | null = null) =>
  `/console/templates/${encodeURIComponent(key)}/${channel}/${encodeURIComponent(locale)}${keep?.size ? `?${keep}` : ''}`;

/** The preview's customer and facts as query parameters (only what was filled in, and facts only when short enough). */
export function keptPreview(customerId: unknown, facts: unknown): URLSearchParams {
  const q = new URLSearchParams();
  if (typeof customerId === 'string' && customerId.trim()) q.set('customer', customerId.trim().slice(0, 128));
  if (typeof facts === 'string' && facts.trim()) {
    const encoded = Buffer.from(facts, 'utf8').toString('base64url');
    if (encoded.length <= KEPT_FACTS_MAX) q.set('facts', encoded);
  }
  return q;
}

/**
 * A rendered notice, shown in the editor's frame under its own policy: its inline styles apply (as in a mail
 * client), nothing in it can run or load from elsewhere (sandbox, no scripts), and only the console may frame it.
 */
function sendPreviewDocument(res: Response, html: string): void {
  res
    .status(200)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; font-src data:; sandbox; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'SAMEORIGIN',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    })
    .send(html);
}
