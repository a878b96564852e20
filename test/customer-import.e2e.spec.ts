import { auth, Harness } from './support/harness';
import { importFile } from './factories/import.factory';
import { uniq } from './factories/scenario.factory';

const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;

describe('Importing customers from a streamed file', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 1 });
  });
  afterAll(() => h.stop());

  const customer = (externalId: string) => h.prisma.customer.findUnique({ where: { externalId } });

  it('imports the good rows of a hostile CSV and reports every bad one with its row number', async () => {
    const p = uniq('hostile');
    const lines: (string | Buffer)[] = [
      `\uFEFFexternalId;email;name;phone;plan\r\n`, // BOM, CRLF, ';' delimiter, an unknown column
      `${p}-1;ada@example.com;Ada Lovelace;+33 6 12 34 56 78;pro\r\n`, // row 1
      `${p}-2;grace@example.com;"Hopper; Grace\r\nsecond line";;basic\r\n`, // row 2: quoted newline (lines 3-4)
      `${p}-3;A@X.com;Upper Case;;\r\n`, // row 3
      `${p}-4;a@x.com;Lower Case;;\r\n`, // row 4: same address as row 3
      `${p}-5;not-an-email;Bad Email;;\r\n`, // row 5
      `${p}-6;${csvField('"john doe"@x.com')};Quoted;;\r\n`, // row 6
      `${p}-7;eve@x.com;${csvField('Eve\rBcc: all@victims.test')};;\r\n`, // row 7: CR in a name
      `${p}-8;big@x.com;${'x'.repeat(300 * 1024)};;\r\n`, // row 8: a 300 KB field
      Buffer.concat([Buffer.from(`${p}-9;jose@x.com;Jos`), Buffer.from([0xe9]), Buffer.from(` Garc`), Buffer.from([0xed]), Buffer.from(`a;;\r\n`)]), // row 9: Latin-1
      `${p}-10;formula@x.com;${csvField('=HYPERLINK("http://evil.test","click")')};;\r\n`, // row 10: formula-looking
      `${p}-11;Info@Bücher.DE;Idn Domain;;\r\n`, // row 11: IDN domain
      `${p}-12;phone@x.com;Bad Phone;12345;\r\n`, // row 12: no international prefix, no default region
      `${p}-1;dup@x.com;Same Id;;\r\n`, // row 13: duplicate externalId
      `${p}-14;cells@x.com;Too;Many;Cells;Here\r\n`, // row 14: wrong number of cells
      `${p}-15;comment@x.com (work);Comment;;\r\n`, // row 15: comment form
      `\r\n`, // blank line: not a record
      `${p}-16;+sum@x.com;+SUM(A1:A3);;gold\r\n`, // row 16
    ];
    const report = await importFile(h, Buffer.concat(lines.map((l) => (typeof l === 'string' ? Buffer.from(l) : l))));

    expect(report).toMatchObject({ status: 'completed', rowsRead: 16, rowsRejected: 10, rowsImported: 6, created: 6, updated: 0 });
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'name'],
      [5, 'email'],
      [6, 'email'],
      [7, 'name'],
      [8, 'name'],
      [9, 'name'],
      [12, 'phone'],
      [13, 'externalId'],
      [14, null],
      [15, 'email'],
    ]);
    const byRow = new Map(report.errors.map((e) => [e.row, e]));
    expect(byRow.get(2)!.message).toMatch(/line breaks/);
    expect(byRow.get(6)!.message).toMatch(/quoted/);
    expect(byRow.get(8)!.message).toMatch(/longer than 200/);
    expect(byRow.get(9)!.message).toMatch(/not valid UTF-8 \(line 11\).*Latin-1/);
    expect(byRow.get(9)!.line).toBe(11);
    expect(byRow.get(12)!.message).toMatch(/international prefix/);
    expect(byRow.get(13)!.message).toBe('duplicate externalId: the same customer is already in row 1');
    expect(byRow.get(14)!.message).toBe('has 6 cells but the header has 5');
    expect(report.warnings).toEqual([expect.objectContaining({ row: 4, field: 'email', message: expect.stringContaining('row 3') })]);

    expect(await customer(`${p}-1`)).toMatchObject({ email: 'ada@example.com', phone: '+33612345678', name: 'Ada Lovelace', attributes: { plan: 'pro' } });
    expect(await customer(`${p}-3`)).toMatchObject({ email: 'A@x.com' });
    expect(await customer(`${p}-4`)).toMatchObject({ email: 'a@x.com' });
    expect(await customer(`${p}-10`)).toMatchObject({ name: '=HYPERLINK("http://evil.test","click")' }); // stored as data; exports neutralise it
    expect(await customer(`${p}-11`)).toMatchObject({ email: 'Info@xn--bcher-kva.de' });
    expect(await customer(`${p}-16`)).toMatchObject({ email: '+sum@x.com', attributes: { plan: 'gold' } });
    for (const bad of [2, 5, 6, 7, 8, 9, 12, 14, 15]) expect(await customer(`${p}-${bad}`)).toBeNull();
    const dupWinner = await customer(`${p}-1`);
    expect(dupWinner!.email).toBe('ada@example.com'); // the first row, not the duplicate
  });

  it('reads NDJSON, refuses lines in a wrong encoding or bad JSON with their numbers, and keeps absent fields', async () => {
    const p = uniq('nd');
    await h.http.put(`/api/v1/customers/${p}-1`).set(auth()).send({ email: 'old@x.com', phone: '+442071838750', tags: ['vip'] }).expect(201);
    const body = Buffer.concat([
      Buffer.from(`{"externalId":"${p}-1","email":"new@x.com","attributes":{"plan":"pro"}}\n`),
      Buffer.from(`{"externalId":"${p}-2","phone":"06 12 34 56 78","locale":"fr-fr","timezone":"Europe/Paris","tags":["eu"],"country":"FR"}\r\n`),
      Buffer.from('\n'),
      Buffer.concat([Buffer.from(`{"externalId":"${p}-3","name":"Ren`), Buffer.from([0xe9]), Buffer.from(`"}\n`)]),
      Buffer.from(`{"externalId":"${p}-4",\n`),
      Buffer.from(`[1,2]\n`),
      Buffer.from(`{"externalId":"${p}-6","timezone":"Mars/Olympus","locale":"!!"}`),
    ]);
    const report = await importFile(h, body, { type: 'application/x-ndjson', query: 'region=fr' });
    expect(report).toMatchObject({ status: 'completed', rowsRead: 6, rowsImported: 2, created: 1, updated: 1, rowsRejected: 4 });
    expect(report.errors.map((e) => [e.row, e.line, e.field])).toEqual([
      [3, 4, null],
      [4, 5, null],
      [5, 6, null],
      [6, 7, 'locale'],
      [6, 7, 'timezone'],
    ]);
    expect(report.errors[0].message).toMatch(/not valid UTF-8/);
    expect(report.errors[1].message).toMatch(/not valid JSON/);
    // absent fields keep their stored value; attributes merge
    expect(await customer(`${p}-1`)).toMatchObject({ email: 'new@x.com', phone: '+442071838750', tags: ['vip'], attributes: { plan: 'pro' } });
    expect(await customer(`${p}-2`)).toMatchObject({ phone: '+33612345678', locale: 'fr-FR', timezone: 'Europe/Paris', tags: ['eu'], attributes: { country: 'FR' } });
  });

  it('imports nothing in all-or-nothing mode when one row is bad, and writes nothing in a dry run', async () => {
    const p = uniq('aon');
    await h.http.put(`/api/v1/customers/${p}-1`).set(auth()).send({ email: 'keep@x.com' }).expect(201);
    const file = `externalId,email\n${p}-1,changed@x.com\n${p}-2,new@x.com\n${p}-3,broken\n`;
    const aon = await importFile(h, file, { query: 'mode=all-or-nothing' });
    expect(aon).toMatchObject({ status: 'failed', rowsRead: 3, rowsRejected: 1, rowsImported: 0 });
    expect(aon.failure).toMatch(/nothing was imported/);
    expect(aon.errors).toEqual([expect.objectContaining({ row: 3, field: 'email' })]);
    expect((await customer(`${p}-1`))!.email).toBe('keep@x.com');
    expect(await customer(`${p}-2`)).toBeNull();

    const dry = await importFile(h, file, { query: 'dryRun=true' });
    expect(dry).toMatchObject({ status: 'completed', rowsRead: 3, rowsRejected: 1, rowsImported: 0, created: 1, updated: 1 });
    expect((await customer(`${p}-1`))!.email).toBe('keep@x.com');
    expect(await customer(`${p}-2`)).toBeNull();

    const good = await importFile(h, file.replace(',broken', ',fixed@x.com'), { query: 'mode=all-or-nothing' });
    expect(good).toMatchObject({ status: 'completed', rowsImported: 3, created: 2, updated: 1, rowsRejected: 0 });
    expect((await customer(`${p}-1`))!.email).toBe('changed@x.com');
  });

  it('answers a bad request with a clear 4xx and keeps nothing of it', async () => {
    const before = await h.prisma.customerImport.count();
    const post = (type: string, body: string, query = '') =>
      h.http.post(`/api/v1/customers/import${query}`).set(auth()).set('Content-Type', type).send(Buffer.from(body));
    const noId = await post('text/csv', 'email,name\na@x.com,A\n').expect(422);
    expect(noId.body.error).toMatchObject({ code: 'import_invalid', message: expect.stringContaining("no 'externalId' column") });
    const unknown = await post('text/csv', 'externalId,shoe_size\nx,42\n', '?unknownColumns=reject').expect(422);
    expect(unknown.body.error.message).toContain('shoe_size');
    await post('application/json', '{"externalId":"x"}').expect(415);
    await post('text/csv', 'externalId\nx\n', '?mode=some').expect(400);
    await post('text/csv', 'externalId\nx\n', '?region=XX').expect(400);
    await post('text/csv', '').expect(400);
    expect(await h.prisma.customerImport.count()).toBe(before);
    await h.http.get('/api/v1/imports/00000000-0000-4000-8000-000000000000').set(auth()).expect(404);
  });

  it('keeps the first row of an externalId that repeats far down the file, after the first was already applied', async () => {
    const p = uniq('far');
    const N = 45_000; // more than two apply ranges: row 1 is upserted long before row N is read
    const rows = ['externalId,email,name'];
    for (let i = 1; i < N; i++) rows.push(`${p}-${i},user${i}@${p}.test,Customer ${i}`);
    rows.push(`${p}-1,late@${p}.test,Late Duplicate`); // row N repeats row 1
    const report = await importFile(h, Buffer.from(rows.join('\n') + '\n'));

    expect(report).toMatchObject({ status: 'completed', rowsRead: N, rowsImported: N - 1, created: N - 1, rowsRejected: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ row: N, field: 'externalId', message: 'duplicate externalId: the same customer is already in row 1' })]);
    expect(await customer(`${p}-1`)).toMatchObject({ email: `user1@${p}.test`, name: 'Customer 1' });
  }, 240_000);

  it('reports the ranges a valid-only import already applied when the file breaks far down', async () => {
    const p = uniq('broken');
    const rows = ['externalId,email,name'];
    for (let i = 1; i <= 25_000; i++) rows.push(`${p}-${i},user${i}@${p}.test,Customer ${i}`);
    rows.push(`${p}-x,x@${p}.test,"a quote never closed`);
    const report = await importFile(h, Buffer.from(rows.join('\n') + '\nmore\n'));

    expect(report.status).toBe('failed');
    expect(report.failure).toMatch(/^line \d+: .*; the 20000 valid rows before it were imported$/);
    expect(report).toMatchObject({ rowsImported: 20_000, created: 20_000 });
    expect(await h.prisma.customer.count({ where: { externalId: { startsWith: `${p}-` } } })).toBe(20_000);
  }, 240_000);

  it('imports 100,000 rows in batches, reporting progress while it runs', async () => {
    const p = uniq('big');
    const N = 100_000;
    const rows = ['externalId,email,name,phone,tier'];
    for (let i = 0; i < N; i++) rows.push(`${p}-${i},user${i}@${p}.test,Customer ${i},+4420718${String(i % 100000).padStart(5, '0')},${i % 3 ? 'basic' : 'gold'}`);
    const file = Buffer.from(rows.join('\n') + '\n');
    const start = Date.now();
    const res = await h.http.post('/api/v1/customers/import').set(auth()).set('Content-Type', 'text/csv').send(file).expect(202);
    const seen = new Set<string>();
    let last;
    for (;;) {
      last = (await h.http.get(`/api/v1/imports/${res.body.importId}`).set(auth()).expect(200)).body;
      seen.add(`${last.phase}:${last.rowsRead > 0 && last.rowsRead < N}`);
      if (last.status !== 'running') break;
      if (Date.now() - start > 120_000) throw new Error('100k import did not finish in 120 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(last).toMatchObject({ status: 'completed', rowsRead: N, rowsImported: N, created: N, rowsRejected: 0 });
    expect([...seen].some((s) => s === 'parsing:true')).toBe(true); // progress was visible mid-way
    expect(await h.prisma.customer.count({ where: { externalId: { startsWith: `${p}-` } } })).toBe(N);
    expect(await customer(`${p}-99999`)).toMatchObject({ email: `user99999@${p}.test`, attributes: { tier: 'gold' } });
    expect(await h.prisma.importRow.count({ where: { importId: res.body.importId } })).toBe(0); // staging cleaned up
    expect(await h.prisma.importChunk.count({ where: { importId: res.body.importId } })).toBe(0);
    console.log(`100,000-row import: ${Date.now() - start} ms end to end`);
  }, 180_000);
});
