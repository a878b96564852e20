// The common SMS provider's request signature (the `X-Twilio-Signature` scheme): base64 of HMAC-SHA1, keyed
// with the account's auth token, over the full callback URL followed by every POST parameter as name + value,
// sorted by name, with no separators.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const PROVIDER_SIGNATURE_HEADER = 'x-twilio-signature';

export function providerSignature(token: string, url: string, params: URLSearchParams): string {
  const pairs = [...params.entries()].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const data = url + pairs.map(([k, v]) => k + v).join('');
  return createHmac('sha1', token).update(data, 'utf8').digest('base64');
}

/**
 * The URLs the provider may have signed for this request: as configured, and with the default port added or
 * removed (providers differ in whether they keep `:443` when they sign).
 */
export function candidateUrls(url: string): string[] {
  const u = new URL(url);
  const out = [u.toString()];
  const defaultPort = u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '';
  if (!u.port && defaultPort) out.push(u.toString().replace(`${u.protocol}//${u.host}`, `${u.protocol}//${u.hostname}:${defaultPort}`));
  if (u.port === defaultPort && defaultPort) {
    u.port = '';
    out.push(u.toString());
  }
  return out;
}

/** Constant-time check of a base64 signature against every URL form the provider may have signed. */
export function verifyProviderSignature(token: string, given: string, url: string, params: URLSearchParams): boolean {
  const got = Buffer.from(given.trim(), 'base64');
  if (got.length !== 20) return false;
  return candidateUrls(url).some((u) => timingSafeEqual(got, Buffer.from(providerSignature(token, u, params), 'base64')));
}
