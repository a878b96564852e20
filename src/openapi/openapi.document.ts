// Builds the OpenAPI 3.0 document served at /docs/openapi.json: Nest's explorer for the routes, then the
// schemas replaced by zod's own conversion of the schemas the code validates with, the answers declared
// with api-doc.decorators.ts, the error answers every route may give, and the security schemes.
import { INestApplication, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { z } from 'zod';
import { PUBLIC_KEY, ROLES_KEY } from '../auth/auth.decorators';
import { errorBodySchema } from '../common/errors/error-body';
import { API_DOC_KEY, ApiDocMeta } from './api-doc.decorators';

type Schema = Record<string, unknown>;
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema?: Schema }>; required?: boolean; description?: string };
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
};

const ERROR_REF = { $ref: '#/components/schemas/Error' };
/** The shared error answers (components.responses), by status. */
const ERROR_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Unprocessable',
  429: 'TooManyRequests',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
};
const ERROR_TEXT: Record<number, string> = {
  400: 'The request is invalid (validation_failed, malformed_body, filter_invalid): `details` lists the issues',
  401: 'No credential, or a wrong one (unauthorized)',
  403: 'The credential is valid but its role may not do this (forbidden)',
  404: 'No such resource (not_found)',
  409: 'The resource is in a state that does not allow this (conflict)',
  413: 'The body is larger than the limit (payload_too_large)',
  415: 'The body is not one of the accepted media types (unsupported_media_type)',
  422: 'Understood but refused (template_invalid, runbook_invalid, missing_facts, idempotency_key_reused, …): `details` says why',
  429: 'Too many requests (rate_limited): `Retry-After` says when to come back',
  502: 'The mail relay refused or failed the delivery (delivery_failed)',
  503: 'A backing service (database, queue) is unavailable, or the feature is not configured: nothing was changed, retry',
};

/** zod → OpenAPI 3.0, with any `$defs` lifted into the components. */
export function toOpenApiSchema(name: string, schema: z.ZodType, io: 'input' | 'output', components: Record<string, Schema>): Schema {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Schema;
  // recursive parts (a filter's and/or/not) come out as definitions: they become components named after their owner
  const { $schema: _ignored, $defs, definitions, ...rest } = json as Schema & { $defs?: Record<string, Schema>; definitions?: Record<string, Schema> };
  const defName = (d: string) => `${name}_${d.replace(/^_+/, '')}`;
  const fix = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(fix);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          k,
          k === '$ref' && typeof x === 'string' ? x.replace(/^#\/(?:\$defs|definitions)\/(.+)$/, (_m, d: string) => `#/components/schemas/${defName(d)}`) : fix(x),
        ]),
      );
    }
    return v;
  };
  for (const [d, def] of Object.entries({ ...$defs, ...definitions })) components[defName(d)] = typed(fix(def)) as Schema;
  return typed(fix(rest)) as Schema;
}

function openApi30(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(openApi30);
  if (!v || typeof v !== 'object') return v;
  const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, openApi30(x)])) as Schema;
  if (Array.isArray(o.type)) {
    const types = (o.type as string[]).filter((t) => t !== 'null');
    if (types.length < (o.type as string[]).length) o.nullable = true;
    if (types.length === 1) o.type = types[0];
    else {
      delete o.type;
      o.anyOf = types.map((t) => ({ type: t }));
    }
  }
  return o;
}

/**
 * OpenAPI 3.0 wants a `type` beside `nullable`, and a null must still pass a union's members: a nullable
 * union (zod's anyOf) becomes a union of nullable members.
 */
function typed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(typed);
  if (!v || typeof v !== 'object') return v;
  const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typed(x)])) as Schema;
  const variants = o.anyOf as Schema[] | undefined;
  if (o.nullable === true && o.type === undefined && variants?.length && variants.every((x) => typeof x.type === 'string')) {
    delete o.nullable;
    o.anyOf = variants.map((x) => ({ ...x, nullable: true }));
  }
  return o;
}

interface Route {
  handler: object;
  controller: Type;
  bodyDto?: Type & { schema: z.ZodType };
  zodDtos: (Type & { schema: z.ZodType })[];
}

