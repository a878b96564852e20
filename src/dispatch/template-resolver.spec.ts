import { localeChain } from './template-resolver';

describe(localeChain.name, () => {
  it('falls back from region to language to the runbook default', () => {
    expect(localeChain('fr-CA', 'en')).toEqual(['fr-CA', 'fr', 'en']);
    expect(localeChain('en', 'en')).toEqual(['en']);
    expect(localeChain('de', 'en')).toEqual(['de', 'en']);
  });
});
