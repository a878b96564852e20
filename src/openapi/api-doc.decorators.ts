// What a route answers, declared beside the route from the same zod schemas the code uses; the document
// builder (openapi.document.ts) turns this metadata into the operation's responses and request body.
import { z } from 'zod';

export const API_DOC_KEY = 'tocsin:api-doc';

export interface ApiDocResponse {
  status: number;
  description: string;
  /** media type → a named zod schema (JSON), or a plain OpenAPI schema (text, streams, files) */
  content?: Record<string, { name: string; schema: z.ZodType } | { raw: Record<string, unknown> }>;
  headers?: Record<string, { description: string; schema: Record<string, unknown> }>;
}

export interface ApiDocMeta {
  responses: ApiDocResponse[];
  errors: number[];
  /** a request body the route reads itself (CSV, NDJSON, form, raw message) */
  body?: { description: string; required: boolean; content: Record<string, { name: string; schema: z.ZodType } | { raw: Record<string, unknown> }> };
  /** security requirements replacing the API key (provider signatures) */
  security?: Record<string, string[]>[];
}

const update = (fn: (m: ApiDocMeta) => void): MethodDecorator => (_target, _key, descriptor) => {
  const meta: ApiDocMeta = Reflect.getMetadata(API_DOC_KEY, descriptor.value as object) ?? { responses: [], errors: [] };
  fn(meta);
  Reflect.defineMetadata(API_DOC_KEY, meta, descriptor.value as object);
  return descriptor;
};

export const apiDocOf = (handler: object): ApiDocMeta | undefined => Reflect.getMetadata(API_DOC_KEY, handler);

/** A JSON answer whose body is `schema`, published as the component `name`. */
export const ApiJson = (status: number, name: string, schema: z.ZodType, description = 'OK') =>
  update((m) => m.responses.push({ status, description, content: { 'application/json': { name, schema } } }));

type Content = Record<string, Record<string, unknown> | { name: string; schema: z.ZodType }>;
const isNamed = (v: Content[string]): v is { name: string; schema: z.ZodType } => 'schema' in v && typeof v.schema === 'object' && v.schema !== null && '_zod' in v.schema;
const entries = (content: Content) => Object.fromEntries(Object.entries(content).map(([k, v]) => [k, isNamed(v) ? v : { raw: v }]));

/**
 * A non-JSON answer (CSV, NDJSON, PDF, a stream, a file): its media types and what they hold. For NDJSON
 * the schema is the one of each line (a named zod schema), as the contract tests check it.
 */
export const ApiRaw = (status: number, description: string, content: Content, headers?: ApiDocResponse['headers']) =>
  update((m) => m.responses.push({ status, description, headers, content: entries(content) }));

/** An answer without a body (204). */
export const ApiEmpty = (status: number, description: string) => update((m) => m.responses.push({ status, description }));

/** Error statuses this route answers beyond the ones every route may (see defaultErrors in openapi.document.ts). */
export const ApiErrors = (...statuses: number[]) => update((m) => m.errors.push(...statuses));

/** A body the route reads from the request stream itself (the JSON body parser does not see it): a plain schema, or a named zod schema it parses with. */
export const ApiRawBody = (description: string, content: Content, required = true) =>
  update((m) => {
    m.body = { description, required, content: entries(content) };
  });

/** A route proved by a signature rather than an API key: one requirement per accepted scheme. */
export const ApiSignedBy = (...schemes: string[]) =>
  update((m) => {
    m.security = schemes.map((s) => ({ [s]: [] }));
  });
