import { newWebhookSecret, secretBytes, signatureHeader, signWebhook, verifyWebhook } from './webhook-signature';

describe('Standard Webhooks signatures', () => {
  it('matches the known vector of the Standard Webhooks reference library', () => {
    // libraries/javascript/src/webhook.test.ts, "sign function works"
    const sig = signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(sig).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('creates whsec_ secrets of 32 random bytes', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secretBytes(a)).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(a);
  });

  it('verifies with any of the space-separated signatures, within the timestamp tolerance only', () => {
    const [oldSecret, newSecret] = [newWebhookSecret(), newWebhookSecret()];
    const now = 1_800_000_000;
    const headers = { 'webhook-id': 'n-1', 'webhook-timestamp': String(now), 'webhook-signature': signatureHeader([newSecret, oldSecret], 'n-1', now, '{"a":1}') };
    expect(verifyWebhook(oldSecret, headers, '{"a":1}', now)).toBe(true);
    expect(verifyWebhook(newSecret, headers, '{"a":1}', now)).toBe(true);
    expect(verifyWebhook(newWebhookSecret(), headers, '{"a":1}', now)).toBe(false);
    expect(verifyWebhook(newSecret, headers, '{"a":2}', now)).toBe(false);
    expect(verifyWebhook(newSecret, headers, '{"a":1}', now + 301)).toBe(false);
    expect(verifyWebhook(newSecret, { ...headers, 'webhook-id': 'n-2' }, '{"a":1}', now)).toBe(false);
  });
});
