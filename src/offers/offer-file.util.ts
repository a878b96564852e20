import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';

export const CODE_BATCH = 5000;
export const MAX_REPORTED_CODE_ERRORS = 100;
/** A row of a codes file: a 200-character code and a few columns beside it fit many times over. */
export const MAX_CODE_RECORD_BYTES = 64 * 1024;

export interface CodeRowError {
  row: number;
  message: string;
}

/** Printable, no spaces inside, at most 200 characters: what vendors' activation and discount codes look like. */
export const CODE_PATTERN = /^[\x21-\x7E\u00A0-\uFFFF]{1,200}$/;

/**
 * Reads a file of codes, streamed: a CSV whose first column is the code (an optional `code` header), or one
 * code per line. Yields batches of valid codes and the rows refused; the refused rows never carry the code
 * itself (codes are secrets and errors are logged and shown).
 */
export async function* readCodes(body: Readable, csv = true): AsyncGenerator<{ codes: string[]; errors: CodeRowError[] }> {
  // text/plain: a line is the code, whatever it holds (quotes, commas); CSV: the first column
  const format = csv ? { delimiter: [',', ';', '\t'] } : { delimiter: '\u0000', quote: false as const };
  // a record far longer than any code is a runaway quote or a file without line breaks: stop, don't buffer it all
  const parser = body.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: MAX_CODE_RECORD_BYTES, ...format }));
  let row = 0;
  let first = true;
  let codes: string[] = [];
  let errors: CodeRowError[] = [];
  for await (const record of parser as AsyncIterable<string[]>) {
    const value = record[0] ?? '';
    if (first) {
      first = false;
      if (/^(offer_?)?codes?$/i.test(value)) continue; // header
    }
    row++;
    if (CODE_PATTERN.test(value)) codes.push(value);
    else errors.push({ row, message: value.length > 200 ? 'longer than 200 characters' : 'not a code (printable characters without spaces, 1 to 200)' });
    if (codes.length >= CODE_BATCH) {
      yield { codes, errors };
      codes = [];
      errors = [];
    }
  }
  if (codes.length || errors.length) yield { codes, errors };
}
