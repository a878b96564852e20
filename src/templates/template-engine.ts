// The safe Handlebars runtime: a private instance, a fixed set of helpers, no partials, no raw output,
// compiled once per template version and cached.
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';

export interface TemplateProblem {
  field: string;
  line: number;
  column: number;
  message: string;
}

export interface TemplateSources {
  subject?: string | null;
  html?: string | null;
  text?: string | null;
}

export interface RenderContext {
  customer: Record<string, unknown>;
  incident: Record<string, unknown>;
  facts: Record<string, unknown>;
}

export interface Rendered {
  subject: string;
  html: string;
  text: string;
}

type Compiled = { subject?: HandlebarsTemplateDelegate; html?: HandlebarsTemplateDelegate; text?: HandlebarsTemplateDelegate };

const ROOTS = new Set(['customer', 'incident', 'facts']);
const BLOCK_HELPERS = ['if', 'unless', 'each', 'with'];
export const MAX_RENDERED_BYTES = 256 * 1024;
export const MAX_SUBJECT = 200;

@Injectable()
export class TemplateEngine {
  private readonly hbs = Handlebars.create();
  private readonly cache = new Map<string, Compiled>();
  private readonly knownHelpers: Record<string, boolean>;

  constructor() {
    this.hbs.registerHelper('upper', (v: unknown) => String(v ?? '').toUpperCase());
    this.hbs.registerHelper('lower', (v: unknown) => String(v ?? '').toLowerCase());
    this.hbs.registerHelper('default', (v: unknown, fallback: unknown) => (v === undefined || v === null || v === '' ? fallback : v));
    this.knownHelpers = Object.fromEntries(['upper', 'lower', 'default', ...BLOCK_HELPERS].map((h) => [h, true]));
  }

  /** Every problem in every field, with line and column, without compiling anything into the cache. */
  validate(sources: TemplateSources): TemplateProblem[] {
    const problems: TemplateProblem[] = [];
    for (const field of ['subject', 'html', 'text'] as const) {
      const source = sources[field];
      if (source == null) continue;
      let ast: hbs.AST.Program;
      try {
        ast = this.hbs.parse(source);
      } catch (e) {
        problems.push(parseProblem(field, e as Error));
        continue;
      }
      this.walk(ast, field, 0, problems);
    }
    return problems;
  }

  render(versionId: string, sources: TemplateSources, ctx: RenderContext): Rendered {
    let compiled = this.cache.get(versionId);
    if (!compiled) {
      compiled = this.compile(sources);
      this.cache.set(versionId, compiled);
    }
    const data = JSON.parse(JSON.stringify(ctx)) as RenderContext; // plain data only: no getters, no prototypes
    const opts: RuntimeOptions = { allowProtoMethodsByDefault: false, allowProtoPropertiesByDefault: false };
    const subject = compiled.subject ? oneLine(compiled.subject(data, opts)) : '';
    const html = compiled.html ? compiled.html(data, opts) : '';
    const text = compiled.text ? compiled.text(data, opts) : '';
    if (Buffer.byteLength(html) + Buffer.byteLength(text) > MAX_RENDERED_BYTES) {
      throw new Error(`rendered notice is larger than ${MAX_RENDERED_BYTES} bytes`);
    }
    return { subject, html, text };
  }

  private compile(s: TemplateSources): Compiled {
    const common = { strict: true, knownHelpersOnly: true, knownHelpers: this.knownHelpers };
    return {
      // subject and text are not HTML: no entity escaping there (header safety is handled by oneLine + the mailer)
      subject: s.subject != null ? this.hbs.compile(s.subject, { ...common, noEscape: true }) : undefined,
      html: s.html != null ? this.hbs.compile(s.html, common) : undefined,
      text: s.text != null ? this.hbs.compile(s.text, { ...common, noEscape: true }) : undefined,
    };
  }

  private walk(node: hbs.AST.Node | hbs.AST.Program, field: string, scoped: number, out: TemplateProblem[]): void {
    const at = (n: hbs.AST.Node, message: string) =>
      out.push({ field, line: n.loc?.start.line ?? 1, column: (n.loc?.start.column ?? 0) + 1, message });
    const checkPath = (p: hbs.AST.Expression) => {
      if (p.type !== 'PathExpression') return;
      const path = p as hbs.AST.PathExpression;
      if (path.data || scoped > 0) return;
      const root = path.parts[0];
      if (path.parts.some((part: string) => part === '__proto__' || part === 'constructor' || part === 'prototype')) {
        at(p, `'${path.original}' is not allowed`);
      } else if (!ROOTS.has(root)) {
        at(p, `unknown variable '${path.original}': use customer.*, incident.* or facts.*`);
      }
    };
    switch (node.type) {
      case 'Program':
        for (const s of (node as hbs.AST.Program).body) this.walk(s, field, scoped, out);
        return;
      case 'MustacheStatement':
      case 'SubExpression': {
        const m = node as hbs.AST.MustacheStatement;
        if (node.type === 'MustacheStatement' && !m.escaped && field === 'html') at(node, 'triple-stash {{{ }}} (unescaped HTML) is not allowed');
        const isHelper = m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0;
        if (isHelper) {
          const name = (m.path as hbs.AST.PathExpression).original;
          if (!this.knownHelpers[name]) at(node, `unknown helper '${name}'`);
        } else checkPath(m.path);
        for (const p of m.params) this.walk(p, field, scoped, out);
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const name = (b.path as hbs.AST.PathExpression).original;
        if (!this.knownHelpers[name]) at(node, `unknown block helper '${name}'`);
        for (const p of b.params) this.walk(p, field, scoped, out);
        const inner = name === 'each' || name === 'with' ? scoped + 1 : scoped;
        if (b.program) this.walk(b.program, field, inner, out);
        if (b.inverse) this.walk(b.inverse, field, scoped, out);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        at(node, 'partials are not allowed in templates');
        return;
      case 'DecoratorBlock':
      case 'Decorator':
        at(node, 'decorators are not allowed');
        return;
      case 'PathExpression':
        checkPath(node as hbs.AST.PathExpression);
        return;
      default:
        return;
    }
  }
}

/** A subject is one line: CR, LF and other control characters become spaces; capped in length. */
export function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_SUBJECT);
}

function parseProblem(field: string, e: Error): TemplateProblem {
  const lines = e.message.split('\n');
  const lineMatch = /line (\d+)/.exec(lines[0]);
  // jison prints the offending source line then a caret line: "----^"; the caret gives the column
  const caret = lines.findIndex((l) => /^-*\^$/.test(l));
  const column = caret > 0 ? lines[caret].length : 1;
  const expecting = lines.slice(caret > 0 ? caret + 1 : 1).join(' ').trim();
  const got = /got '([A-Z_]+)'/.exec(expecting)?.[1];
  const hint = /'CLOSE'/.test(expecting)
    ? "an expression is not closed: expected '}}'"
    : /got 'EOF'/.test(expecting)
      ? 'the template ends inside an open block (missing {{/...}}?)'
      : expecting;
  return {
    field,
    line: lineMatch ? Number(lineMatch[1]) : 1,
    column,
    message: `parse error: ${hint}${got && !hint.includes(got) ? ` (found ${got.toLowerCase()})` : ''}`,
  };
}
