import { PublishedPost } from './incident-post.repository';
import { newsFor, readerTime } from './incident-news';
import { paragraphs, pickLocale, updateContentSchema } from './post-content';

const at = new Date('2026-12-06T09:30:00Z');
const update = (number: number, content: Record<string, { text: string }>, publishedAt = at): PublishedPost => ({ id: `u${number}`, kind: 'update', number, version: 1, content, firstPublishedAt: at, publishedAt });

describe(newsFor.name, () => {
  it("picks the reader's locale, then its language, then the incident's default, then the first written", () => {
    expect(pickLocale(['en', 'fr'], 'fr-CA', 'en')).toBe('fr');
    expect(pickLocale(['en', 'fr'], 'de', 'en')).toBe('en');
    expect(pickLocale(['fr'], 'de', 'en')).toBe('fr');
  });

  it("shows times in the reader's zone, says UTC when the zone is UTC, and marks a later publication as a correction", () => {
    const news = newsFor([update(2, { en: { text: 'b' } }, new Date('2026-12-06T11:00:00Z')), update(1, { en: { text: 'a\n\n  next  \n\n' } })], { locale: 'en', timezone: 'America/New_York', defaultLocale: 'en' });
    expect(news.updates.map((u) => u.number)).toEqual([2, 1]); // the repository's order is kept
    expect(news.updates[1]).toMatchObject({ time: 'December 6, 2026 at 4:30 AM', edited: null, paragraphs: ['a', 'next'] });
    expect(news.updates[0].edited).toBe('December 6, 2026 at 6:00 AM');
    expect(readerTime(at, 'en', 'UTC')).toBe('December 6, 2026 at 9:30 AM UTC');
    expect(readerTime(at, 'en', 'Not/AZone')).toBe('December 6, 2026 at 9:30 AM UTC');
  });

  it('keeps answers apart from updates', () => {
    const answer: PublishedPost = { id: 'a1', kind: 'answer', number: 1, version: 1, content: { en: { question: 'Q?', answer: 'A.' } }, firstPublishedAt: at, publishedAt: at };
    expect(newsFor([answer], { locale: 'en', timezone: 'UTC', defaultLocale: 'en' })).toEqual({ updates: [], answers: [{ number: 1, locale: 'en', question: 'Q?', answer: 'A.', paragraphs: ['A.'] }] });
  });

  it('refuses empty content, bad locales and overlong text', () => {
    expect(updateContentSchema.safeParse({}).success).toBe(false);
    expect(updateContentSchema.safeParse({ 'en US': { text: 'x' } }).success).toBe(false);
    expect(updateContentSchema.safeParse({ en: { text: '   ' } }).success).toBe(false);
    expect(updateContentSchema.safeParse({ en: { text: 'x'.repeat(4001) } }).success).toBe(false);
    expect(updateContentSchema.safeParse({ 'fr-CA': { text: ' ok ' } }).data).toEqual({ 'fr-CA': { text: 'ok' } });
    expect(paragraphs('one\r\n\r\ntwo')).toEqual(['one', 'two']);
  });
});
