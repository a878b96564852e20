import { normaliseEmail } from './email.util';
import { normaliseLocale, normaliseTimezone } from './locale.util';
import { normalisePhone } from './phone.util';

describe(normaliseEmail.name, () => {
  it('trims, lower-cases only the domain and turns an IDN domain into punycode', () => {
    expect(normaliseEmail('  Ada.Lovelace@Example.COM ')).toEqual({ ok: true, value: 'Ada.Lovelace@example.com' });
    expect(normaliseEmail('info@Bücher.de')).toEqual({ ok: true, value: 'info@xn--bcher-kva.de' });
  });

  it.each([
    ['a@b\r\nBcc: x@y.z', /control/],
    ['"john doe"@x.com', /quoted/],
    ['john(comment)@x.com', /quoted and comment/],
    [`${'a'.repeat(65)}@x.com`, /64/],
    [`a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(60)}.com`, /254/],
    ['no-at-sign', /not a valid/],
    ['a@localhost', /not a valid/],
    ['a..b@x.com', /not a valid/],
    ['a@x..com', /not a valid/],
    ['josé@x.com', /not a valid/],
  ])('refuses %j', (input, message) => {
    const r = normaliseEmail(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe(normalisePhone.name, () => {
  it('writes any common spelling as E.164', () => {
    expect(normalisePhone('+33 6 12 34 56 78')).toEqual({ ok: true, value: '+33612345678' });
    expect(normalisePhone('(212) 555-0123', 'US')).toEqual({ ok: true, value: '+12125550123' });
    expect(normalisePhone('06 12 34 56 78', 'FR')).toEqual({ ok: true, value: '+33612345678' });
    expect(normalisePhone('020 7183 8750', 'GB')).toEqual({ ok: true, value: '+442071838750' });
  });

  it('needs a prefix or a default region, and refuses impossible numbers', () => {
    expect(normalisePhone('06 12 34 56 78')).toEqual({ ok: false, message: expect.stringContaining('international prefix') });
    expect(normalisePhone('+33 1')).toMatchObject({ ok: false });
    expect(normalisePhone('not a phone', 'FR')).toMatchObject({ ok: false });
  });
});

describe('locale and time zone', () => {
  it('canonicalises valid values and refuses the rest', () => {
    expect(normaliseLocale('fr-ca')).toEqual({ ok: true, value: 'fr-CA' });
    expect(normaliseLocale('xx_YY!')).toMatchObject({ ok: false });
    expect(normaliseTimezone('europe/paris')).toEqual({ ok: true, value: 'Europe/Paris' });
    expect(normaliseTimezone('Mars/Olympus')).toMatchObject({ ok: false });
  });
});
