import { ensureNoticeLink } from './ensure-notice-link.util';

const url = 'https://tocsin.example/n/AbC_def-123';
const r = (text: string, html = '') => ({ subject: 's', text, html });

describe(ensureNoticeLink.name, () => {
  it('leaves a message that already carries the link exactly as rendered', () => {
    const m = r(`Read it: ${url}`, `<p><a href="${url}">here</a></p>`);
    expect(ensureNoticeLink(m, url, 'email')).toBe(m);
    const sms = r(`Details ${url} call us`);
    expect(ensureNoticeLink(sms, url, 'sms')).toBe(sms);
  });

  it('adds the link on its own line to the text and as a paragraph before </body> of the HTML', () => {
    const out = ensureNoticeLink(r('Dear Ada,\nWe are sorry.\n', '<html><body><p>Dear Ada</p></BODY></html>'), url, 'email');
    expect(out.text).toBe(`Dear Ada,\nWe are sorry.\n\n${url}\n`);
    expect(out.html).toBe(`<html><body><p>Dear Ada</p><p><a href="${url}">${url}</a></p></BODY></html>`);
  });

  it('appends to an HTML fragment without a body, and does not add an HTML part that was not there', () => {
    expect(ensureNoticeLink(r('t', '<p>x</p>'), url, 'email').html).toBe(`<p>x</p><p><a href="${url}">${url}</a></p>`);
    expect(ensureNoticeLink(r('t', ''), url, 'email').html).toBe('');
  });

  it('adds the link after a space to an SMS', () => {
    expect(ensureNoticeLink(r('We had a breach. Call 0800 123.'), url, 'sms').text).toBe(`We had a breach. Call 0800 123. ${url}`);
  });

  it('escapes the link in HTML and counts an escaped link as present', () => {
    const odd = 'https://x.test/n/a?b=1&c=2';
    expect(ensureNoticeLink(r('t', '<p>x</p>'), odd, 'email').html).toBe('<p>x</p><p><a href="https://x.test/n/a?b=1&amp;c=2">https://x.test/n/a?b=1&amp;c=2</a></p>');
    const present = r(odd, '<a href="https://x.test/n/a?b=1&amp;c=2">read</a>');
    expect(ensureNoticeLink(present, odd, 'email')).toBe(present);
  });

  it('changes nothing for a webhook body', () => {
    const m = { subject: '', text: '', html: '', body: { a: 1 } };
    expect(ensureNoticeLink(m, url, 'webhook')).toBe(m);
  });
});
