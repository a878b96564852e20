import { z } from 'zod';
import { ErrorCode } from './error-code';

/** The one error shape every API answer with a 4xx or 5xx status has (the filter builds it; the OpenAPI doc names it Error). */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ErrorCode).describe('stable machine-readable code; the status follows from it'),
      message: z.string().describe('for people; may change between versions'),
      details: z.unknown().optional().describe('per code: validation issues, the first broken audit link, what is down, retryAfterSeconds…'),
    }),
  })
  .meta({ description: 'An error: `{ error: { code, message, details? } }`' });

export type ErrorBody = z.infer<typeof errorBodySchema>;