/** operationId (Nest's `Controller_method`) → the handler and what its parameters are. */
function routesOf(app: INestApplication): Map<string, Route> {
  const routes = new Map<string, Route>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const proto = controller.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(proto)) {
        if (key === 'constructor' || typeof proto[key] !== 'function') continue;
        const paramTypes: unknown[] = Reflect.getMetadata('design:paramtypes', proto, key) ?? [];
        const isZodDto = (t: unknown): t is Type & { schema: z.ZodType } => typeof t === 'function' && (t as { isZodDto?: boolean }).isZodDto === true;
        const args: Record<string, { index: number }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {};
        const bodyIndex = Object.entries(args).find(([k]) => k.split(':')[0] === String(RouteParamtypes.BODY))?.[1].index;
        const body = bodyIndex === undefined ? undefined : paramTypes[bodyIndex];
        // answer DTOs named in @ApiOkResponse({ type }) and the like
        const answers = Object.values((Reflect.getMetadata(DECORATORS.API_RESPONSE, proto[key] as object) ?? {}) as Record<string, { type?: unknown }>).map((r) => (Array.isArray(r.type) ? r.type[0] : r.type));
        routes.set(`${controller.name}_${key}`, { handler: proto[key] as object, controller, bodyDto: isZodDto(body) ? body : undefined, zodDtos: [...paramTypes, ...answers].filter(isZodDto) });
      }
    }
  }
  return routes;
}

export interface DocumentOptions {
  /** the public base URL of this server (PUBLIC_URL) */
  serverUrl: string;
}

export function buildOpenApiDocument(app: INestApplication, opts: DocumentOptions): OpenAPIObject {
  const base = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tocsin API')
      .setDescription(
        'Breach incidents and the customer communication around them. Every error answer has the one shape ' +
          '`{ "error": { "code", "message", "details"? } }` (schema `Error`). API keys are opaque bearer tokens ' +
          '(create them with `tocsin key create` or POST /api/v1/api-keys); provider callbacks prove themselves with a signature instead.',
      )
      .setVersion('1')
      .addServer(opts.serverUrl.replace(/\/+$/, ''), 'This Tocsin server (PUBLIC_URL)')
      .build(),
  );
  const doc = cleanupOpenApiDoc(base, { version: '3.0' });
  const components: Record<string, Schema> = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  components.Error = toOpenApiSchema('Error', errorBodySchema, 'output', components);
  doc.components = {
    ...doc.components,
    schemas: components,
    responses: errorResponses() as never,
    securitySchemes: {
      apiKey: {
        type: 'http',
        scheme: 'bearer',
        description: 'An opaque API key (`Authorization: Bearer <key>`); its role decides which routes it may call (see each operation).',
      },
      eventSignature: {
        type: 'apiKey',
        in: 'header',
        name: 'X-Tocsin-Signature',
        description: '`sha256=<hex>`: HMAC-SHA256 of the exact request body bytes with EVENTS_SIGNING_SECRET.',
      },
      twilioSignature: {
        type: 'apiKey',
        in: 'header',
        name: 'X-Twilio-Signature',
        description: 'base64 HMAC-SHA1 (key SMS_TOKEN) of the callback URL followed by the form fields sorted by name, name+value, no separators.',
      },
    },
  };

  const routes = routesOf(app);
  for (const route of routes.values()) {
    for (const dto of route.zodDtos) if (components[dto.name]) components[dto.name] = toOpenApiSchema(dto.name, dto.schema, 'input', components);
  }

  // a schema written by hand in 3.1 style (type: [X, 'null']) anywhere: 3.0's nullable instead
  doc.paths = openApi30(doc.paths) as typeof doc.paths;
  for (const [name, schema] of Object.entries(components)) components[name] = openApi30(schema) as Schema;

  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      if (!['get', 'put', 'post', 'patch', 'delete'].includes(method)) continue;
      const route = op.operationId ? routes.get(op.operationId) : undefined;
      completeOperation(path, op, route, components);
    }
  }
  return doc;
}

