import { createZodDto } from 'nestjs-zod';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { CODE_PATTERN } from '../offer-file.util';

/** What runbook steps and declarations name: {"offer": "<key>"}. */
export const offerKeySchema = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lower-case letters, digits, . _ - (max 64)');

export const putOfferSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  /** what the customer gets and on which conditions, shown on the notice page */
  terms: z.string().trim().min(1).max(5000),
  /** where the code is redeemed (https) */
  url: z.url({ protocol: /^https$/, error: 'an https URL' }).max(2000).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  /** one code everyone gets; leave it out for a pool of unique codes (POST /offers/{key}/codes) */
  sharedCode: z.string().regex(CODE_PATTERN, 'printable characters without spaces, 1 to 200').optional(),
  /** below this many free codes the pool is reported as running low */
  lowWatermark: z.number().int().min(0).max(10_000_000).default(100),
});
export class PutOfferDto extends createZodDto(putOfferSchema) {}
export type PutOfferInput = z.infer<typeof putOfferSchema>;

/** Swagger shapes of the answers (documentation only). */
const POOL_SCHEMA: SchemaObject = {
  type: 'object',
  nullable: true,
  properties: { total: { type: 'integer' }, assigned: { type: 'integer' }, free: { type: 'integer' }, lowWatermark: { type: 'integer' }, low: { type: 'boolean' } },
};

export const OFFER_VIEW_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    title: { type: 'string' },
    terms: { type: 'string' },
    url: { type: 'string', nullable: true },
    expiresAt: { type: 'string', format: 'date-time', nullable: true },
    kind: { type: 'string', enum: ['shared', 'pool'] },
    pool: POOL_SCHEMA,
    warning: { type: 'string', nullable: true, description: 'set when the pool runs low (free codes below lowWatermark)' },
  },
};

export const UPLOAD_RESULT_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    offer: { type: 'string' },
    rowsRead: { type: 'integer' },
    added: { type: 'integer' },
    duplicates: { type: 'integer', description: 'codes already in the pool (or twice in the file)' },
    rejected: { type: 'integer' },
    errors: { type: 'array', items: { type: 'object', properties: { row: { type: 'integer' }, message: { type: 'string' } } } },
    pool: POOL_SCHEMA,
  },
};

export const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
};
