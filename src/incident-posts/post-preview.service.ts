import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { TemplateResolver } from '../dispatch/template-resolver';
import { NoticePageRenderer } from '../notices/notice-page.renderer';
import { renderContext } from '../templates/render-context';
import { TemplateEngine } from '../templates/template-engine';
import { newsFor } from './incident-news';
import { IncidentForPosts, IncidentPostRepository, PublishedPost } from './incident-post.repository';
import { IncidentPostsService, postView } from './incident-posts.service';
import { PostKind, UpdateContent } from './post-content';
import { UPDATE_TEMPLATE } from './send-update/send-update.usecase';

/**
 * The consistency check (#21 item 5): before a version is published, where it will appear and how each
 * surface will show it, rendered by the same code the surfaces use, from the same stored version.
 */
@Injectable()
export class PostPreviewService {
  constructor(
    private readonly posts: IncidentPostsService,
    private readonly repo: IncidentPostRepository,
    private readonly pages: NoticePageRenderer,
    private readonly resolver: TemplateResolver,
    private readonly engine: TemplateEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async preview(incidentId: string, kind: PostKind, ref: string, wanted?: { locale?: string; timezone?: string }) {
    const incident = await this.posts.incident(incidentId);
    const post = await this.posts.post(incidentId, kind, ref);
    const newest = post.versions.find((v) => v.version === post.version)!;
    const locale = wanted?.locale ?? incident.defaultLocale;
    const timezone = wanted?.timezone ?? 'UTC';
    const now = new Date();
    // the published posts as they will be once this version is published
    const others = (await this.repo.published(incidentId)).filter((p) => p.id !== post.id);
    const self: PublishedPost = { id: post.id, kind, number: post.number, version: post.version, content: newest.content as never, firstPublishedAt: post.firstPublishedAt ?? now, publishedAt: now };
    const all = kind === 'update' ? [self, ...others].sort(byShownOrder) : [...others, self].sort(byShownOrder);
    const news = newsFor(all, { locale, timezone, defaultLocale: incident.defaultLocale });
    const publishing = await this.posts.publishing(incidentId, this.config.PUBLIC_URL);
    const statusOn = publishing.statusPage.enabled;
    return {
      post: postView(post),
      version: post.version,
      locale,
      timezone,
      surfaces: [
        { surface: 'notice_page', appears: true, where: "every affected customer's notice page (the link in each message)", html: this.pages.renderNews(locale, news) },
        { surface: 'agent_view', appears: true, where: 'the agent view of every affected customer ("what to tell them")', updates: news.updates, answers: news.answers },
        {
          surface: 'status_page',
          appears: statusOn,
          where: statusOn ? publishing.statusPage.url : 'nowhere: the status page of this incident is off',
          indexable: publishing.statusPage.indexable,
          html: statusOn ? this.pages.renderStatus({ lang: locale, title: incident.title, news, indexable: publishing.statusPage.indexable }).html : null,
        },
        kind === 'update'
          ? { surface: 'next_message', appears: true, where: `the message sent to affected customers when you send this update (template ${UPDATE_TEMPLATE})`, ...(await this.message(incident, newest.content as UpdateContent, locale)) }
          : { surface: 'next_message', appears: false, where: 'answers are not sent; every message links to the notice page that shows them' },
      ],
    };
  }

  /** The email the update step would send, for a sample customer in this locale. */
  private async message(incident: IncidentForPosts, content: UpdateContent, locale: string) {
    const template = await this.resolver.resolve({}, UPDATE_TEMPLATE, 'email', locale, incident.defaultLocale);
    if (!template) return { subject: null, text: null, html: null, problem: `no email template '${UPDATE_TEMPLATE}' for ${locale}` };
    const available = Object.keys(content);
    const text = content[available.includes(template.locale) ? template.locale : available.includes(incident.defaultLocale) ? incident.defaultLocale : available[0]].text;
    const customer = { externalId: 'preview', name: 'Sample Customer', email: null, phone: null, locale, timezone: 'UTC', attributes: {} };
    const facts = { ...incident.facts, updateText: { [template.locale]: text } };
    const sample = { id: incident.id, title: incident.title, type: '', severity: '', awareAt: new Date(), declaredAt: new Date(), jurisdictions: [] };
    try {
      const out = this.engine.render(null, template, renderContext(customer, sample, facts, { url: `${this.config.PUBLIC_URL.replace(/\/$/, '')}/n/preview` }));
      return { subject: out.subject, text: out.text, html: out.html, problem: null };
    } catch (e) {
      return { subject: null, text: null, html: null, problem: (e as Error).message };
    }
  }
}

/** The order the repository gives: updates newest first, then answers by number. */
function byShownOrder(a: PublishedPost, b: PublishedPost): number {
  if (a.kind !== b.kind) return a.kind === 'update' ? -1 : 1;
  if (a.kind === 'update') return new Date(b.firstPublishedAt).getTime() - new Date(a.firstPublishedAt).getTime();
  return a.number - b.number;
}
