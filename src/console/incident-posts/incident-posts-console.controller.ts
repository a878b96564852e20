import { Body, Get, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Role, roleSatisfies } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { IncidentPostRepository } from '../../incident-posts/incident-post.repository';
import { IncidentPostsService, postView, WRITER_ROLES } from '../../incident-posts/incident-posts.service';
import { PostPreviewService } from '../../incident-posts/post-preview.service';
import { PostKind } from '../../incident-posts/post-content';
import { SendUpdateUseCase } from '../../incident-posts/send-update/send-update.usecase';
import { setFlash } from '../console-http';
import { ConsoleController, ConsoleRoles, ConsoleUser } from '../console.decorators';
import { ConsoleRenderer } from '../console.renderer';
import { type ConsoleUser as User } from '../sessions/session.service';

const IdPipe = new ParseUUIDPipe({ version: '4' });
const KINDS: Record<string, PostKind> = { updates: 'update', answers: 'answer' };
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/**
 * Updates and answers of an incident (#21) in the console: draft, edit, the consistency check (where a
 * version will appear and how) with the publish button under it, send an update, the status page switch.
 * Every action goes through the same services as the API.
 */
@ConsoleController('incidents')
@ConsoleRoles(Role.viewer)
export class IncidentPostsConsoleController {
  constructor(
    private readonly renderer: ConsoleRenderer,
    private readonly posts: IncidentPostsService,
    private readonly repo: IncidentPostRepository,
    private readonly previews: PostPreviewService,
    private readonly send: SendUpdateUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id/posts')
  async list(@Param('id', IdPipe) id: string, @ConsoleUser() user: User, @Res() res: Response) {
    const incident = await this.posts.incident(id);
    const [updates, answers, publishing] = await Promise.all([this.posts.list(id, 'update'), this.posts.list(id, 'answer'), this.posts.publishing(id, this.config.PUBLIC_URL)]);
    const summary = (p: ReturnType<typeof postView>) => ({ ...p, excerpt: excerpt(p.content) });
    this.renderer.render(res, 'incident-posts/list', {
      title: `Updates and answers — ${incident.title}`,
      incident,
      updates: updates.items.map(summary),
      answers: answers.items.map(summary),
      publishing,
      locales: [incident.defaultLocale],
      canWrite: roleSatisfies(user.role, WRITER_ROLES),
      canConfigure: roleSatisfies(user.role, [Role.commander]),
    });
  }

  @Post(':id/posts/:kind')
  @ConsoleRoles(...WRITER_ROLES)
  async create(@Param('id', IdPipe) id: string, @Param('kind') kind: string, @Body() body: Record<string, unknown>, @ConsoleUser() user: User, @Res() res: Response) {
    const k = this.kind(kind);
    const post = await this.posts.create(id, k, contentFrom(k, body), user);
    res.redirect(303, `/console/incidents/${id}/posts/${kind}/${post.number}/preview`);
  }

  @Get(':id/posts/:kind/:number')
  async show(@Param('id', IdPipe) id: string, @Param('kind') kind: string, @Param('number') number: string, @ConsoleUser() user: User, @Res() res: Response) {
    const k = this.kind(kind);
    const incident = await this.posts.incident(id);
    const history = await this.posts.history(id, k, this.number(number));
    const post = await this.posts.get(id, k, this.number(number));
    const content = (post.content ?? {}) as Record<string, Record<string, string>>;
    const locales = [...new Set([...Object.keys(content), incident.defaultLocale])];
    this.renderer.render(res, 'incident-posts/show', {
      title: `${k === 'update' ? 'Update' : 'Answer'} ${post.number}`,
      incident,
      kind,
      isUpdate: k === 'update',
      post,
      fields: locales.map((l) => ({ locale: l, text: content[l]?.text ?? '', question: content[l]?.question ?? '', answer: content[l]?.answer ?? '' })),
      versions: history.versions.slice().reverse().map((v) => ({ ...v, excerpt: excerpt(v.content) })),
      canWrite: roleSatisfies(user.role, WRITER_ROLES),
    });
  }

  @Post(':id/posts/:kind/:number/edit')
  @ConsoleRoles(...WRITER_ROLES)
  async edit(@Param('id', IdPipe) id: string, @Param('kind') kind: string, @Param('number') number: string, @Body() body: Record<string, unknown>, @ConsoleUser() user: User, @Res() res: Response) {
    const k = this.kind(kind);
    await this.posts.edit(id, k, this.number(number), contentFrom(k, body), user);
    res.redirect(303, `/console/incidents/${id}/posts/${kind}/${number}/preview`);
  }

  /** The consistency check: every surface the newest version will appear on, as it will look there, then the publish button. */
  @Get(':id/posts/:kind/:number/preview')
  @ConsoleRoles(...WRITER_ROLES)
  async preview(@Param('id', IdPipe) id: string, @Param('kind') kind: string, @Param('number') number: string, @ConsoleUser() user: User, @Res() res: Response) {
    const k = this.kind(kind);
    const incident = await this.posts.incident(id);
    const p = await this.previews.preview(id, k, this.number(number));
    const post = (await this.repo.find(id, k, this.number(number)))!;
    const blocked = this.posts.whyNot(k, post, post.version, await this.repo.publishing(id), user);
    const s = Object.fromEntries(p.surfaces.map((x) => [x.surface, x])) as Record<string, Record<string, unknown>>;
    this.renderer.render(res, 'incident-posts/preview', {
      title: `Check before publishing: ${k === 'update' ? 'update' : 'answer'} ${post.number}, version ${post.version}`,
      incident,
      kind,
      isUpdate: k === 'update',
      post: p.post,
      alreadyPublished: p.post.publishedVersion === post.version && !p.post.withdrawnAt,
      blocked,
      notice: { ...s.notice_page, html: new SafeHtml(String(s.notice_page.html ?? '')) },
      agent: s.agent_view,
      status: { ...s.status_page, html: undefined },
      message: s.next_message,
    });
  }

  @Post(':id/posts/:kind/:number/publish')
  @ConsoleRoles(...WRITER_ROLES)
  async publish(@Param('id', IdPipe) id: string, @Param('kind') kind: string, @Param('number') number: string, @Body() body: Record<string, unknown>, @ConsoleUser() user: User, @Res() res: Response) {
    const k = this.kind(kind);
    const version = Number(body.version);
    if (!Number.isInteger(version) || version < 1) throw new AppException(ErrorCode.ValidationFailed, 'The form names no version to publish');
    const p = await this.posts.publish(id, k, this.number(number), version, user);
    setFlash(res, res.req, this.config.PUBLIC_URL, `${k === 'update' ? 'Update' : 'Answer'} ${p.number} version ${p.publishedVersion} is published.`);
    res.redirect(303, `/console/incidents/${id}/posts`);
  }

  @Post(':id/posts/:kind/:number/withdraw')
  @ConsoleRoles(...WRITER_ROLES)
  async withdraw(@Param('id', IdPipe) id: string, @Param('kind') kind: string, @Param('number') number: string, @ConsoleUser() user: User, @Res() res: Response) {
    const p = await this.posts.withdraw(id, this.kind(kind), this.number(number), user);
    setFlash(res, res.req, this.config.PUBLIC_URL, `${p.kind === 'update' ? 'Update' : 'Answer'} ${p.number} is withdrawn from every page.`);
    res.redirect(303, `/console/incidents/${id}/posts`);
  }

  @Post(':id/posts/updates/:number/send')
  @ConsoleRoles(...WRITER_ROLES)
  async sendUpdate(@Param('id', IdPipe) id: string, @Param('number') number: string, @Body() body: Record<string, unknown>, @ConsoleUser() user: User, @Res() res: Response) {
    const channel = body.channel === 'sms' ? 'sms' : 'email';
    const r = await this.send.execute(id, this.number(number), channel, user);
    setFlash(res, res.req, this.config.PUBLIC_URL, r.created ? `Update ${r.update} is being sent by ${channel} (step ${r.step}).` : `Update ${r.update} version ${r.version} was already sent by ${channel} (step ${r.step}); nobody gets it twice.`);
    res.redirect(303, `/console/incidents/${id}/posts`);
  }

  @Post(':id/publishing')
  @ConsoleRoles(Role.commander)
  async publishing(@Param('id', IdPipe) id: string, @Body() body: Record<string, unknown>, @ConsoleUser() user: User, @Res() res: Response) {
    const slug = typeof body.slug === 'string' && body.slug.trim() ? body.slug.trim() : undefined;
    if (slug && !/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/.test(slug)) throw new AppException(ErrorCode.ValidationFailed, 'The address is 3 to 64 lowercase letters, digits and dashes');
    const role = typeof body.approvalRole === 'string' && body.approvalRole ? (body.approvalRole as Role) : null;
    const saved = await this.posts.savePublishing(
      id,
      { approval: role ? { role, differentFromAuthor: body.differentFromAuthor === 'on' } : null, statusPage: { enabled: body.statusEnabled === 'on', slug, indexable: body.statusIndexable === 'on' } },
      user,
      this.config.PUBLIC_URL,
    );
    setFlash(res, res.req, this.config.PUBLIC_URL, saved.statusPage.url ? `Saved. The status page is at ${saved.statusPage.url}.` : 'Saved. The status page is off.');
    res.redirect(303, `/console/incidents/${id}/posts`);
  }

  private kind(kind: string): PostKind {
    const k = KINDS[kind];
    if (!k) throw new AppException(ErrorCode.NotFound, `There is no '${kind.slice(0, 20)}' here`);
    return k;
  }

  private number(n: string): string {
    if (!/^\d{1,9}$/.test(n)) throw new AppException(ErrorCode.NotFound, `No post number '${n.slice(0, 20)}'`);
    return n;
  }
}

/** Handlebars' SafeString without the import: the preview HTML was escaped by the page renderer. */
class SafeHtml {
  constructor(private readonly html: string) {}
  toHTML(): string {
    return this.html;
  }
  toString(): string {
    return this.html;
  }
}

/** Form fields text.<locale> (updates) or question.<locale> and answer.<locale> (answers); blank locales are left out. */
function contentFrom(kind: PostKind, body: Record<string, unknown>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');
  const locales = new Set(Object.keys(body).map((k) => /^(?:text|question|answer)\.(.+)$/.exec(k)?.[1]).filter((l): l is string => !!l && LOCALE.test(l)));
  // a new locale typed in the form: its code in new_locale, its text in the ._new fields
  const added = str(body.new_locale);
  const pairs: [string, string][] = [...locales].map((l) => [l, l]);
  if (added) pairs.push([added, '_new']);
  for (const [locale, key] of pairs) {
    if (kind === 'update') {
      const text = str(body[`text.${key}`]);
      if (text) out[locale] = { text };
    } else {
      const question = str(body[`question.${key}`]);
      const answer = str(body[`answer.${key}`]);
      if (question || answer) out[locale] = { question, answer };
    }
  }
  return out;
}

function excerpt(content: unknown): string {
  const first = Object.values((content ?? {}) as Record<string, Record<string, string>>)[0];
  const text = first ? (first.question ?? first.text ?? '') : '';
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
