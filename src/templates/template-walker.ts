// Reads a template's syntax tree and reports what is not allowed, every variable it uses (to check them
// against the declared ones) and the values it prints directly (which must never be empty).
import type Handlebars from 'handlebars';
import { HtmlTokenizer, valueRule } from './html-context';

type Hbs = typeof Handlebars;

export interface Position {
  field: string;
  line: number;
  column: number;
}

export interface WalkResult {
  problems: (Position & { message: string })[];
  paths: { path: string; at: Position }[];
  /** paths printed at the top level, outside any block: an empty value there would blank the notice */
  outputs: string[];
}

/** Blocks inside blocks, and loops inside loops, a template may have: what it costs to render is bounded when it is saved. */
export const MAX_BLOCK_DEPTH = 6;
export const MAX_LOOP_DEPTH = 2;

const ROOTS = new Set(['customer', 'incident', 'facts', 'notice', 'offer']);
// every name an object inherits (toString, hasOwnProperty, valueOf, …): never a variable or a helper
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);
/** Helper names are looked up as own properties only: `constructor` is not a helper because every object has one. */
const isKnown = (helpers: Record<string, boolean>, name: string) => Object.hasOwn(helpers, name) && helpers[name] === true;

export function walkTemplate(
  hbs: Hbs,
  source: string,
  field: string,
  opts: { knownHelpers: Record<string, boolean>; allowedPartials: string[] },
): WalkResult {
  const result: WalkResult = { problems: [], paths: [], outputs: [] };
  const tooDeep = nestingProblem(source, field);
  if (tooDeep) {
    result.problems.push(tooDeep);
    return result;
  }
  let ast: hbs.AST.Program;
  try {
    ast = hbs.parse(source);
  } catch (e) {
    result.problems.push(parseProblem(field, e as Error));
    return result;
  }
  const at = (n: hbs.AST.Node): Position => ({ field, line: n.loc?.start.line ?? 1, column: (n.loc?.start.column ?? 0) + 1 });
  const problem = (n: hbs.AST.Node, message: string): void => {
    result.problems.push({ ...at(n), message });
  };

  // the absolute path each enclosing {{#with}}/{{#each}} stands for: a relative path inside is resolved
  // against it, so every path a template prints is checked against the declared variables
  const bases: string[] = [];
  const absolute = (path: hbs.AST.PathExpression): string => {
    const base = bases[bases.length - 1 - path.depth];
    return base === undefined ? path.parts.join('.') : [base, ...path.parts].join('.');
  };

  const usePath = (p: hbs.AST.Expression, scoped: number) => {
    if (p.type === 'SubExpression') return walk(p, scoped, 1);
    if (p.type !== 'PathExpression') return;
    const path = p as hbs.AST.PathExpression;
    if (path.parts.some((part: string) => FORBIDDEN_SEGMENTS.has(part))) return problem(p, `'${path.original}' is not allowed`);
    if (path.data) {
      if (path.original !== '@index' && path.original !== '@first' && path.original !== '@last' && path.original !== '@key')
        problem(p, `'${path.original}' is not allowed`);
      return;
    }
    const full = absolute(path);
    const inside = bases.length && path.depth < bases.length ? ` (here: ${full || 'the current item'})` : '';
    if (!ROOTS.has(full.split('.')[0])) return problem(p, `unknown variable '${path.original}'${inside}: use customer.*, incident.*, facts.*, notice.* or offer.*`);
    result.paths.push({ path: full, at: at(p) });
  };

  const helperName = (n: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression) =>
    n.path.type === 'PathExpression' ? (n.path as hbs.AST.PathExpression).original : '';

  // the HTML written so far (source order), to tell where a mustache lands: text, a URL attribute, a script…
  const html = new HtmlTokenizer();
  const checkHtmlContext = (m: hbs.AST.MustacheStatement) => {
    if (field !== 'html') return;
    const rule = valueRule(html.context());
    if (!rule) return;
    if ('refused' in rule) return problem(m, rule.refused);
    const name = helperName(m);
    const viaUrl = name === 'url' && m.params.length === 1;
    // notice.url is Tocsin's own link (PUBLIC_URL + token), not data anyone typed
    const own = m.params.length === 0 && m.path.type === 'PathExpression' && (m.path as hbs.AST.PathExpression).parts[0] === 'notice';
    if (!viaUrl && !own) problem(m, `a value inside href/src must go through the url helper: {{url ${name || '…'}}} (only https links pass)`);
  };

  function walk(node: hbs.AST.Node, scoped: number, depth: number, loops = 0): void {
    switch (node.type) {
      case 'ContentStatement':
        html.feed((node as hbs.AST.ContentStatement).value);
        return;
      case 'Program':
        for (const s of (node as hbs.AST.Program).body) walk(s, scoped, depth, loops);
        return;
      case 'MustacheStatement':
      case 'SubExpression': {
        const m = node as hbs.AST.MustacheStatement;
        if (node.type === 'MustacheStatement' && !m.escaped) problem(node, 'triple-stash {{{ }}} (unescaped output) is not allowed');
        if (node.type === 'MustacheStatement') {
          checkHtmlContext(m);
          html.feed('x');
        }
        const isHelperCall = node.type === 'SubExpression' || m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0;
        if (isHelperCall) {
          const name = helperName(m);
          if (!isKnown(opts.knownHelpers, name)) problem(node, `unknown helper '${name}'`);
          m.params.forEach((p) => usePath(p, scoped));
          m.hash?.pairs.forEach((pair) => usePath(pair.value, scoped));
        } else {
          usePath(m.path, scoped);
          if (depth === 0 && scoped === 0 && m.path.type === 'PathExpression' && !(m.path as hbs.AST.PathExpression).data) {
            result.outputs.push((m.path as hbs.AST.PathExpression).parts.join('.'));
          }
        }
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const name = helperName(b);
        if (!isKnown(opts.knownHelpers, name) || !['if', 'unless', 'each', 'with'].includes(name)) problem(node, `unknown block helper '${name}'`);
        // a block's context is a declared variable: {{#with "constructor"}} would walk a string's methods
        if (b.params.length !== 1 || b.params[0].type !== 'PathExpression') problem(node, `{{#${name}}} takes one variable, not a literal or an expression`);
        b.params.forEach((p) => usePath(p, scoped));
        const inner = name === 'each' || name === 'with' ? scoped + 1 : scoped;
        const innerLoops = name === 'each' ? loops + 1 : loops;
        if (depth + 1 > MAX_BLOCK_DEPTH) return problem(node, `blocks nested more than ${MAX_BLOCK_DEPTH} deep`);
        if (innerLoops > MAX_LOOP_DEPTH) return problem(node, `{{#each}} nested more than ${MAX_LOOP_DEPTH} deep`);
        if (b.program) {
          const over = b.params[0]?.type === 'PathExpression' && inner > scoped ? absolute(b.params[0] as hbs.AST.PathExpression) : null;
          if (over !== null) bases.push(over);
          walk(b.program, inner, depth + 1, innerLoops);
          if (over !== null) bases.pop();
        }
        if (b.inverse) walk(b.inverse, scoped, depth + 1, loops);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        const p = node as hbs.AST.PartialStatement;
        const name = p.name.type === 'PathExpression' ? (p.name as hbs.AST.PathExpression).original : null;
        if (!name) return problem(node, 'dynamic partials are not allowed');
        if (!opts.allowedPartials.includes(name)) {
          return problem(node, opts.allowedPartials.length ? `unknown partial '${name}' (allowed: ${opts.allowedPartials.join(', ')})` : 'partials are not allowed here');
        }
        if (p.params.length || p.hash) problem(node, 'partials take no arguments');
        if (field === 'html' && html.context().kind !== 'text') problem(node, 'a partial goes between elements, not inside a tag, a comment or a script');
        if (node.type === 'PartialBlockStatement') walk((node as hbs.AST.PartialBlockStatement).program, scoped, depth + 1, loops);
        return;
      }
      case 'DecoratorBlock':
      case 'Decorator':
        return problem(node, 'decorators are not allowed');
      default:
        return;
    }
  }

  walk(ast, 0, 0);
  return result;
}