function completeOperation(path: string, op: Operation, route: Route | undefined, components: Record<string, Schema>): void {
  const meta: ApiDocMeta | undefined = route && Reflect.getMetadata(API_DOC_KEY, route.handler);
  const isPublic = route ? Reflect.getMetadata(PUBLIC_KEY, route.handler) === true || Reflect.getMetadata(PUBLIC_KEY, route.controller) === true : false;
  const roles: string[] | undefined = route ? (Reflect.getMetadata(ROLES_KEY, route.handler) ?? Reflect.getMetadata(ROLES_KEY, route.controller)) : undefined;

  // security: an API key with a role, a provider signature, or nothing (public)
  if (meta?.security) op.security = meta.security;
  else if (isPublic) op.security = [];
  else {
    op.security = [{ apiKey: [] }];
    const who = `Roles: ${[...new Set(['admin', ...(roles ?? [])])].join(', ')}.`;
    op.description = op.description ? `${op.description}\n\n${who}` : who;
  }

  // the request body: the zod DTO the route validates, or a body the route streams itself
  if (route?.bodyDto) {
    op.requestBody = { required: true, ...op.requestBody, content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.bodyDto.name}` } } } };
    const accepts = route.bodyDto.schema.safeParse(undefined).success; // a `.default({})` body may be left out
    if (accepts) op.requestBody.required = false;
  }
  if (meta?.body) {
    op.requestBody = {
      description: meta.body.description,
      required: meta.body.required,
      content: Object.fromEntries(
        Object.entries(meta.body.content).map(([type, c]) => {
          if ('raw' in c) return [type, { schema: c.raw }];
          components[c.name] ??= toOpenApiSchema(c.name, c.schema, 'input', components);
          return [type, { schema: { $ref: `#/components/schemas/${c.name}` } }];
        }),
      ),
    };
  }

  // the answers declared beside the route replace what the explorer guessed
  if (meta?.responses.length) {
    op.responses = {};
    for (const r of meta.responses) {
      const content = r.content
        ? Object.fromEntries(
            Object.entries(r.content).map(([type, c]) => {
              if ('raw' in c) return [type, { schema: c.raw }];
              components[c.name] ??= toOpenApiSchema(c.name, c.schema, 'output', components);
              return [type, { schema: { $ref: `#/components/schemas/${c.name}` } }];
            }),
          )
        : undefined;
      // two declarations of one status (JSON and NDJSON of the same answer) share one response object
      const prev = op.responses[String(r.status)] as { content?: object; headers?: object } | undefined;
      const merged = { ...prev?.content, ...content };
      const headers = { ...prev?.headers, ...r.headers };
      op.responses[String(r.status)] = { description: r.description, ...(Object.keys(headers).length ? { headers } : {}), ...(Object.keys(merged).length ? { content: merged } : {}) };
    }
  }

  const errors = new Set<number>(meta?.errors ?? []);
  if (path.startsWith('/api/')) errors.add(503);
  if (op.security?.length) errors.add(401);
  if (op.security?.some((s) => 'apiKey' in s)) [403, 429].forEach((s) => errors.add(s));
  // every {name} of the path is a parameter (the explorer drops those whose pipe narrows the type)
  for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
    op.parameters ??= [];
    if (!op.parameters.some((p) => p.in === 'path' && p.name === name)) op.parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } } as never);
  }
  const params = op.parameters ?? [];
  if (params.some((p) => p.in === 'path')) [400, 404].forEach((s) => errors.add(s));
  if (params.some((p) => p.in === 'query')) errors.add(400);
  if (op.requestBody) [400, 413].forEach((s) => errors.add(s));
  // every error goes through the one filter, so every error answer is the shared one; what a route said
  // about its own errors (@ApiResponse descriptions) moves to the operation's description
  const said: string[] = [];
  for (const [status, r] of Object.entries(op.responses)) {
    if (Number(status) < 400) continue;
    errors.add(Number(status));
    const text = (r as { description?: string }).description;
    if (text && text !== ERROR_TEXT[Number(status)]) said.push(`${status}: ${text}`);
  }
  if (said.length) op.description = `${op.description ?? ''}\n\nErrors: ${said.join('; ')}.`.trim();
  for (const status of [...errors].sort()) {
    if (!ERROR_NAMES[status]) throw new Error(`${op.operationId}: no shared error answer for status ${status} (add it to ERROR_NAMES)`);
    op.responses[String(status)] = { $ref: `#/components/responses/${ERROR_NAMES[status]}` };
  }
}

/** One response object per error status, all with the Error schema. */
function errorResponses(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(ERROR_NAMES).map(([status, name]) => {
      const headers = status === '429' ? { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } } : undefined;
      return [name, { description: ERROR_TEXT[Number(status)], ...(headers ? { headers } : {}), content: { 'application/json': { schema: ERROR_REF } } }];
    }),
  );
}
