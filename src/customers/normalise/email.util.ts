import { domainToASCII } from 'node:url';
import { FieldResult, ok, refuse } from './field-result';

// Unquoted local part (RFC 5322 dot-atom): no quoted strings, no comments, nothing a mail header could be
// tricked with. Internationalised local parts (SMTPUTF8) are refused: few SMTP relays accept them.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Trims, lower-cases the domain and turns an internationalised domain into punycode, so one mailbox has one
 * spelling. Refuses control characters (CR/LF would reach mail headers), quoted and comment forms, and
 * anything over the SMTP length caps (local part 64, address 254).
 */
export function normaliseEmail(raw: string): FieldResult {
  const v = raw.trim();
  if (/[\u0000-\u001f\u007f]/.test(v)) return refuse('must not contain control characters (CR, LF, tab …)');
  if (v.includes('"') || v.includes('(') || v.includes(')')) return refuse('quoted and comment forms are not accepted');
  const at = v.lastIndexOf('@');
  if (at <= 0 || at === v.length - 1) return refuse('is not a valid email address');
  const local = v.slice(0, at);
  const rawDomain = v.slice(at + 1);
  if (local.length > 64) return refuse('local part is longer than 64 characters');
  if (!LOCAL.test(local)) return refuse('is not a valid email address');
  const domain = rawDomain.includes('xn--') || /[^\x00-\x7f]/.test(rawDomain) ? domainToASCII(rawDomain.toLowerCase()) : rawDomain.toLowerCase();
  if (!domain) return refuse('has an invalid internationalised domain');
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels[labels.length - 1])) {
    return refuse('is not a valid email address');
  }
  const address = `${local}@${domain}`;
  if (address.length > 254) return refuse('is longer than 254 characters');
  return ok(address);
}
