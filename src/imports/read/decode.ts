import iconv from 'iconv-lite';

/**
 * Encodings an import may be in. LibreOffice's and Excel's default "CSV" is Windows-1252 ("ANSI"), or
 * UTF-16LE for Excel's "Unicode text". `latin1` is read as Windows-1252, as browsers do (WHATWG): in real
 * files bytes 0x80–0x9F are €, ’, œ… and never the C1 control characters ISO-8859-1 puts there.
 */
export const IMPORT_ENCODINGS = ['utf-8', 'windows-1252', 'latin1', 'utf-16le', 'utf-16be'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

const DECODER_NAME: Record<ImportEncoding, string> = {
  'utf-8': 'utf-8',
  'windows-1252': 'windows-1252',
  latin1: 'windows-1252',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** Bytes of the first piece looked at to tell UTF-16 without a BOM from an 8-bit file. */
const SNIFF_BYTES = 4096;

/**
 * The encoding of a file the caller did not name: a BOM says it; without one, UTF-16 is told by its zero
 * bytes (a CSV header is ASCII, so every other byte of UTF-16 text is 0, on the odd side for little-endian).
 * Anything else is read as UTF-8, whose reader refuses bytes that are not UTF-8 with a clear message.
 */
export function detectEncoding(first: Buffer): ImportEncoding {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return 'utf-8';
  const sample = first.subarray(0, SNIFF_BYTES - (Math.min(first.length, SNIFF_BYTES) % 2));
  if (sample.length < 4) return 'utf-8';
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  // mostly-ASCII text: most pairs have a zero on one side and almost none on the other
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return 'utf-8';
}

/**
 * Decodes the stored upload piece by piece into UTF-8, the one encoding the readers take. The decoder keeps
 * the bytes of a character split between two pieces (a UTF-16 pair, a surrogate) for the next one, so memory
 * stays one piece whatever the file's size. UTF-8 passes through untouched: its reader checks it strictly.
 */
export async function* decodeToUtf8(source: AsyncIterable<Buffer>, encoding: ImportEncoding | undefined): AsyncGenerator<Buffer> {
  if (!encoding || encoding === 'utf-8') {
    yield* source;
    return;
  }
  const decoder = iconv.getDecoder(DECODER_NAME[encoding]); // strips a BOM
  for await (const piece of source) {
    const text = decoder.write(piece);
    if (text) yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.end();
  if (rest) yield Buffer.from(rest, 'utf8');
}

/** The start of a file as text, for the header check at upload (the rest is decoded by the worker). */
export function decodeFirst(first: Buffer, encoding: ImportEncoding | undefined): Buffer {
  if (!encoding || encoding === 'utf-8') return first;
  return Buffer.from(iconv.getDecoder(DECODER_NAME[encoding]).write(first), 'utf8');
}
