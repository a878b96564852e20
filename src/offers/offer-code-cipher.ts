// Offer codes are secrets (activation and discount codes worth money): at rest each is AES-256-GCM encrypted
// with a key derived from OFFER_CODE_KEY, and found again (duplicates in an upload) by an HMAC-SHA256 of it
// under another derived key. A database dump alone hands out no code; the key lives in the process's
// configuration, not in the database. See docs/offers.md for why this and not hashing alone.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const IV = 12;
const TAG = 16;

export interface OfferKeys {
  enc: Buffer;
  mac: Buffer;
}

export function deriveOfferKeys(secret: string): OfferKeys {
  const derive = (purpose: string) => createHmac('sha256', secret).update(`tocsin/offer-code/${purpose}/v1`).digest();
  return { enc: derive('enc'), mac: derive('mac') };
}

/** iv (12) | tag (16) | ciphertext. The offer id is bound as associated data: a row copied to another offer does not decrypt. */
export function encryptCode(keys: OfferKeys, offerId: string, code: string): Buffer {
  const iv = randomBytes(IV);
  const c = createCipheriv('aes-256-gcm', keys.enc, iv);
  c.setAAD(Buffer.from(offerId));
  const body = Buffer.concat([c.update(code, 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]);
}

export function decryptCode(keys: OfferKeys, offerId: string, blob: Buffer): string {
  const d = createDecipheriv('aes-256-gcm', keys.enc, blob.subarray(0, IV));
  d.setAAD(Buffer.from(offerId));
  d.setAuthTag(blob.subarray(IV, IV + TAG));
  return Buffer.concat([d.update(blob.subarray(IV + TAG)), d.final()]).toString('utf8');
}

export function codeHash(keys: OfferKeys, offerId: string, code: string): Buffer {
  return createHmac('sha256', keys.mac).update(`${offerId}:${code}`).digest();
}
