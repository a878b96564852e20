import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** The API's error body (src/common/errors): `{ error: { code, message, details? } }`. */
const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string', example: 'validation_failed' }, message: { type: 'string' }, details: {} },
    },
  },
};

const WHY: Record<number, string> = {
  400: 'validation_failed: the body, query or path is not valid (details name the fields)',
  401: 'unauthorized: no or unknown API key',
  403: 'forbidden: the key\'s role may not do this',
  404: 'not_found: no such customer, incident or reason',
  409: 'conflict: the key is taken',
  429: 'rate_limited: too many requests (Retry-After)',
};

/** Documents the error answers a route gives, in the shared error shape (401, 403 and 429 are always possible). */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(...[...new Set([...statuses, 401, 403, 429])].sort().map((status) => ApiResponse({ status, description: WHY[status], schema: ERROR_SCHEMA })));
