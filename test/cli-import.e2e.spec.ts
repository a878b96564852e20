import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import { CliImportModule, runCli } from '../src/cli/cli';
import { parseImportArgs, runImport } from '../src/cli/import-command';
import { Harness } from './support/harness';
import { uniq } from './factories/scenario.factory';

describe('The import CLI', () => {
  let h: Harness;
  const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-cli-'));
  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
  });
  afterAll(() => h.stop());

  it('imports a file in this process and prints the totals and the bad rows', async () => {
    const p = uniq('cli');
    const file = path.join(dir, 'customers.csv');
    writeFileSync(file, `externalId;email;phone\n${p}-1;a@x.test;06 12 34 56 78\n${p}-2;broken;\n${p}-3;c@x.test;\n`);
    const lines: string[] = [];
    expect(await runCli(['import', file, '--region', 'FR'], (s) => lines.push(s))).toBe(3); // completed, one row rejected
    expect(lines.join('\n')).toContain('completed');
    expect(lines.join('\n')).toContain('rows read 3, imported 2 (created 2, updated 0), rejected 1');
    expect(lines.join('\n')).toContain('row 2 (line 3) email: is not a valid email address');
    expect(await h.prisma.customer.findUnique({ where: { externalId: `${p}-1` } })).toMatchObject({ phone: '+33612345678' });
  });

  it('draws a progress bar while it works', async () => {
    const file = path.join(dir, 'many.ndjson');
    const p = uniq('bar');
    writeFileSync(file, Array.from({ length: 12_000 }, (_, i) => JSON.stringify({ externalId: `${p}-${i}`, email: `u${i}@x.test` })).join('\n'));
    let drawn = '';
    const sink = new Writable({ write: (c, _e, cb) => ((drawn += c.toString()), cb()) });
    Object.assign(sink, { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    const app = await NestFactory.createApplicationContext(CliImportModule, { logger: ['error'] });
    try {
      const args = parseImportArgs([file]);
      if (typeof args === 'string') throw new Error(args);
      expect(await runImport(app, args, () => undefined, sink)).toBe(0);
    } finally {
      await app.close();
    }
    expect(drawn).toMatch(/\d+\/12000 rows/);
    expect(drawn).toContain('12000/12000 rows');
  });

  it('refuses bad arguments with the usage and exit code 2', async () => {
    const errors: string[] = [];
    expect(await runCli(['import'], undefined, (s) => errors.push(s))).toBe(2);
    expect(await runCli(['import', 'x.csv', '--mode', 'maybe'], undefined, (s) => errors.push(s))).toBe(2);
    expect(errors.join('\n')).toContain('usage:');
  });
});
