import { candidateUrls, providerSignature, verifyProviderSignature } from './provider-signature.util';

// the worked example of the provider's documentation (URL with a query, five form fields, token 12345)
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = () => new URLSearchParams({ To: '+18005551212', From: '+12349013030', Digits: '1234', Caller: '+12349013030', CallSid: 'CA1234567890ABCDE' });

describe(providerSignature.name, () => {
  it('signs the URL followed by the form fields sorted by name, whatever order they came in', () => {
    expect(providerSignature('12345', URL_, PARAMS())).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('accepts the right signature and refuses another token, URL, field value or a garbled header', () => {
    const sig = providerSignature('12345', URL_, PARAMS());
    expect(verifyProviderSignature('12345', sig, URL_, PARAMS())).toBe(true);
    expect(verifyProviderSignature('54321', sig, URL_, PARAMS())).toBe(false);
    expect(verifyProviderSignature('12345', sig, URL_.replace('foo=1', 'foo=2'), PARAMS())).toBe(false);
    const changed = PARAMS();
    changed.set('Digits', '9999');
    expect(verifyProviderSignature('12345', sig, URL_, changed)).toBe(false);
    expect(verifyProviderSignature('12345', 'not base64 at all', URL_, PARAMS())).toBe(false);
    expect(verifyProviderSignature('12345', '', URL_, PARAMS())).toBe(false);
  });

  it('accepts a signature made with or without the default port', () => {
    const withPort = providerSignature('12345', 'https://mycompany.com:443/myapp.php?foo=1&bar=2', PARAMS());
    expect(verifyProviderSignature('12345', withPort, URL_, PARAMS())).toBe(true);
    expect(candidateUrls('https://tocsin.test/api/v1/events/sms?a=1')).toEqual(['https://tocsin.test/api/v1/events/sms?a=1', 'https://tocsin.test:443/api/v1/events/sms?a=1']);
    expect(candidateUrls('http://tocsin.test:8080/x')).toEqual(['http://tocsin.test:8080/x']);
  });
});
