import { neutralise } from './unreached-export';

describe(neutralise.name, () => {
  it.each([
    '=HYPERLINK("http://evil.test","x")',
    '+1+cmd|/C calc!A0',
    '-2+3',
    '@SUM(A1:A2)',
    '\t=1+1',
    '\r=1+1',
    ' =1+1', // leading space: trimmed on import by LibreOffice ("trim spaces") and Google Sheets
    '   @SUM(1)',
    '\n=1+1',
    '\u00a0=1+1',
    '\ufeff=1+1',
    '＝1+1', // fullwidth equals sign
    '＋1',
    '－1',
    '＠SUM(1)',
  ])('neutralises %j', (v) => expect(neutralise(v)).toBe(`'${v}`));

  it.each(['Ada Lovelace', 'a=b', 'x+y', '"=1"', "'=1", '', 'Zoë @ home'])('leaves %j alone', (v) => expect(neutralise(v)).toBe(v));

  it('writes an empty cell for a missing value', () => expect(neutralise(null)).toBe(''));
});
