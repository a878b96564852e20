import { CountryCode, isSupportedCountry, parsePhoneNumberWithError } from 'libphonenumber-js';
import { FieldResult, ok, refuse } from './field-result';

export const isRegion = (v: string): v is CountryCode => isSupportedCountry(v);

/**
 * Any common spelling of a phone number (spaces, dots, brackets, national form with a default region)
 * to E.164, with libphonenumber's metadata deciding whether the number can exist.
 */
export function normalisePhone(raw: string, defaultRegion?: string): FieldResult {
  const v = raw.trim();
  if (/[\u0000-\u001f\u007f]/.test(v)) return refuse('must not contain control characters');
  if (v.length > 40) return refuse('is too long for a phone number');
  try {
    const region = defaultRegion && isRegion(defaultRegion) ? defaultRegion : undefined;
    const p = parsePhoneNumberWithError(v, region ? { defaultCountry: region } : undefined);
    if (!p.isValid()) return refuse(`is not a valid phone number${p.country ? ` for ${p.country}` : ''}`);
    return ok(p.number);
  } catch (e) {
    const reason = (e as Error).message;
    if (reason === 'INVALID_COUNTRY') {
      return refuse(defaultRegion ? 'is not a valid phone number' : 'needs an international prefix (e.g. +33…) or a default region');
    }
    return refuse('is not a valid phone number');
  }
}
