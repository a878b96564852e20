import { safeNext } from './console-http';

describe(safeNext.name, () => {
  it.each(['/console', '/console/', '/console?x=1', '/console/incidents/7d1f2a8e?view=json', '/console/customers/a%40b.test'])('keeps %j', (next) => expect(safeNext(next)).toBe(next));

  it.each([
    'https://evil.test/',
    '//evil.test/',
    '/\\evil.test',
    '/console//evil.test',
    '/console/\\\\evil.test',
    '/consolex',
    '/console@evil.test',
    '/console\r\nSet-Cookie: x=1',
    '/console/\t',
    '/console/ x',
    '/console/\u0000',
    '/console/\u2028',
    '/console/€', // over U+00FF: Node refuses it in the SSO Refresh header (a 500)
    '/console/é',
    'javascript:alert(1)',
    '',
    42,
    undefined,
    '/console/' + 'a'.repeat(2000),
  ])('sends %j to the console home', (next) => expect(safeNext(next)).toBe('/console'));
});
