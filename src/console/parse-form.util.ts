import { z } from 'zod';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';

/** A posted form or query string checked with zod: a bad one is a 400 naming the field, never a 500. */
export function parseForm<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new AppException(ErrorCode.ValidationFailed, `${i.path.join('.') || 'form'}: ${i.message}`, r.error.issues.map((x) => ({ path: x.path.join('.'), message: x.message })));
}
