import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { externalIdSchema } from '../../customers/dto/customer.dto';

export interface RowError {
  row: number;
  field: 'externalId';
  message: string;
}

export const BATCH = 5000;
export const MAX_REPORTED_ERRORS = 1000;
/** A row of an affected-customers file: a 128-character externalId and a few columns beside it fit many times over. */
export const MAX_RECORD_BYTES = 64 * 1024;

/**
 * Reads a file of externalIds (CSV with an optional `externalId` header and the id in the first column,
 * or one id per line), streamed: yields batches of valid ids with their row numbers, and the rows
 * refused on format. Row 1 is the first data record.
 */
export async function* readExternalIds(body: Readable): AsyncGenerator<{ ids: { row: number; id: string }[]; errors: RowError[] }> {
  // a record far longer than any id is a runaway quote or a file without line breaks: stop, don't buffer it all
  // (csv-parse took minutes of CPU over a 20 MB record)
  const parser = body.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, delimiter: [',', ';', '\t'], max_record_size: MAX_RECORD_BYTES }));
  let row = 0;
  let first = true;
  let ids: { row: number; id: string }[] = [];
  let errors: RowError[] = [];
  for await (const record of parser as AsyncIterable<string[]>) {
    const value = record[0] ?? '';
    if (first) {
      first = false;
      if (/^external_?id$/i.test(value)) continue; // header
    }
    row++;
    const ok = externalIdSchema.safeParse(value);
    if (ok.success) ids.push({ row, id: ok.data });
    else errors.push({ row, field: 'externalId', message: `'${value.slice(0, 64)}': ${ok.error.issues[0].message}` });
    if (ids.length >= BATCH) {
      yield { ids, errors };
      ids = [];
      errors = [];
    }
  }
  if (ids.length || errors.length) yield { ids, errors };
}
