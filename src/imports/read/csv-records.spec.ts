import { csvRecords, sniffDelimiter } from './csv-records';

async function* source(...parts: string[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield Buffer.from(p);
}

async function read(...parts: string[]) {
  const out: { row: number; line: number; values: unknown; error?: string }[] = [];
  for await (const r of csvRecords(source(...parts), { onHeader: () => undefined })) out.push(r);
  return out;
}

describe(csvRecords.name, () => {
  it('numbers records from 1 and gives the line each starts on, across quoted line breaks and blank lines', async () => {
    expect((await read('h;a\n1;x\n2;"y\nz"\n3;w\n')).map((r) => [r.row, r.line])).toEqual([[1, 2], [2, 3], [3, 5]]);
    expect((await read('h;a\r\n1;x\r\n\r\n2;"y\r\nz"\r\n3;w\r\n4;"a\rb"\r\n5;q\r\n')).map((r) => [r.row, r.line])).toEqual([
      [1, 2], [2, 4], [3, 6], [4, 7], [5, 8],
    ]);
    expect((await read('h;a\n1;x\n\n\n2;y')).map((r) => [r.row, r.line])).toEqual([[1, 2], [2, 5]]);
  });

  it('reads a record split across chunks, strips the BOM and reports a wrong number of cells', async () => {
    const recs = await read('\uFEFFid,na', 'me\n1,"Ada ', 'Lovelace"\n2,a,b\n');
    expect(recs[0]).toMatchObject({ row: 1, values: ['1', 'Ada Lovelace'] });
    expect(recs[1]).toMatchObject({ row: 2, values: null, error: 'has 3 cells but the header has 2' });
  });

  it('keeps a character whose UTF-8 bytes are split between two pieces, and reads a piece larger than its slices', async () => {
    const name = 'Zoë Ünïcödé ' + 'é'.repeat(40_000); // 80 KB of two-byte characters: several 16 KB slices
    const bytes = Buffer.from(`id,name\n1,${name}\n2,Ok\n`);
    const cut = bytes.indexOf(Buffer.from('ë')) + 1; // inside the two bytes of ë
    async function* pieces(): AsyncGenerator<Buffer> {
      yield bytes.subarray(0, cut);
      yield bytes.subarray(cut);
    }
    const recs = [];
    for await (const r of csvRecords(pieces(), { onHeader: () => undefined })) recs.push(r);
    expect(recs.map((r) => r.values)).toEqual([['1', name], ['2', 'Ok']]);
  });

  it('skips rows that are only delimiters (how a spreadsheet writes an empty row) as blank lines, without numbering them', async () => {
    const recs = await read('id;name;note\r\n1;a;x\r\n;;\r\n;;\r\n2;b;y\r\n ; ;\r\n3;;\r\n');
    expect(recs.map((r) => [r.row, r.line, r.values])).toEqual([
      [1, 2, ['1', 'a', 'x']],
      [2, 5, ['2', 'b', 'y']],
      [3, 7, ['3', '', '']],
    ]);
    expect((await read(';;\nid;name\n1;a\n'))[0]).toMatchObject({ row: 1, line: 3, values: ['1', 'a'] });
  });

  it('finds the delimiter from the header row, ignoring quoted ones', () => {
    expect(sniffDelimiter(Buffer.from('externalId;email;"a,b,c"\nx,y,z'))).toBe(';');
    expect(sniffDelimiter(Buffer.from('externalId,email\n'))).toBe(',');
    expect(sniffDelimiter(Buffer.from('externalId\temail\n'))).toBe('\t');
  });
});