/** Parentheses (sub-expressions) one mustache may nest. */
export const MAX_EXPRESSION_DEPTH = 4;

/**
 * Block and sub-expression nesting read from the tokens, before Handlebars parses anything: its parser and
 * visitors recurse once per level, so 5,000 nested {{#if}} took a minute of CPU (the event loop stalled)
 * and 3,000 nested (upper (upper …)) overflowed the stack (a 500). `{{else if …}}` chains nest too.
 * Generous (twice the walker's limit) so that the walker still says precisely what is too deep.
 */
function nestingProblem(source: string, field: string): (Position & { message: string }) | null {
  const chains: number[] = []; // per open block: the else-if links chained to it
  let depth = 0;
  for (const m of source.matchAll(/\{\{(?:!--[\s\S]*?--\}\}|![\s\S]*?\}\}|\{*~?\s*([#^/]|else\s+(?=[^\s}~])|else\b|\*?)([^}]*))/g)) {
    const [, kind, rest] = m;
    if (kind === undefined) continue; // a comment
    if (kind === '#' || (kind === '^' && /\S/.test(rest.replace(/~$/, '')))) {
      chains.push(0);
      depth++;
    } else if (kind === '/') {
      depth -= 1 + (chains.pop() ?? 0);
    } else if (kind.startsWith('else') && kind.length > 4 && chains.length) {
      chains[chains.length - 1]++;
      depth++;
    }
    let parens = 0;
    let deepest = 0;
    for (const c of rest ?? '') {
      if (c === '(') deepest = Math.max(deepest, ++parens);
      else if (c === ')') parens--;
    }
    const at = (): Position => {
      const before = source.slice(0, m.index).split('\n');
      return { field, line: before.length, column: before[before.length - 1].length + 1 };
    };
    if (depth > 2 * MAX_BLOCK_DEPTH) return { ...at(), message: `blocks nested more than ${MAX_BLOCK_DEPTH} deep` };
    if (deepest > MAX_EXPRESSION_DEPTH) return { ...at(), message: `expressions nested more than ${MAX_EXPRESSION_DEPTH} deep` };
  }
  return null;
}

function parseProblem(field: string, e: Error): Position & { message: string } {
  const lines = e.message.split('\n');
  const lineMatch = /line (\d+)/.exec(lines[0]);
  // jison prints the offending source line then a caret line: "----^"; the caret gives the column
  const caret = lines.findIndex((l) => /^-*\^$/.test(l));
  const column = caret > 0 ? lines[caret].length : 1;
  const expecting = lines.slice(caret > 0 ? caret + 1 : 1).join(' ').trim();
  const hint = /'CLOSE'/.test(expecting)
    ? "an expression is not closed: expected '}}'"
    : /got 'EOF'/.test(expecting)
      ? 'the template ends inside an open block (missing {{/...}}?)'
      : expecting || lines[0];
  return { field, line: lineMatch ? Number(lineMatch[1]) : 1, column, message: `parse error: ${hint}` };
}
