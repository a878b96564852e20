// The safe Handlebars runtime: a private instance, a fixed set of helpers, only the shipped partials,
// no raw output, strict lookups; compiled once per template version and cached.
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HTML_FIELDS, isCovered, TemplateField } from './template-fields';
import * as helpers from './template-helpers';
import { walkTemplate } from './template-walker';

export interface TemplateProblem {
  field: string;
  line: number;
  column: number;
  message: string;
}

export type TemplateSources = Partial<Record<TemplateField, string | null>>;

export interface RenderContext {
  customer: Record<string, unknown>;
  incident: Record<string, unknown>;
  facts: Record<string, unknown>;
  /** notice.url: the customer's personal notice page (absent for recipients who are not customers) */
  notice?: Record<string, unknown>;
  /** offer.*: the customer's remedy offer and code (absent when the step carries no offer) */
  offer?: Record<string, unknown>;
}

export interface Rendered {
  subject: string;
  html: string;
  text: string;
  /** webhook: the JSON body */
  body?: unknown;
}

type Fn = HandlebarsTemplateDelegate;
interface Compiled {
  fields: Partial<Record<Exclude<TemplateField, 'body'>, Fn>>;
  body?: unknown; // the JSON tree with compiled string leaves
  /** each value the template prints, as its path (['customer', 'name']): checked before every render */
  outputs: { path: string; keys: string[] }[];
}

export const MAX_RENDERED_BYTES = 256 * 1024;
export const MAX_SUBJECT = 200;
/**
 * Items one render may loop over in all ({{#each}} blocks together). A bound on work, not on time: a render
 * that hits it fails the same way on any machine (a real template or data problem), whereas a wall-clock limit
 * turned a busy CPU into customers failed for good. Runaway shapes are refused when the template is saved
 * (walkTemplate: block nesting and nested loops).
 */
export const MAX_ITERATIONS_PER_RENDER = 10_000;
export const TEMPLATES_DIR = path.resolve(__dirname, '../../templates');
const ALLOWED_PARTIALS = ['layout', 'footer'];
const RUNTIME: RuntimeOptions = { allowProtoMethodsByDefault: false, allowProtoPropertiesByDefault: false };

@Injectable()
export class TemplateEngine {
  private readonly hbs = Handlebars.create();
  private readonly cache = new Map<string, Compiled>();
  private readonly knownHelpers: Record<string, boolean>;
  /** items looped over by the render in progress (renders are synchronous: one at a time per engine) */
  private iterations = 0;

  constructor() {
    const builtinEach = this.hbs.helpers.each;
    const engine = this;
    this.hbs.registerHelper('each', function (this: unknown, list: unknown, options: Handlebars.HelperOptions) {
      const items = Array.isArray(list) ? list.length : list && typeof list === 'object' ? Object.keys(list).length : 0;
      if (items > helpers.MAX_EACH_ITEMS) throw new Error(`each: more than ${helpers.MAX_EACH_ITEMS} items`);
      engine.iterations += items;
      if (engine.iterations > MAX_ITERATIONS_PER_RENDER) throw new Error(`loops over more than ${MAX_ITERATIONS_PER_RENDER} items in one notice`);
      return builtinEach.call(this, list, options);
    });
    this.hbs.registerHelper({
      formatDate: helpers.formatDate,
      formatNumber: helpers.formatNumber,
      pluralize: helpers.pluralize,
      url: helpers.url,
      upper: helpers.upper,
      lower: helpers.lower,
      default: helpers.defaultValue,
      t: helpers.makeT(loadPhrases()),
    });
    for (const name of ALLOWED_PARTIALS) this.hbs.registerPartial(name, readFileSync(path.join(TEMPLATES_DIR, 'partials', `${name}.hbs`), 'utf8'));
    this.knownHelpers = Object.fromEntries([...helpers.HELPER_NAMES, ...helpers.BLOCK_HELPERS].map((h) => [h, true]));
  }

  /** Every problem of every field, with line and column. With `declared`, undeclared variables are problems too. */
  validate(sources: TemplateSources, declared?: readonly string[]): TemplateProblem[] {
    const problems: TemplateProblem[] = [];
    for (const [field, source] of this.sourcesOf(sources, problems)) {
      const r = walkTemplate(this.hbs, source, field, { knownHelpers: this.knownHelpers, allowedPartials: HTML_FIELDS.includes(field) ? ALLOWED_PARTIALS : [] });
      problems.push(...r.problems);
      if (declared) {
        for (const use of r.paths) {
          if (!isCovered(use.path, declared)) {
            problems.push({ ...use.at, message: `'${use.path}' is used but not declared in variables` });
          }
        }
      }
    }
    return problems;
  }

