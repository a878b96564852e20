import { Injectable } from '@nestjs/common';
import { NoticePageRenderer } from '../notices/notice-page.renderer';
import { IncidentNews } from './incident-news';
import { IncidentPostRepository } from './incident-post.repository';

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/**
 * /status/{slug}: the incident's title and its published updates and answers, nothing about any customer.
 * Times in UTC (the reader is unknown). An unknown, malformed or switched-off slug gets the notice page's 404.
 */
@Injectable()
export class StatusPageService {
  constructor(
    private readonly posts: IncidentPostRepository,
    private readonly news: IncidentNews,
    private readonly pages: NoticePageRenderer,
  ) {}

  async view(slug: string, lang?: string): Promise<{ status: number; html: string; headers: Record<string, string> }> {
    const settings = SLUG.test(slug) ? await this.posts.bySlug(slug) : null;
    const incident = settings?.statusEnabled ? await this.posts.incident(settings.incidentId) : null;
    if (!settings || !incident) return { ...this.pages.notFound(), headers: this.pages.headers };
    const locale = lang && LOCALE.test(lang) ? lang : incident.defaultLocale;
    const news = await this.news.forReader(incident.id, { locale, timezone: 'UTC', defaultLocale: incident.defaultLocale });
    return this.pages.renderStatus({ lang: locale, title: incident.title, news, indexable: settings.statusIndexable });
  }
}
