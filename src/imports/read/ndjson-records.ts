import { ENCODING_ADVICE, OTHER_ENCODING } from '../row/customer-row';
import { SourceRecord } from './source-record';

const MAX_LINE_BYTES = 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Streams NDJSON (one JSON object per line; LF or CRLF; blank lines ignored). Each line is decoded as strict
 * UTF-8, so a file in another encoding is refused line by line instead of being stored garbled.
 */
export async function* ndjsonRecords(source: AsyncIterable<Buffer>): AsyncGenerator<SourceRecord> {
  let carry: Buffer = Buffer.alloc(0);
  let line = 0;
  let row = 0;
  let oversize = false;

  function* lines(buf: Buffer, final: boolean): Generator<SourceRecord> {
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl !== -1 || (final && start < buf.length); nl = buf.indexOf(0x0a, start)) {
      const end = nl === -1 ? buf.length : nl;
      const raw = buf.subarray(start, end);
      start = end + 1;
      line++;
      if (oversize) {
        oversize = false;
        row++;
        yield { row, line, values: null, error: `line is longer than ${MAX_LINE_BYTES} bytes` };
        continue;
      }
      const rec = parseLine(raw, line === 1);
      if (rec === 'blank') continue;
      row++;
      yield { row, line, ...rec };
      if (nl === -1) break;
    }
    carry = start < buf.length ? buf.subarray(start) : Buffer.alloc(0);
  }

  for await (const chunk of source) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    yield* lines(buf, false);
    if (carry.length > MAX_LINE_BYTES) {
      oversize = true; // keep skipping until the line ends
      carry = Buffer.alloc(0);
    }
  }
  if (carry.length || oversize) yield* lines(carry, true);
}

function parseLine(raw: Buffer, first: boolean): 'blank' | Pick<SourceRecord, 'values' | 'error'> {
  let bytes = raw;
  if (bytes.length && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
  if (first && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { values: null, error: `is not valid UTF-8: is the file in ${OTHER_ENCODING}? ${ENCODING_ADVICE}` };
  }
  if (!text.trim()) return 'blank';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { values: null, error: `is not valid JSON: ${(e as Error).message}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { values: null, error: 'must be a JSON object' };
  return { values: value as Record<string, unknown> };
}
