import { formatDate, formatNumber, makeT, pluralize, url } from './template-helpers';
import { smsSize } from './sms-segments';

const opts = (locale: string, timezone: string) => ({ data: { root: { customer: { locale, timezone } } } });

describe('template helpers', () => {
  it('formats dates in the customer locale and time zone, across a DST change', () => {
    expect(formatDate('2026-03-29T00:30:00Z', 'datetime', opts('en-GB', 'Europe/London'))).toBe('29 March 2026 at 00:30 GMT');
    expect(formatDate('2026-03-29T01:30:00Z', 'datetime', opts('en-GB', 'Europe/London'))).toBe('29 March 2026 at 02:30 BST');
    expect(formatDate('2026-11-26T08:00:00Z', 'date', opts('fr-CA', 'America/Montreal'))).toBe('26 novembre 2026');
    expect(() => formatDate('not a date', opts('en', 'UTC'))).toThrow(/not a date/);
  });

  it('formats numbers per locale and pluralises', () => {
    expect(formatNumber(183402, opts('en-US', 'UTC'))).toBe('183,402');
    expect(formatNumber(183402, opts('de', 'UTC'))).toBe('183.402');
    expect(pluralize(1, 'record', 'records', {})).toBe('1 record');
    expect(pluralize(3, 'record', {})).toBe('3 records');
  });

  it('lets url return only absolute https links', () => {
    expect(url('https://acme.test/help', {})).toBe('https://acme.test/help');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', 'http://acme.test', '/relative', 'https://']) {
      expect(() => url(bad, {})).toThrow();
    }
  });

  it('looks phrases up by locale, then language, then English', () => {
    const t = makeT({ en: { hi: 'Hello', bye: 'Bye' }, fr: { hi: 'Bonjour' } });
    expect(t('hi', opts('fr-CA', 'UTC'))).toBe('Bonjour');
    expect(t('bye', opts('fr-CA', 'UTC'))).toBe('Bye');
    expect(() => t('nope', opts('en', 'UTC'))).toThrow(/no phrase/);
  });
});

describe(smsSize.name, () => {
  it('counts GSM-7 septets, extension characters as two, and UCS-2 otherwise', () => {
    expect(smsSize('a'.repeat(160))).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(smsSize('a'.repeat(161))).toEqual({ encoding: 'GSM-7', characters: 161, segments: 2 });
    expect(smsSize('€'.repeat(80))).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(smsSize('✓'.repeat(70))).toEqual({ encoding: 'UCS-2', characters: 70, segments: 1 });
    expect(smsSize('✓'.repeat(71))).toEqual({ encoding: 'UCS-2', characters: 71, segments: 2 });
  });
});
