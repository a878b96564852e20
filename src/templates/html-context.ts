// Where in an HTML document a template value lands, told by a small tokenizer that follows the HTML
// standard's states for what matters here (tags, attributes, quotes, comments, raw-text elements). A regular
// expression over the text before a value was fooled by what browsers accept: `<a title="x"href=…>` (no
// space between attributes), `<a/href=…>` (a slash separates), `<a title=">" href=…>` (a quoted '>').

export type HtmlContext =
  | { kind: 'text' }
  | { kind: 'comment' }
  /** inside a <script>, <style>, … element: HTML escaping means nothing there */
  | { kind: 'raw'; tag: string }
  /** inside a start tag but not in an attribute's value: the value would be a tag or attribute name */
  | { kind: 'tag'; tag: string }
  | { kind: 'attribute'; tag: string; attribute: string };

type State = 'text' | 'tagOpen' | 'endTagOpen' | 'tagName' | 'beforeAttr' | 'attrName' | 'afterAttrName' | 'beforeValue' | 'valueDq' | 'valueSq' | 'valueUnq' | 'comment' | 'bogus' | 'raw';

const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'textarea', 'title', 'plaintext']);
const SPACE = /[\t\n\f\r ]/;

/** Feeds HTML text through the tokenizer; `context()` says where the next character would land. */
export class HtmlTokenizer {
  private state: State = 'text';
  private tag = '';
  private isEnd = false;
  private attr = '';
  private buf = ''; // '<!--' detection and raw-text end tag
  private rawTag = '';

  feed(s: string): void {
    for (const c of s) this.step(c);
  }

  context(): HtmlContext {
    switch (this.state) {
      case 'text':
        return { kind: 'text' };
      case 'comment':
      case 'bogus':
        return { kind: 'comment' };
      case 'raw':
        return { kind: 'raw', tag: this.rawTag };
      case 'valueDq':
      case 'valueSq':
      case 'valueUnq':
      case 'beforeValue':
        return { kind: 'attribute', tag: this.tag, attribute: this.attr };
      case 'tagOpen': // "<{{…}}": the value would be the tag's name
      case 'endTagOpen':
      default:
        return { kind: 'tag', tag: this.state === 'tagOpen' || this.state === 'endTagOpen' ? '…' : this.tag };
    }
  }

  private startTagDone(): void {
    this.state = !this.isEnd && RAW_TEXT.has(this.tag) ? 'raw' : 'text';
    if (this.state === 'raw') {
      this.rawTag = this.tag;
      this.buf = '';
    }
  }

  private step(c: string): void {
    const lc = c.toLowerCase();
    switch (this.state) {
      case 'text':
        if (c === '<') this.state = 'tagOpen';
        return;
      case 'tagOpen':
        if (/[a-z]/i.test(c)) {
          this.state = 'tagName';
          this.tag = lc;
          this.isEnd = false;
        } else if (c === '/') this.state = 'endTagOpen';
        else if (c === '!' || c === '?') {
          this.state = 'bogus';
          this.buf = c;
        } else this.state = 'text';
        return;
      case 'endTagOpen':
        if (/[a-z]/i.test(c)) {
          this.state = 'tagName';
          this.tag = lc;
          this.isEnd = true;
        } else if (c === '>') this.state = 'text';
        else this.state = 'bogus';
        return;
      case 'tagName':
        if (SPACE.test(c) || c === '/') this.state = 'beforeAttr';
        else if (c === '>') this.startTagDone();
        else this.tag += lc;
        return;
      case 'beforeAttr':
        if (SPACE.test(c) || c === '/') return;
        if (c === '>') return this.startTagDone();
        this.state = 'attrName';
        this.attr = lc;
        return;
      case 'attrName':
        if (SPACE.test(c) || c === '/') this.state = 'afterAttrName';
        else if (c === '=') this.state = 'beforeValue';
        else if (c === '>') this.startTagDone();
        else this.attr += lc;
        return;
      case 'afterAttrName':
        if (SPACE.test(c) || c === '/') return;
        if (c === '=') this.state = 'beforeValue';
        else if (c === '>') this.startTagDone();
        else {
          this.state = 'attrName';
          this.attr = lc;
        }
        return;
      case 'beforeValue':
        if (SPACE.test(c)) return;
        if (c === '"') this.state = 'valueDq';
        else if (c === "'") this.state = 'valueSq';
        else if (c === '>') this.startTagDone();
        else this.state = 'valueUnq';
        return;
      case 'valueDq':
        if (c === '"') this.state = 'beforeAttr'; // "after attribute value (quoted)": a letter starts the next attribute
        return;
      case 'valueSq':
        if (c === "'") this.state = 'beforeAttr';
        return;
      case 'valueUnq':
        if (SPACE.test(c)) this.state = 'beforeAttr';
        else if (c === '>') this.startTagDone();
        return;
      case 'bogus':
        // "<!--" opens a comment that only "-->" closes; any other "<!…" or "<?…" ends at the first ">"
        this.buf += c;
        if (this.buf === '!--') {
          this.state = 'comment';
          this.buf = '';
        } else if (c === '>') this.state = 'text';
        return;
      case 'comment':
        this.buf = (this.buf + c).slice(-3);
        if (this.buf === '-->' || this.buf.endsWith('--!>')) {
          this.state = 'text';
          this.buf = '';
        }
        return;
      case 'raw': {
        this.buf = (this.buf + lc).slice(-(this.rawTag.length + 3));
        const end = `</${this.rawTag}`;
        // the end tag is "</script" followed by a space, "/" or ">": then back to a tag (its name already read)
        if (this.buf.length === end.length + 1 && this.buf.startsWith(end) && (SPACE.test(c) || c === '/' || c === '>')) {
          this.tag = this.rawTag;
          this.isEnd = true;
          if (c === '>') this.state = 'text';
          else this.state = 'beforeAttr';
        }
        return;
      }
    }
  }
}

/**
 * Attributes whose value is a URL a client may follow or load (HTML, SVG, old and non-standard ones that some
 * mail clients still honour). `content` counts on <meta> (a refresh names a URL).
 */
export const URL_ATTRIBUTES = new Set([
  'href', 'src', 'srcset', 'action', 'formaction', 'poster', 'background', 'xlink:href', 'data', 'ping', 'cite', 'longdesc',
  'lowsrc', 'dynsrc', 'codebase', 'archive', 'classid', 'manifest', 'icon', 'profile', 'usemap', 'itemtype', 'imagesrcset',
]);

/** Why a template value may not be printed at this place, or what it needs: 'url' (only through {{url}}), a refusal, or null. */
export function valueRule(ctx: HtmlContext): { needsUrl: true } | { refused: string } | null {
  switch (ctx.kind) {
    case 'raw':
      // <textarea> and <title> decode entities and end only at their end tag, which escaping keeps out
      if (ctx.tag === 'textarea' || ctx.tag === 'title') return null;
      return { refused: `a value inside <${ctx.tag}> is not allowed (HTML escaping does not protect it there)` };
    case 'tag':
      return { refused: `a value inside the <${ctx.tag}> tag must be an attribute's value (name="{{…}}"), not a tag or attribute name` };
    case 'attribute':
      if (ctx.attribute.startsWith('on')) return { refused: `a value inside the event handler attribute '${ctx.attribute}' is not allowed` };
      if (ctx.attribute === 'style') return { refused: "a value inside a style attribute is not allowed (CSS can load URLs)" };
      if (URL_ATTRIBUTES.has(ctx.attribute) || (ctx.tag === 'meta' && ctx.attribute === 'content')) return { needsUrl: true };
      return null;
    default:
      return null;
  }
}
