// The notice link token: HMAC-SHA256(key, "<incident id>:<customer id>"), base64url (256 bits). It is
// deterministic, so the worker derives it again for every message (a resend carries the same link) and
// only sha256(token) is stored. The same HMAC is computed inside PostgreSQL during fan-out (RFC 2104
// built from the database's own sha256), which is why the key's inner and outer pads are exposed here.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** 32 bytes of HMAC output in base64url, no padding. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const BLOCK = 64; // SHA-256 block size in bytes

export interface NoticeKeys {
  /** the key of the token HMAC (derived, so the configured secret is never used for two purposes) */
  token: Buffer;
  /** the key of the per-page form tokens (CSRF) */
  form: Buffer;
}

export function deriveKeys(secret: string): NoticeKeys {
  const derive = (purpose: string) => createHmac('sha256', secret).update(`tocsin/notice/${purpose}/v1`).digest();
  return { token: derive('token'), form: derive('form') };
}

export function noticeToken(key: Buffer, incidentId: string, customerId: string): string {
  return createHmac('sha256', key).update(`${incidentId}:${customerId}`).digest('base64url');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** K xor ipad and K xor opad (RFC 2104) for a key no longer than one block: what the SQL HMAC needs. */
export function hmacPads(key: Buffer): { inner: Buffer; outer: Buffer } {
  if (key.length > BLOCK) throw new Error('HMAC key longer than one block');
  const k = Buffer.concat([key, Buffer.alloc(BLOCK - key.length)]);
  return { inner: Buffer.from(k.map((b) => b ^ 0x36)), outer: Buffer.from(k.map((b) => b ^ 0x5c)) };
}

/** A form token bound to one page (its token hash) and one action: `ack` or `feedback`. */
export function formToken(key: Buffer, tokenHash: Buffer, action: string): string {
  return createHmac('sha256', key).update(action).update(tokenHash).digest('base64url');
}

export function formTokenValid(key: Buffer, tokenHash: Buffer, action: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== 43) return false;
  const expected = Buffer.from(formToken(key, tokenHash, action));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
