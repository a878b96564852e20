import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { FatalReadError, SourceRecord } from './source-record';

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
/** A record longer than this means a runaway quote, not data: stop instead of buffering the rest of the file. */
const MAX_RECORD_BYTES = 2 * 1024 * 1024;
const PARSE_SLICE_BYTES = 16 * 1024;

export interface CsvHeader {
  delimiter: string;
  columns: string[];
}

/** The delimiter used most in the first line (outside quotes): `,` `;` or tab. */
export function sniffDelimiter(firstBytes: Buffer): string {
  const text = firstBytes.subarray(0, 64 * 1024).toString('utf8');
  const counts = new Map<string, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/**
 * Streams CSV records with csv-parse (BOM, CRLF or LF, quoted delimiters and newlines, `""` escapes).
 * The first record is the header, handed to `onHeader` before any data record is yielded. Rows with the
 * wrong number of cells are yielded with an error; a structurally broken file throws FatalReadError.
 */
export async function* csvRecords(
  source: AsyncIterable<Buffer>,
  opts: { delimiter?: string; onHeader: (h: CsvHeader) => void },
): AsyncGenerator<SourceRecord> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done || !first.value.length) throw new FatalReadError('the file is empty', 1);
  const delimiter = opts.delimiter ?? sniffDelimiter(first.value);

  // The parser turns all it is given at once into records, ignoring backpressure within one piece: a stored
  // 1 MB piece would become ~10,000 records waiting at once, old enough by the time they are read to be
  // promoted and to swell the heap. Small slices keep records short-lived and memory flat.
  async function* all(): AsyncGenerator<Buffer> {
    for (let n: IteratorResult<Buffer> = first; !n.done; n = await it.next()) {
      for (let i = 0; i < n.value.length; i += PARSE_SLICE_BYTES) yield n.value.subarray(i, i + PARSE_SLICE_BYTES);
    }
  }
  const parser = Readable.from(all()).pipe(
    parse({
      bom: true,
      delimiter,
      info: true,
      raw: true, // to count line breaks ourselves: csv-parse counts a quoted CR LF as two lines
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_BYTES,
    }),
  );

  let header: string[] | null = null;
  let row = 0;
  let newlines = 0; // line breaks in the records read so far, their own delimiters included
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const { blank, rest } = splitBlankLines(raw);
      const line = 1 + newlines + blank; // where this record starts
      // the raw record includes its delimiter, except the last character of a CR LF (a csv-parse quirk)
      newlines += blank + countNewlines(rest) + (rest.endsWith('\n') ? 0 : 1);
      // LibreOffice and Excel write an empty spreadsheet row as delimiters only (`;;;`): blank, like an empty line
      if (record.every((cell) => cell.trim() === '')) continue;
      if (!header) {
        header = record;
        opts.onHeader({ delimiter, columns: record });
        continue;
      }
      row++;
      if (record.length !== header.length) {
        yield { row, line, values: null, error: `has ${record.length} cells but the header has ${header.length}` };
        continue;
      }
      yield { row, line, values: record };
    }
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new FatalReadError(`CSV cannot be read after data row ${row}: ${err.message}`, err.lines ?? 0);
  }
  if (!header) throw new FatalReadError('the file has no header row', 1);
}

/** Blank lines skipped before a record arrive at the start of its raw text (as LF, or as CR in a CR LF file). */
function splitBlankLines(raw: string): { blank: number; rest: string } {
  const lead = /^[\r\n]*/.exec(raw)![0];
  if (!lead) return { blank: 0, rest: raw };
  const lf = countNewlines(lead);
  return { blank: lf || lead.length, rest: raw.slice(lead.length) };
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
