// The HTML around the staff-written `page` template: the acknowledgement and feedback forms, with a
// strict Content-Security-Policy (no scripts, no external anything; the one style block allowed by hash;
// images from this origin only, for the favicon).
import { Inject, Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { TEMPLATES_DIR } from '../templates/template-engine';
import { News, NO_NEWS } from '../incident-posts/incident-news';

const PAGES_DIR = path.join(TEMPLATES_DIR, 'pages');

export interface NoticePageView {
  lang: string;
  title: string;
  /** HTML rendered by the safe template engine (escaped values) */
  contentHtml: string;
  ackAction: string;
  ackCsrf: string;
  acknowledgedAt: string | null;
  feedback: null | { action: string; csrf: string; csat: number | null; ces: number | null; nps?: number | null; npsReason?: string | null; comment: string | null; done: boolean };
  error: 'invalid' | 'form' | 'question_invalid' | 'question_limit' | null;
  question?: NoticeQuestionView | null;
  /** the incident's published updates and answers (#21) */
  news?: News;
  /** the remedy offers the customer has a code of (#20): code, terms, and the Claim form */
  offers?: NoticeOfferView[];
}

export interface NoticeOfferView {
  key: string;
  title: string;
  terms: string;
  code: string | null;
  url: string | null;
  /** as the customer reads it (their locale and time zone) */
  expiresAt: string | null;
  claimedAt: string | null;
  action: string;
  csrf: string;
}

/** The public status page of an incident (#21 item 3): no personal data, only what was published. */
export interface StatusPageView {
  lang: string;
  title: string;
  news: News;
  indexable: boolean;
}

export interface HtmlResponse {
  status: number;
  html: string;
  /** extra headers (Retry-After on a refused question) */
  headers?: Record<string, string>;
}

/** The question form (#21 item 4): `sent` after a question was stored (the page after the redirect). */
export interface NoticeQuestionView {
  action: string;
  csrf: string;
  maxLength: number;
  sent: boolean;
}

@Injectable()
export class NoticePageRenderer {
  private readonly hbs = Handlebars.create();
  private readonly page: HandlebarsTemplateDelegate;
  private readonly statusPage: HandlebarsTemplateDelegate;
  private readonly newsOnly: HandlebarsTemplateDelegate;
  private readonly css: Handlebars.SafeString;
  private readonly phrases: Record<string, Record<string, string>>;
  /** the same bytes for every unknown, expired or malformed token */
  readonly notFoundHtml: string;
  readonly headers: Record<string, string>;
  /** shown at the top of every notice page: who is writing to the customer */
  readonly organisation: string;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'ORG_NAME' | 'MAIL_FROM'>) {
    this.organisation = organisationName(config);
    const css = readFileSync(path.join(PAGES_DIR, 'styles.css'), 'utf8');
    this.css = new this.hbs.SafeString(css);
    const opts = { strict: true, knownHelpersOnly: true };
    this.page = this.hbs.compile(readFileSync(path.join(PAGES_DIR, 'notice.hbs'), 'utf8'), opts);
    // updates and answers: one partial for the notice page and the status page
    this.hbs.registerPartial('news', readFileSync(path.join(PAGES_DIR, 'news.hbs'), 'utf8'));
    this.statusPage = this.hbs.compile(readFileSync(path.join(PAGES_DIR, 'status.hbs'), 'utf8'), opts);
    this.newsOnly = this.hbs.compile('{{> news}}', opts);
    const phrasesDir = path.join(TEMPLATES_DIR, 'phrases');
    this.phrases = Object.fromEntries(
      readdirSync(phrasesDir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(phrasesDir, f), 'utf8')) as Record<string, string>]),
    );
    this.notFoundHtml = this.hbs.compile(readFileSync(path.join(PAGES_DIR, 'not-found.hbs'), 'utf8'), opts)({ css: this.css, s: this.strings('en') });
    const styleHash = createHash('sha256').update(css, 'utf8').digest('base64');
    this.headers = {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'X-Robots-Tag': 'noindex, nofollow',
      'Cache-Control': 'no-store',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
  }

  notFound(): HtmlResponse {
    return { status: 404, html: this.notFoundHtml };
  }

  render(view: NoticePageView, status = 200): HtmlResponse {
    const s = this.strings(view.lang);
    const scale = (n: number, chosen: number | null) => Array.from({ length: n }, (_, i) => ({ value: i + 1, checked: chosen === i + 1 }));
    const html = this.page({
      lang: view.lang,
      title: view.title,
      organisation: this.organisation,
      css: this.css,
      s,
      content: new this.hbs.SafeString(view.contentHtml),
      ackAction: view.ackAction,
      ackCsrf: view.ackCsrf,
      acknowledgedAt: view.acknowledgedAt,
      error: view.error ? s[`page_error_${view.error}`] || null : null,
      question: view.question ?? null,
      news: view.news ?? NO_NEWS,
      offers: view.offers ?? [],
      feedback: view.feedback && {
        action: view.feedback.action,
        csrf: view.feedback.csrf,
        done: view.feedback.done,
        comment: view.feedback.comment ?? '',
        csat: scale(5, view.feedback.csat),
        ces: scale(7, view.feedback.ces),
        // Net Promoter Score: 0 to 10, optional (#20 item 3)
        nps: Array.from({ length: 11 }, (_, i) => ({ value: i, checked: view.feedback!.nps === i })),
        npsReason: view.feedback.npsReason ?? '',
      },
    });
    return { status, html };
  }

  /** The status page: the notice page's headers, except that the commander may let search engines index it. */
  renderStatus(view: StatusPageView): HtmlResponse & { headers: Record<string, string> } {
    const html = this.statusPage({ lang: view.lang, title: view.title, organisation: this.organisation, css: this.css, s: this.strings(view.lang), news: view.news, indexable: view.indexable });
    const headers = { ...this.headers };
    if (view.indexable) delete headers['X-Robots-Tag'];
    return { status: 200, html, headers };
  }

  /** The updates and answers section alone, as a notice page shows it (previews before publishing). */
  renderNews(lang: string, news: News): string {
    return this.newsOnly({ s: this.strings(lang), news }).trim();
  }

  /** The page's own words in the customer's locale, then their language, then English. */
  strings(locale: string): Record<string, string> {
    const chain = [locale, locale.split('-')[0], 'en'];
    const keys = Object.keys(this.phrases.en ?? {});
    return Object.fromEntries(keys.map((k) => [k, chain.map((l) => this.phrases[l]?.[k]).find((v) => v !== undefined) ?? '']));
  }

  /** A time as the customer reads it: their locale and time zone. */
  formatTime(d: Date, locale: string, timeZone: string): string {
    try {
      return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(d);
    } catch {
      return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(d) + ' UTC';
    }
  }
}

/** ORG_NAME, else the display name of MAIL_FROM ("Acme Security <security@acme.example>" → Acme Security), else its domain. */
export function organisationName(config: Pick<AppConfig, 'ORG_NAME' | 'MAIL_FROM'>): string {
  if (config.ORG_NAME) return config.ORG_NAME;
  const display = /^\s*"?([^"<]*?)"?\s*</.exec(config.MAIL_FROM)?.[1]?.trim();
  if (display) return display;
  return /@([^\s>]+)/.exec(config.MAIL_FROM)?.[1]?.replace(/\.$/, '') ?? config.MAIL_FROM;
}
