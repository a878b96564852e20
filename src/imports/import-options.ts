import { z } from 'zod';
import { isRegion } from '../customers/normalise/phone.util';
import { IMPORT_ENCODINGS, ImportEncoding } from './read/decode';

/** Options of one import, from the query string of the upload (or the CLI flags). */
export const importOptionsSchema = z.strictObject({
  mode: z.enum(['valid-only', 'all-or-nothing']).default('valid-only'),
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .or(z.boolean())
    .default(false),
  format: z.enum(['csv', 'ndjson']).optional(),
  /** CSV only; sniffed from the header row when absent */
  delimiter: z.enum([',', ';', 'tab']).transform((d) => (d === 'tab' ? '\t' : d)).optional(),
  /** region for phone numbers written without an international prefix; overrides DEFAULT_PHONE_REGION */
  region: z
    .string()
    .toUpperCase()
    .refine((r) => isRegion(r), 'is not a known region code (e.g. FR, US, GB)')
    .optional(),
  unknownColumns: z.enum(['attributes', 'reject']).default('attributes'),
  /** the file's encoding; absent: UTF-8, or UTF-16 when a BOM or the bytes say so */
  encoding: z
    .string()
    .trim()
    .toLowerCase()
    .transform((e) => ({ utf8: 'utf-8', cp1252: 'windows-1252', 'iso-8859-1': 'latin1', utf16le: 'utf-16le', utf16be: 'utf-16be' })[e] ?? e)
    .pipe(z.enum(IMPORT_ENCODINGS, { error: `is not an encoding Tocsin reads: give one of ${IMPORT_ENCODINGS.join(', ')}` }))
    .optional(),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

/** What is stored with the import and read back by the worker. */
export interface StoredImportOptions {
  delimiter?: string;
  region?: string;
  unknownColumns: 'attributes' | 'reject';
  /** named by the caller, or detected from the first bytes at upload */
  encoding?: ImportEncoding;
}

/** The format from the Content-Type, unless the caller said `format=`. */
export function formatOf(contentType: string | undefined, explicit?: 'csv' | 'ndjson'): 'csv' | 'ndjson' | null {
  if (explicit) return explicit;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  if (['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines'].includes(type)) return 'ndjson';
  return null;
}
