import { createHash, createHmac } from 'node:crypto';
import { deriveKeys, formToken, formTokenValid, hashToken, hmacPads, noticeToken, TOKEN_PATTERN } from './notice-token.util';

describe('notice tokens', () => {
  const keys = deriveKeys('a-test-secret-that-is-long-enough-0123456789');
  const incident = '0b6f8a52-6f7e-4c43-9d59-0e5a4f1c2b3a';
  const customer = '7d1e2f30-1a2b-4c3d-8e9f-a0b1c2d3e4f5';

  it('are 256-bit base64url HMACs, the same every time for one customer and incident and different otherwise', () => {
    const t = noticeToken(keys.token, incident, customer);
    expect(t).toMatch(TOKEN_PATTERN);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(noticeToken(keys.token, incident, customer)).toBe(t);
    expect(noticeToken(keys.token, customer, incident)).not.toBe(t);
    expect(noticeToken(deriveKeys('another-secret-that-is-long-enough-012345').token, incident, customer)).not.toBe(t);
  });

  it('give the same HMAC when built from the inner and outer pads, as the SQL statement does', () => {
    const { inner, outer } = hmacPads(keys.token);
    const message = Buffer.from(`${incident}:${customer}`);
    const innerHash = createHash('sha256').update(Buffer.concat([inner, message])).digest();
    const mac = createHash('sha256').update(Buffer.concat([outer, innerHash])).digest();
    expect(mac.toString('base64url')).toBe(noticeToken(keys.token, incident, customer));
  });

  it('derive separate keys for links and forms from the one secret', () => {
    expect(keys.token.equals(keys.form)).toBe(false);
    expect(hashToken('x').equals(createHash('sha256').update('x').digest())).toBe(true);
    expect(createHmac('sha256', keys.token).digest().length).toBe(32);
  });

  it('accept a form token only for its own page and action', () => {
    const page = hashToken(noticeToken(keys.token, incident, customer));
    const other = hashToken(noticeToken(keys.token, incident, incident));
    const ack = formToken(keys.form, page, 'ack');
    expect(formTokenValid(keys.form, page, 'ack', ack)).toBe(true);
    expect(formTokenValid(keys.form, page, 'feedback', ack)).toBe(false);
    expect(formTokenValid(keys.form, other, 'ack', ack)).toBe(false);
    expect(formTokenValid(keys.form, page, 'ack', undefined)).toBe(false);
    expect(formTokenValid(keys.form, page, 'ack', ack.slice(1) + 'A')).toBe(false);
    expect(formTokenValid(keys.form, page, 'ack', ['x'])).toBe(false);
  });
});
