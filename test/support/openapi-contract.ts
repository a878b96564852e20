// Checks every answer the e2e tests receive against the OpenAPI document the app serves: the operation,
// the status, the media type and (for JSON) the body must all be documented. Harness.http goes through
// here, so a route whose behaviour drifts from its documentation fails the test that exercises it.
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Operation = { operationId?: string; responses: Record<string, { content?: Record<string, { schema?: object }> }> };
type Doc = { paths: Record<string, Record<string, Operation>> };

/** Routes the document leaves out on purpose: pages, the console, Prometheus text, the docs themselves. */
const OUT_OF_SCOPE = [/^\/n\//, /^\/status(\/|$)/, /^\/console(\/|$)/, /^\/metrics$/, /^\/docs(\/|$|-json)/, /^\/admin\//, /^\/favicon/, /^\/$/, /^\/login/, /^\/auth\//];

/** Named after the run's database: tests may change QUEUE_PREFIX for their own counters, the database name stays. */
export const contractCounterFile = () => path.join(os.tmpdir(), `tocsin-openapi-contract-${process.env.TOCSIN_TEST_DB ?? 'none'}.jsonl`);

export interface CheckedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  text?: string;
}

export class OpenApiContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, discriminator: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: { method: string; template: string; re: RegExp; params: number; op: Operation }[] = [];
  readonly counts = { validated: 0, outOfScope: 0, operations: new Set<string>() };

  constructor(private readonly doc: Doc) {
    addFormats(this.ajv);
    this.ajv.addSchema(doc as object, 'openapi');
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const re = new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$');
        this.templates.push({ method: method.toUpperCase(), template, re, params: (template.match(/\{/g) ?? []).length, op });
      }
    }
    // a literal segment wins over a parameter (/runbooks/library before /runbooks/{key})
    this.templates.sort((a, b) => a.params - b.params);
  }

  /** Throws with a readable message when the answer is not what the document says. */
  check(method: string, url: string, res: CheckedResponse): void {
    // OPENAPI_RECORD=<file>: record every answer and every mismatch instead of failing (to write schemas from)
    const record = process.env.OPENAPI_RECORD;
    if (!record) return this.verify(method, url, res);
    let problem: string | undefined;
    try {
      this.verify(method, url, res);
    } catch (e) {
      problem = (e as Error).message;
    }
    const body = Buffer.isBuffer(res.body) ? '<binary>' : res.body && typeof res.body === 'object' && Object.keys(res.body).length ? res.body : (res.text ?? '').slice(0, 2000);
    appendFileSync(record, JSON.stringify({ method, url, status: res.status, type: res.headers['content-type'], body, problem }) + '\n');
  }

  private verify(method: string, url: string, res: CheckedResponse): void {
    const pathname = decodeURI(new URL(url, 'http://x').pathname);
    if (OUT_OF_SCOPE.some((re) => re.test(pathname))) {
      this.counts.outOfScope++;
      return;
    }
    const where = `${method} ${pathname} → ${res.status}`;
    const candidates = this.templates.filter((t) => t.re.test(pathname));
    const match = candidates.find((t) => t.method === method.toUpperCase());
    if (!match) {
      // a probe of a route that does not exist is answered 404 by the framework: nothing to document
      if (res.status === 404 || res.status === 405) {
        this.counts.outOfScope++;
        return;
      }
      throw new Error(`OpenAPI contract: ${where}: the document has no operation for this route`);
    }
    const key = `${match.method} ${match.template}`;
    const response = this.resolve(match.op.responses[String(res.status)]);
    if (!response) {
      throw new Error(`OpenAPI contract: ${where}: status ${res.status} is not documented for ${key} (documented: ${Object.keys(match.op.responses).join(', ')})`);
    }
    const type = String(res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const content = response.content ?? {};
    const types = Object.keys(content);
    if (!types.length) {
      const hasBody = (res.text ?? '').length > 0;
      if (hasBody) throw new Error(`OpenAPI contract: ${where}: a body (${type}) came back where ${key} documents none`);
    } else {
      const documented = types.find((t) => t === type || (t.endsWith('/*') && type.startsWith(t.slice(0, -1))) || t === '*/*');
      if (!documented) throw new Error(`OpenAPI contract: ${where}: content type '${type}' is not documented for ${key} ${res.status} (documented: ${types.join(', ')})`);
      if (/json$/.test(documented) && content[documented].schema) {
        const ref = (match.op.responses[String(res.status)] as { $ref?: string }).$ref;
        const base = ref ? `openapi${ref}` : `openapi#/paths/${escape(match.template)}/${match.method.toLowerCase()}/responses/${res.status}`;
        const pointer = `${base}/content/${escape(documented)}/schema`;
        let validate = this.validators.get(pointer);
        if (!validate) {
          validate = this.ajv.getSchema(pointer);
          if (!validate) throw new Error(`OpenAPI contract: cannot compile ${pointer}`);
          this.validators.set(pointer, validate);
        }
        const bodies = documented === 'application/x-ndjson' ? (res.text ?? '').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown) : [res.body];
        for (const body of bodies) {
          if (!validate(body)) {
            const errors = (validate.errors ?? []).slice(0, 8).map((e) => `  ${e.instancePath || '(root)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}`);
            throw new Error(`OpenAPI contract: ${where}: the body does not match the ${key} ${res.status} schema:\n${errors.join('\n')}\nbody: ${JSON.stringify(body).slice(0, 600)}`);
          }
        }
      }
    }
    this.counts.validated++;
    this.counts.operations.add(`${key} ${res.status}`);
  }

  /** A response object, following a `$ref` to components.responses. */
  private resolve(r: Operation['responses'][string] | { $ref: string } | undefined): Operation['responses'][string] | undefined {
    if (!r || !('$ref' in r) || typeof r.$ref !== 'string') return r as Operation['responses'][string] | undefined;
    let at: unknown = this.doc;
    for (const part of r.$ref.replace(/^#\//, '').split('/')) at = (at as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return at as Operation['responses'][string];
  }

  /** One line per test file in this run's counter file; the global teardown sums them. */
  flush(file: string): void {
    if (!this.counts.validated && !this.counts.outOfScope) return;
    appendFileSync(contractCounterFile(), JSON.stringify({ file, validated: this.counts.validated, outOfScope: this.counts.outOfScope, operations: [...this.counts.operations] }) + '\n');
    this.counts.validated = 0;
    this.counts.outOfScope = 0;
    this.counts.operations.clear();
  }
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
