import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../src/cli/cli';
import { ImportExit } from '../src/cli/import-command';
import { auth, Harness } from './support/harness';
import { importFile } from './factories/import.factory';

const fixture = (name: string) => path.join(__dirname, 'fixtures', 'imports', name);
const W1252 = fixture('libreoffice-windows-1252.csv');
const UTF16 = fixture('utf-16le-no-bom.tsv');

describe('Importing the files spreadsheets write (encodings, delimiter-only rows)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 1 });
  });
  afterAll(() => h.stop());

  const customer = (externalId: string) => h.prisma.customer.findUnique({ where: { externalId } });

  it('reads a LibreOffice Windows-1252 CSV with encoding=windows-1252: é, €, ’ kept, delimiter-only rows skipped as blank', async () => {
    const report = await importFile(h, readFileSync(W1252), { query: 'encoding=windows-1252' });
    expect(report).toMatchObject({ status: 'completed', rowsRead: 3, rowsImported: 2, rowsRejected: 1 });
    // rows are numbered without the blank ones; the line is the file's own (the header is line 1, blanks on 3, 5, 6)
    expect(report.errors).toEqual([expect.objectContaining({ row: 3, line: 7, field: 'email' })]);
    expect(await customer('lo-1')).toMatchObject({ name: 'José Müller', attributes: { note: 'Prix 12 €' } });
    expect(await customer('lo-2')).toMatchObject({ name: 'Zoë O’Brien', attributes: { note: '“quoted” – dash' } });
    expect(await customer('lo-3')).toBeNull();
  });

  it('reads latin1 as Windows-1252 (a € stays a €) and accepts the name in any case', async () => {
    const report = await importFile(h, readFileSync(W1252), { query: 'encoding=LATIN1' });
    expect(report).toMatchObject({ status: 'completed', rowsImported: 2, rowsRejected: 1 });
    expect(await customer('lo-1')).toMatchObject({ attributes: { note: 'Prix 12 €' } });
  });

  it('keeps the clear error for a Windows-1252 file sent without its encoding, saying how to import it', async () => {
    const report = await importFile(h, readFileSync(W1252));
    expect(report).toMatchObject({ status: 'completed', rowsRead: 3, rowsImported: 0, rowsRejected: 3 });
    expect(report.errors[0].message).toMatch(/is not valid UTF-8 \(line 2\).*Windows-1252.*encoding=windows-1252/);
  });

  it('refuses an encoding it does not read with a 400 naming the ones it does, before storing anything', async () => {
    const before = await h.prisma.customerImport.count();
    const res = await h.http
      .post('/api/v1/customers/import?encoding=ebcdic')
      .set(auth())
      .set('Content-Type', 'text/csv')
      .send(Buffer.from('externalId\nx\n'))
      .expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.error)).toMatch(/encoding.*is not an encoding Tocsin reads: give one of utf-8, windows-1252, latin1, utf-16le/);
    expect(await h.prisma.customerImport.count()).toBe(before);
  });

  it('detects UTF-16LE without a byte-order mark and skips its tab-only row', async () => {
    const report = await importFile(h, readFileSync(UTF16));
    expect(report).toMatchObject({ status: 'completed', rowsRead: 2, rowsImported: 2, rowsRejected: 0 });
    expect(await customer('u16-1')).toMatchObject({ email: 'ana@example.com', name: 'Ana Ñúñez', attributes: { note: '€ 5' } });
    expect(await customer('u16-2')).toMatchObject({ name: 'Kai Ø’Neil', attributes: { note: 'naïve' } });
  });

  it('the CLI takes --encoding and exits 3 when rows were rejected, 0 when none were, 1 when nothing was imported', async () => {
    const lines: string[] = [];
    expect(await runCli(['import', W1252, '--encoding', 'windows-1252'], (s) => lines.push(s))).toBe(ImportExit.rowsRejected);
    expect(ImportExit.rowsRejected).toBe(3);
    expect(lines.join('\n')).toContain('rows read 3, imported 2');
    expect(lines.join('\n')).toContain('row 3 (line 7) email');
    expect(await runCli(['import', UTF16], () => undefined)).toBe(ImportExit.ok);
    expect(await runCli(['import', W1252, '--encoding', 'windows-1252', '--mode', 'all-or-nothing'], () => undefined)).toBe(ImportExit.failed);
    const errors: string[] = [];
    expect(await runCli(['import', W1252, '--encoding', 'klingon'], undefined, (s) => errors.push(s))).toBe(ImportExit.usage);
    expect(errors.join('\n')).toMatch(/--encoding: is not an encoding Tocsin reads/);
  });
});
