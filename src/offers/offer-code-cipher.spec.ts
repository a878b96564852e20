import { codeHash, decryptCode, deriveOfferKeys, encryptCode } from './offer-code-cipher';

describe('offer code cipher', () => {
  const keys = deriveOfferKeys('a-test-secret-of-at-least-32-characters!');
  const offer = '6f1c1a52-6c1e-4a57-9d7e-3f0f1c2b3a4d';

  it('encrypts each code differently and decrypts it back', () => {
    const a = encryptCode(keys, offer, 'CREDIT-1234');
    const b = encryptCode(keys, offer, 'CREDIT-1234');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('CREDIT-1234'))).toBe(false);
    expect(decryptCode(keys, offer, a)).toBe('CREDIT-1234');
  });

  it('refuses a code moved to another offer or decrypted with another key', () => {
    const blob = encryptCode(keys, offer, 'X');
    expect(() => decryptCode(keys, '00000000-0000-4000-8000-000000000000', blob)).toThrow();
    expect(() => decryptCode(deriveOfferKeys('another-secret-of-at-least-32-characters'), offer, blob)).toThrow();
  });

  it('hashes the same code of the same offer the same way, and nothing else', () => {
    expect(codeHash(keys, offer, 'A').equals(codeHash(keys, offer, 'A'))).toBe(true);
    expect(codeHash(keys, offer, 'A').equals(codeHash(keys, offer, 'B'))).toBe(false);
  });
});