  /**
   * Renders for one recipient. `cacheKey` (the template version id) caches the compiled template; null
   * compiles afresh (previews). Throws on a missing or empty value rather than sending a blank notice.
   */
  render(cacheKey: string | null, sources: TemplateSources, ctx: RenderContext): Rendered {
    const compiled = (cacheKey && this.cache.get(cacheKey)) || this.compile(sources);
    if (cacheKey) this.cache.set(cacheKey, compiled);
    // The context is plain data: built by renderContext from rows and JSON columns (or a request's JSON), never
    // a class instance, and the runtime refuses prototype properties anyway. It used to be cloned through
    // JSON here on every render, a third of the cost of rendering during a fan-out.
    const data = ctx;
    for (const { path, keys } of compiled.outputs) {
      let v: unknown = data;
      for (const k of keys) v = v && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined;
      if (v === undefined || v === null || v === '') throw new Error(`${path} is empty for this recipient (use {{default ${path} "…"}} for optional values)`);
    }
    this.iterations = 0;
    const run = (f?: Fn) => (f ? f(data, RUNTIME) : '');
    const out: Rendered = { subject: oneLine(run(compiled.fields.subject)), html: run(compiled.fields.html), text: run(compiled.fields.text) };
    if (compiled.body !== undefined) out.body = runCompiledTree(compiled.body, (f) => f(data, RUNTIME));
    const size = Buffer.byteLength(out.html) + Buffer.byteLength(out.text) + (out.body ? JSON.stringify(out.body).length : 0);
    if (size > MAX_RENDERED_BYTES) throw new Error(`rendered notice is larger than ${MAX_RENDERED_BYTES} bytes`);
    return out;
  }

  private compile(s: TemplateSources): Compiled {
    const opts = { strict: true, knownHelpersOnly: true, knownHelpers: this.knownHelpers };
    const text = { ...opts, noEscape: true }; // subject, text and JSON leaves are not HTML
    const outputs = new Set<string>();
    const note = (field: TemplateField, src: string) =>
      walkTemplate(this.hbs, src, field, { knownHelpers: this.knownHelpers, allowedPartials: ALLOWED_PARTIALS }).outputs.forEach((o) => outputs.add(o));
    const fields: Compiled['fields'] = {};
    for (const f of ['subject', 'html', 'text'] as const) {
      const src = s[f];
      if (src == null) continue;
      fields[f] = this.hbs.compile(src, HTML_FIELDS.includes(f) ? opts : text);
      note(f, src);
    }
    let body: unknown;
    if (s.body != null) {
      body = mapLeaves(JSON.parse(s.body), (leaf) => {
        note('body', leaf as string);
        return this.hbs.compile(leaf as string, text);
      });
    }
    return { fields, body, outputs: [...outputs].map((path) => ({ path, keys: path.split('.') })) };
  }

  /** The template sources to check, with a webhook body's JSON leaves expanded (a JSON error is a problem). */
  private sourcesOf(s: TemplateSources, problems: TemplateProblem[]): [TemplateField, string][] {
    const list: [TemplateField, string][] = [];
    for (const f of ['subject', 'html', 'text'] as const) if (s[f] != null) list.push([f, s[f] as string]);
    if (s.body != null) {
      try {
        mapLeaves(JSON.parse(s.body), (leaf) => list.push(['body', leaf as string]));
      } catch (e) {
        problems.push({ field: 'body', ...jsonErrorPosition(s.body, e as Error), message: `not valid JSON: ${(e as Error).message}` });
      }
    }
    return list;
  }
}

/** A subject is one line: CR, LF and other control characters become spaces; capped in length. */
export function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_SUBJECT);
}

/** Applies `fn` to every string leaf of a JSON value (webhook bodies are templated leaf by leaf, so they stay valid JSON). */
function mapLeaves(v: unknown, fn: (leaf: unknown) => unknown): unknown {
  if (typeof v === 'string') return fn(v);
  if (Array.isArray(v)) return v.map((x) => mapLeaves(x, fn));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapLeaves(x, fn)]));
  return v;
}

/** Like mapLeaves, over a tree whose leaves were compiled into template functions. */
function runCompiledTree(v: unknown, run: (f: Fn) => string): unknown {
  if (typeof v === 'function') return run(v as Fn);
  if (Array.isArray(v)) return v.map((x) => runCompiledTree(x, run));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, runCompiledTree(x, run)]));
  return v;
}

function jsonErrorPosition(src: string, e: Error): { line: number; column: number } {
  const pos = Number(/position (\d+)/.exec(e.message)?.[1] ?? 0);
  const before = src.slice(0, pos).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function loadPhrases(): helpers.Phrases {
  const dir = path.join(TEMPLATES_DIR, 'phrases');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, string>]),
  );
}
