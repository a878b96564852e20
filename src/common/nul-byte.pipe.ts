import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AppException } from './errors/app.exception';
import { ErrorCode } from './errors/error-code';

const MAX_DEPTH = 64;

/** The path of the first string holding a NUL character (PostgreSQL text cannot store one), or null. */
export function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(value)' : null;
  if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return `${path}${path ? '.' : ''}${k.replace(/\u0000/g, '\\0')}`;
    const hit = findNul(v, `${path}${path ? '.' : ''}${k}`, depth + 1);
    if (hit) return hit;
  }
  return null;
}

/**
 * Global, before validation: no string input (body, query, path parameter; API and console) may hold a
 * NUL byte. One rule for every route, so no DTO can forget it; a 400 instead of PostgreSQL's 500.
 */
@Injectable()
export class NulBytePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const at = findNul(value, metadata.type === 'param' && metadata.data ? metadata.data : '');
    if (at) throw new AppException(ErrorCode.ValidationFailed, `${metadata.type === 'body' ? 'The body' : `The ${metadata.type}`} holds a NUL character at ${at}`, [{ path: at, message: 'must not contain a NUL character' }]);
    return value;
  }
}
