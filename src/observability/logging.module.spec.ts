import { scrubUrl } from './logging.module';

describe(scrubUrl.name, () => {
  it('keeps no notice token and no query string in logged paths', () => {
    expect(scrubUrl('/n/AbC123_secret-token/ack')).toBe('/n/[token]/ack');
    expect(scrubUrl('/api/v1/customers?filter={"field":"email","eq":"a@b.c"}')).toBe('/api/v1/customers');
    expect(scrubUrl('/api/v1/incidents/123/reach')).toBe('/api/v1/incidents/123/reach');
  });
});
