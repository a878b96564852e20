import { scrubUrl } from './logging.module';

describe(scrubUrl.name, () => {
  it('keeps no notice token and no query string in logged paths', () => {
    expect(scrubUrl('/n/AbC123_secret-token/ack')).toBe('/n/[token]/ack');
    expect(scrubUrl('/api/v1/customers?filter={"field":"email","eq":"a@b.c"}')).toBe('/api/v1/customers');
    expect(scrubUrl('/api/v1/incidents/123/reach')).toBe('/api/v1/incidents/123/reach');
  });

  it('keeps no customer externalId, email or phone number in logged paths', () => {
    expect(scrubUrl('/api/v1/customers/alice@example.com')).toBe('/api/v1/customers/[externalId]');
    expect(scrubUrl('/api/v1/customers/ACC-991/context')).toBe('/api/v1/customers/[externalId]/context');
    expect(scrubUrl('/api/v1/holds/bob%40example.com')).toBe('/api/v1/holds/[externalId]');
    expect(scrubUrl('/console/customers/carol@x.test')).toBe('/console/customers/[externalId]');
    expect(scrubUrl('/api/v1/suppressions/email/dave@x.test')).toBe('/api/v1/suppressions/email/[redacted]');
    expect(scrubUrl('/api/v1/suppressions/sms/+33612345678')).toBe('/api/v1/suppressions/sms/[redacted]');
    expect(scrubUrl('/api/v1/customers/bulk')).toBe('/api/v1/customers/bulk');
    expect(scrubUrl('/api/v1/customers/import')).toBe('/api/v1/customers/import');
  });
});
