// The served OpenAPI document is what integrators generate clients from: it must be valid (swagger-parser),
// clean under Redocly's recommended ruleset, complete per operation, and match the committed TS types.
import SwaggerParser from '@apidevtools/swagger-parser';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { API_TYPES_FILE } from '../src/openapi/export-openapi';
import { Harness } from './support/harness';

type Operation = { summary?: string; security?: unknown[]; requestBody?: unknown; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };
type Doc = { openapi: string; servers?: { url: string }[]; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, { bearerFormat?: string }> } };

describe('OpenAPI document', () => {
  let h: Harness;
  let doc: Doc;
  let dir: string;

  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
    doc = (await h.http.get('/docs/openapi.json').expect(200)).body as Doc;
    dir = mkdtempSync(path.join(os.tmpdir(), 'tocsin-openapi-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await h?.stop();
  });

  type Response = Operation['responses'][string];
  const resolve = (r: Response | { $ref?: string }): Response => {
    const ref = (r as { $ref?: string }).$ref;
    return ref ? (doc as unknown as { components: { responses: Record<string, Response> } }).components.responses[ref.split('/').pop()!] : (r as Response);
  };
  const operations = () => Object.entries(doc.paths).flatMap(([p, item]) => Object.entries(item).map(([m, op]) => ({ where: `${m.toUpperCase()} ${p}`, op })));

  it('is a valid OpenAPI 3.0 document for @apidevtools/swagger-parser', async () => {
    expect(doc.openapi).toMatch(/^3\.0\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('has zero errors under Redocly lint (recommended ruleset)', () => {
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const out = execFileSync(process.execPath, [path.join(__dirname, 'support/redocly-lint.mjs'), file], { encoding: 'utf8' });
    const problems = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { severity: string; ruleId: string; message: string; pointer?: string });
    const warnings = problems.filter((p) => p.severity !== 'error');
    if (warnings.length) console.log(`Redocly warnings (allowed):\n${warnings.map((w) => `  ${w.ruleId} ${w.pointer ?? ''}: ${w.message}`).join('\n')}`);
    expect(problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.pointer ?? ''}: ${p.message}`)).toEqual([]);
  });

  it('gives every operation a summary, a documented success answer and error answers in the one Error shape', () => {
    const missing: string[] = [];
    for (const { where, op } of operations()) {
      if (!op.summary) missing.push(`${where}: no summary`);
      const success = Object.entries(op.responses).filter(([s]) => /^2/.test(s));
      if (!success.length) missing.push(`${where}: no 2xx answer`);
      for (const [s, r] of success) if (s !== '204' && !Object.values(r.content ?? {}).some((c) => c.schema)) missing.push(`${where}: ${s} has no schema`);
      const errors = Object.entries(op.responses).filter(([s]) => /^[45]/.test(s));
      // GET /health answers 200 or 503, never a 4xx (public, never throttled): the one exception
      if (where.includes(' /api/') && !errors.some(([s]) => s.startsWith('4'))) missing.push(`${where}: no 4xx answer`);
      for (const [s, r] of errors) if (resolve(r).content?.['application/json']?.schema?.$ref !== '#/components/schemas/Error') missing.push(`${where}: ${s} is not the Error schema`);
      if (!Array.isArray(op.security)) missing.push(`${where}: no security requirement (use [] for a public route)`);
    }
    expect(missing).toEqual([]);
  });

  it('describes API keys as opaque bearer tokens, provider signatures as schemes of their own, and a server', () => {
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.apiKey.bearerFormat).toBeUndefined();
    expect(doc.paths['/api/v1/events/email'].post.security).toEqual([{ eventSignature: [] }]);
    expect(doc.paths['/api/v1/events/sms'].post.security).toEqual(expect.arrayContaining([{ twilioSignature: [] }]));
    expect(doc.servers?.[0]?.url).toBe(h.config.PUBLIC_URL.replace(/\/+$/, ''));
  });

  it('matches the committed TypeScript types (npm run api:types regenerates them)', () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    const file = path.join(dir, 'for-types.json');
    writeFileSync(file, JSON.stringify(doc));
    const generator = path.join(__dirname, '../src/openapi/generate-api-types.ts');
    const fresh = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', generator, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (committed !== fresh) throw new Error(`${path.relative(process.cwd(), API_TYPES_FILE)} is stale: run \`npm run api:types\` and commit the result`);
  });
});
