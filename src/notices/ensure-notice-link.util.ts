// Every email and SMS to an affected customer carries their notice link, even when a template forgets
// {{notice.url}}: the link is how "reached" becomes "read and acknowledged", so it is not left to authors.
import type { Rendered } from '../templates/template-engine';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The rendered message with the link added where it is missing: on its own line at the end of the text
 * (an SMS gets it after a space), and as a paragraph before `</body>` (or at the end) of the HTML.
 * A part that already contains the link (HTML-escaped or not) is left exactly as rendered.
 */
export function ensureNoticeLink(rendered: Rendered, url: string, channel: string): Rendered {
  if (channel !== 'email' && channel !== 'sms') return rendered;
  const text = rendered.text ?? '';
  const withText = text.includes(url) ? text : channel === 'sms' ? `${text.trimEnd()} ${url}`.trimStart() : `${text.trimEnd()}\n\n${url}\n`.trimStart();
  if (channel === 'sms') return withText === text ? rendered : { ...rendered, text: withText };
  const html = rendered.html ?? '';
  let withHtml = html;
  // escaped only when the plain link is missing (a template that prints {{notice.url}} has it as is)
  const href = html && !html.includes(url) ? escapeHtml(url) : url;
  if (html && !html.includes(url) && !html.includes(href)) {
    const link = `<p><a href="${href}">${href}</a></p>`;
    const at = html.search(/<\/body\s*>/i);
    withHtml = at >= 0 ? `${html.slice(0, at)}${link}${html.slice(at)}` : `${html}${link}`;
  }
  return withText === text && withHtml === html ? rendered : { ...rendered, text: withText, html: withHtml };
}
