import { Readable } from 'node:stream';
import { readCodes } from './offer-file.util';

const read = async (text: string) => {
  const out = { codes: [] as string[], errors: [] as { row: number; message: string }[] };
  for await (const b of readCodes(Readable.from([text]))) {
    out.codes.push(...b.codes);
    out.errors.push(...b.errors);
  }
  return out;
};

describe(readCodes.name, () => {
  it('reads one code per line, and a CSV with a header and more columns', async () => {
    expect((await read('AAA-1\nBBB-2\r\n\nCCC-3\n')).codes).toEqual(['AAA-1', 'BBB-2', 'CCC-3']);
    expect((await read('\uFEFFcode,value\nX1,10\nX2,10\n')).codes).toEqual(['X1', 'X2']);
  });

  it('takes a text/plain line whole (quotes and commas are part of the code)', async () => {
    const out: string[] = [];
    for await (const b of readCodes(Readable.from(['=HYPERLINK("x"),1\nB;2\n']), false)) out.push(...b.codes);
    expect(out).toEqual(['=HYPERLINK("x"),1', 'B;2']);
  });

  it('refuses rows that are not codes, with the row and without the value', async () => {
    const r = await read('GOOD\nhas space\n' + 'x'.repeat(201) + '\n');
    expect(r.codes).toEqual(['GOOD']);
    expect(r.errors).toEqual([
      { row: 2, message: expect.stringContaining('not a code') },
      { row: 3, message: 'longer than 200 characters' },
    ]);
    expect(JSON.stringify(r.errors)).not.toContain('has space');
  });
  it.each([true, false])('stops at a record over 64 KB instead of buffering it (a 20 MB line without breaks; csv=%s)', async (csv) => {
    const chunk = 'x'.repeat(1024 * 1024);
    const huge = Readable.from((function* () {
      for (let i = 0; i < 20; i++) yield chunk;
    })());
    await expect(
      (async () => {
        for await (const _ of readCodes(huge, csv)) void _;
      })(),
    ).rejects.toThrow(/max_record_size|record size/i);
  });
});
