import { INestApplicationContext } from '@nestjs/common';
import { Presets, SingleBar } from 'cli-progress';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ImportCustomersUseCase } from '../imports/import-customers/import-customers.usecase';
import { importOptionsSchema } from '../imports/import-options';
import { ImportsService } from '../imports/imports.service';
import { importReportLines } from './api-reports';

/** What the import command's exit code says, so a script can tell a clean import from a partial one. */
export const ImportExit = {
  /** every row imported (or, in a dry run, would be) */
  ok: 0,
  /** the import failed: nothing imported (a file that cannot be read, or an all-or-nothing import with rejected rows) */
  failed: 1,
  /** bad arguments (the usage is printed) */
  usage: 2,
  /** the import completed but some rows were rejected (they are listed) */
  rowsRejected: 3,
} as const;

export const IMPORT_USAGE = `  node dist/cli.js import <file.csv|file.ndjson> [--mode valid-only|all-or-nothing] [--dry-run]
        [--region FR] [--delimiter ,|;|tab] [--unknown-columns attributes|reject]
        [--encoding utf-8|windows-1252|latin1|utf-16le|utf-16be]
      imports customers from a file (same checks as POST /customers/import), with a progress bar;
      exit code ${ImportExit.ok}: all rows imported, ${ImportExit.rowsRejected}: imported but some rows rejected,
      ${ImportExit.failed}: nothing imported, ${ImportExit.usage}: bad arguments`;

export interface ImportArgs {
  file: string;
  options: ReturnType<typeof importOptionsSchema.parse>;
}

/** Parses the import command's arguments; a string is the reason they are wrong. */
export function parseImportArgs(rest: string[]): ImportArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        mode: { type: 'string' },
        'dry-run': { type: 'boolean' },
        region: { type: 'string' },
        delimiter: { type: 'string' },
        'unknown-columns': { type: 'string' },
        format: { type: 'string' },
        encoding: { type: 'string' },
      },
    });
  } catch (e) {
    return (e as Error).message;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return 'give exactly one file';
  const file = positionals[0];
  const format = values.format ?? (/\.(ndjson|jsonl)$/i.test(file) ? 'ndjson' : 'csv');
  const options = importOptionsSchema.safeParse({
    mode: values.mode,
    dryRun: values['dry-run'] ?? false,
    region: values.region,
    delimiter: values.delimiter,
    unknownColumns: values['unknown-columns'],
    format,
    encoding: values.encoding,
  });
  if (!options.success) return options.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
  return { file, options: options.data };
}

/** Stores the file like an upload, then runs the import in this process with a progress bar on stderr. */
export async function runImport(app: INestApplicationContext, args: ImportArgs, out: (s: string) => void, barStream: NodeJS.WritableStream = process.stderr): Promise<number> {
  const size = (await stat(args.file)).size;
  const estimate = Math.max(0, (await countLines(args.file)) - (args.options.format === 'ndjson' ? 0 : 1)); // minus the CSV header
  const bar = new SingleBar(
    { format: '{phase} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left', stream: barStream, etaBuffer: 50, hideCursor: true },
    Presets.legacy,
  );
  bar.start(Math.max(estimate, 1), 0, { phase: 'upload ' });
  async function* upload(): AsyncGenerator<Buffer> {
    let sent = 0;
    for await (const chunk of createReadStream(args.file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      sent += chunk.length;
      bar.update(Math.round((sent / Math.max(size, 1)) * estimate));
      yield chunk;
    }
  }
  const imp = await app.get(ImportsService).store(upload(), undefined, args.options, null);
  bar.update(0, { phase: 'read   ' });
  await app.get(ImportCustomersUseCase).execute(imp.id, async (p) => {
    if (p.rowsImported) bar.update(Math.min(p.rowsImported, estimate), { phase: 'apply  ' });
    else bar.update(Math.min(p.rowsRead, estimate));
  });
  bar.update(estimate);
  bar.stop();
  const r = await app.get(ImportsService).get(imp.id);
  importReportLines(r).forEach((l) => out(l));
  if (r.status !== 'completed') return ImportExit.failed;
  return r.rowsRejected > 0 ? ImportExit.rowsRejected : ImportExit.ok;
}

/** Lines in the file: roughly its records (a quoted line break counts twice), only the progress bar's total. */
async function countLines(path: string): Promise<number> {
  let n = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) n++;
    last = chunk[chunk.length - 1] ?? last;
  }
  if (last !== 0x0a) n++;
  return n;
}
