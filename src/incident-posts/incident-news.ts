// The published updates and answers as one reader sees them (their locale, their time zone): the same
// stored facts for the notice page, the status page, the agent view and the previews.
import { Injectable } from '@nestjs/common';
import { IncidentPostRepository, PublishedPost } from './incident-post.repository';
import { AnswerContent, paragraphs, pickLocale, UpdateContent } from './post-content';

export interface NewsUpdate {
  number: number;
  locale: string;
  paragraphs: string[];
  text: string;
  /** ISO time of first publication, and as the reader reads it */
  iso: string;
  time: string;
  /** set when the shown version was published later than the first one (an edit) */
  editedIso: string | null;
  edited: string | null;
}

export interface NewsAnswer {
  number: number;
  locale: string;
  question: string;
  answer: string;
  paragraphs: string[];
}

export interface News {
  updates: NewsUpdate[];
  answers: NewsAnswer[];
}

export const NO_NEWS: News = { updates: [], answers: [] };

export interface Reader {
  locale: string;
  timezone: string;
  /** the incident's default locale (the runbook's) */
  defaultLocale: string;
}

/** A time as the reader reads it: their locale and time zone (UTC when either is unknown to Intl). */
export function readerTime(d: Date, locale: string, timeZone: string): string {
  try {
    // a reader whose zone is unknown (the status page) reads UTC, and is told so
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(d) + (timeZone === 'UTC' ? ' UTC' : '');
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(d) + ' UTC';
  }
}

/** Published posts (as the repository orders them) in the reader's words. */
export function newsFor(posts: PublishedPost[], reader: Reader): News {
  const updates: NewsUpdate[] = [];
  const answers: NewsAnswer[] = [];
  for (const p of posts) {
    const locale = pickLocale(Object.keys(p.content), reader.locale, reader.defaultLocale);
    if (p.kind === 'update') {
      const text = (p.content as UpdateContent)[locale].text;
      const first = new Date(p.firstPublishedAt);
      const last = new Date(p.publishedAt);
      // both are set to the same instant by the first publication; a later one (an edit) moves publishedAt only
      const edited = last.getTime() !== first.getTime();
      updates.push({
        number: p.number,
        locale,
        text,
        paragraphs: paragraphs(text),
        iso: first.toISOString(),
        time: readerTime(first, reader.locale, reader.timezone),
        editedIso: edited ? last.toISOString() : null,
        edited: edited ? readerTime(last, reader.locale, reader.timezone) : null,
      });
    } else {
      const qa = (p.content as AnswerContent)[locale];
      answers.push({ number: p.number, locale, question: qa.question, answer: qa.answer, paragraphs: paragraphs(qa.answer) });
    }
  }
  return { updates, answers };
}

/** What notice pages, the status page and the agent view read. */
@Injectable()
export class IncidentNews {
  constructor(private readonly posts: IncidentPostRepository) {}

  async forReader(incidentId: string, reader: Reader): Promise<News> {
    return newsFor(await this.posts.published(incidentId), reader);
  }

  /** For the agent view: the customer's locale and time zone, the incident's default locale. */
  async forCustomer(incidentId: string, customer: { locale: string; timezone: string }): Promise<News> {
    const incident = await this.posts.incident(incidentId);
    return this.forReader(incidentId, { ...customer, defaultLocale: incident?.defaultLocale ?? 'en' });
  }
}
