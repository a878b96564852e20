import { timingSafeEqual } from 'node:crypto';

/** Compares two secrets in constant time (for equal lengths; a length mismatch is simply false). */
export function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
