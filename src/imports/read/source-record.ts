/** One record read from an uploaded file, before any field is checked. */
export interface SourceRecord {
  /** the record's number in the file, first data record = 1 */
  row: number;
  /** the physical line the record starts on, for messages */
  line: number;
  /** CSV: the cells in header order; NDJSON: the parsed object */
  values: string[] | Record<string, unknown> | null;
  /** why the record could not be read at all (it is reported and skipped) */
  error?: string;
}

/** A problem that makes the rest of the file unreadable (e.g. a quote that is never closed). */
export class FatalReadError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}
