import { organisationName } from './notice-page.renderer';

describe(organisationName.name, () => {
  it('prefers ORG_NAME, then the display name of MAIL_FROM, then its domain', () => {
    expect(organisationName({ ORG_NAME: 'Acme Bank plc', MAIL_FROM: 'Acme Security <security@acme.example>' })).toBe('Acme Bank plc');
    expect(organisationName({ MAIL_FROM: 'Acme Security <security@acme.example>' })).toBe('Acme Security');
    expect(organisationName({ MAIL_FROM: '"Acme, Inc." <security@acme.example>' })).toBe('Acme, Inc.');
    expect(organisationName({ MAIL_FROM: 'security@acme.example' })).toBe('acme.example');
  });
});
