// Turns one record of an import file into a customer row ready for staging, or the reasons it is refused.
// Plain functions on purpose: this runs a million times per big import, and is unit-tested on its own.
import { normaliseEmail } from '../../customers/normalise/email.util';
import { normaliseLocale, normaliseTimezone } from '../../customers/normalise/locale.util';
import { normalisePhone } from '../../customers/normalise/phone.util';
import { SourceRecord } from '../read/source-record';

export const FIELDS = ['externalId', 'email', 'phone', 'name', 'locale', 'timezone', 'attributes', 'tags'] as const;
export type Field = (typeof FIELDS)[number];
/** Bit per field in `present`: an absent field keeps the stored value when the customer already exists. */
export const PRESENT_BIT: Record<Exclude<Field, 'externalId'>, number> = { email: 1, phone: 2, name: 4, locale: 8, timezone: 16, attributes: 32, tags: 64 };

const HEADER_ALIASES: Record<string, Field> = {
  externalid: 'externalId',
  email: 'email',
  emailaddress: 'email',
  phone: 'phone',
  phonenumber: 'phone',
  mobile: 'phone',
  name: 'name',
  fullname: 'name',
  locale: 'locale',
  language: 'locale',
  timezone: 'timezone',
  tz: 'timezone',
  tags: 'tags',
  attributes: 'attributes',
};

export type UnknownColumns = 'attributes' | 'reject';

export interface RowOptions {
  defaultRegion?: string;
  unknownColumns: UnknownColumns;
}

export interface StagedRow {
  row: number;
  external_id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  locale: string | null;
  timezone: string | null;
  attributes: Record<string, unknown> | null;
  tags: string[] | null;
  present: number;
}

export interface RowError {
  row: number;
  line: number;
  field: string | null;
  message: string;
}

export type CheckedRow = { ok: true; row: StagedRow } | { ok: false; errors: RowError[] };

/** How each CSV column is read: a known field or an attribute named after the header. */
export type ColumnMap = ({ field: Field } | { attribute: string })[];

const EXTERNAL_ID = /^[A-Za-z0-9._:@+\-]{1,128}$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const MAX_ATTRIBUTES_JSON = 16 * 1024;
/** U+FFFD is what a decoder leaves where bytes were not UTF-8: the file is in another encoding. */
const GARBLED = '\uFFFD';
/** The end of the message for a file that is not UTF-8: most are a spreadsheet's default "CSV". */
export const OTHER_ENCODING = 'another encoding, such as Windows-1252 (the default "CSV" of Excel and LibreOffice, also called Latin-1)';
export const ENCODING_ADVICE = 'import it with encoding=windows-1252 (CLI: --encoding windows-1252), or export it as UTF-8';

export const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/[\s_\-.]/g, '');

/** Reads the header; refuses a file that has no externalId column, repeats a column, or (by option) has unknown ones. */
export function mapColumns(header: string[], unknownColumns: UnknownColumns): { ok: true; columns: ColumnMap } | { ok: false; message: string } {
  const seen = new Set<string>();
  const columns: ColumnMap = [];
  const unknown: string[] = [];
  for (const raw of header) {
    const name = raw.replace(/^\uFEFF/, '').trim();
    if (name.includes(GARBLED)) return { ok: false, message: `the header row is not valid UTF-8: is the file in ${OTHER_ENCODING}? ${ENCODING_ADVICE}` };
    if (!name) return { ok: false, message: 'the header row has an empty column name' };
    const field = HEADER_ALIASES[normaliseHeader(name)];
    const key = field ?? `attr:${name}`;
    if (seen.has(key)) return { ok: false, message: `the column '${name}' appears twice in the header` };
    seen.add(key);
    if (field === 'attributes') return { ok: false, message: "an 'attributes' column is not supported in CSV: give each attribute its own column" };
    if (field) columns.push({ field });
    else {
      if (name.length > 100) return { ok: false, message: `the column name '${name.slice(0, 40)}…' is longer than 100 characters` };
      unknown.push(name);
      columns.push({ attribute: name });
    }
  }
  if (!seen.has('externalId')) return { ok: false, message: "the header has no 'externalId' column (also accepted: external_id)" };
  if (unknown.length && unknownColumns === 'reject') {
    return { ok: false, message: `unknown column(s): ${unknown.join(', ')} (import with unknownColumns=attributes to keep them as attributes)` };
  }
  return { ok: true, columns };
}

/** A CSV record as the same shape an NDJSON object has, so one checker serves both formats. */
export function csvToObject(values: string[], columns: ColumnMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let attributes: Record<string, string> | undefined;
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    const v = values[i];
    if ('field' in c) {
      if (c.field === 'tags') out.tags = v.split('|').map((t) => t.trim()).filter(Boolean);
      else out[c.field] = v.trim() === '' && c.field !== 'externalId' ? null : v;
    } else {
      attributes ??= {};
      if (v.trim() !== '') attributes[c.attribute] = v;
    }
  }
  if (attributes) out.attributes = attributes;
  return out;
}

export function checkRecord(rec: SourceRecord, columns: ColumnMap | null, opts: RowOptions): CheckedRow {
  const fail = (field: string | null, message: string): CheckedRow => ({ ok: false, errors: [{ row: rec.row, line: rec.line, field, message }] });
  if (rec.error || !rec.values) return fail(null, rec.error ?? 'unreadable record');
  const obj = Array.isArray(rec.values) ? csvToObject(rec.values, columns!) : rec.values;
  return checkObject(rec, obj, opts);
}

function checkObject(rec: SourceRecord, obj: Record<string, unknown>, opts: RowOptions): CheckedRow {
  const errors: RowError[] = [];
  const err = (field: string | null, message: string) => errors.push({ row: rec.row, line: rec.line, field, message });
  const out: StagedRow = { row: rec.row, external_id: '', email: null, phone: null, name: null, locale: null, timezone: null, attributes: null, tags: null, present: 0 };

  let extraAttributes: Record<string, unknown> | undefined;
  for (const key of Object.keys(obj)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      if (opts.unknownColumns === 'reject') err(key, 'is not a customer field (import with unknownColumns=attributes to keep it as an attribute)');
      else (extraAttributes ??= {})[key] = obj[key];
    }
  }

  const id = obj.externalId;
  if (typeof id === 'number' && Number.isSafeInteger(id)) out.external_id = String(id);
  else if (typeof id !== 'string' || !id.trim()) err('externalId', 'is required');
  else if (id.includes(GARBLED)) err('externalId', garbled(rec));
  else if (!EXTERNAL_ID.test(id.trim())) err('externalId', 'must be 1-128 letters, digits or . _ : @ + -');
  else out.external_id = id.trim();

  const text = (field: 'email' | 'phone' | 'name' | 'locale' | 'timezone', check: (v: string) => { ok: true; value: string } | { ok: false; message: string }) => {
    if (!(field in obj)) return;
    out.present |= PRESENT_BIT[field];
    const v = obj[field];
    if (v === null || v === undefined || v === '') return;
    if (typeof v !== 'string') return err(field, 'must be a string');
    if (v.includes(GARBLED)) return err(field, garbled(rec));
    const r = check(v);
    if (r.ok) out[field] = r.value;
    else err(field, r.message);
  };
  text('email', normaliseEmail);
  text('phone', (v) => normalisePhone(v, opts.defaultRegion));
  text('name', checkName);
  text('locale', normaliseLocale);
  text('timezone', normaliseTimezone);

  if ('tags' in obj || obj.tags !== undefined) {
    out.present |= PRESENT_BIT.tags;
    const tags = obj.tags ?? [];
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) err('tags', 'must be a list of strings');
    else if (tags.length > 100) err('tags', 'at most 100 tags');
    else {
      const bad = tags.find((t) => !t || t.length > 64 || CONTROL.test(t) || t.includes(GARBLED));
      if (bad !== undefined) err('tags', bad.includes(GARBLED) ? garbled(rec) : `'${bad.slice(0, 70)}' must be 1-64 characters without control characters`);
      else out.tags = [...new Set(tags)];
    }
  }

  const given = obj.attributes;
  if (given !== undefined || extraAttributes) {
    out.present |= PRESENT_BIT.attributes;
    if (given !== undefined && given !== null && (typeof given !== 'object' || Array.isArray(given))) err('attributes', 'must be an object');
    else {
      const attributes = { ...(given as Record<string, unknown> | null), ...extraAttributes };
      const json = JSON.stringify(attributes);
      if (json.includes(GARBLED)) err('attributes', garbled(rec));
      else if (json.length > MAX_ATTRIBUTES_JSON) err('attributes', `are larger than ${MAX_ATTRIBUTES_JSON / 1024} KB in total`);
      else if (Object.keys(attributes).some((k) => k.length > 100)) err('attributes', 'names must be at most 100 characters');
      else out.attributes = attributes;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, row: out };
}

function checkName(v: string): { ok: true; value: string } | { ok: false; message: string } {
  if (CONTROL.test(v)) return { ok: false, message: 'must not contain line breaks or other control characters' };
  const t = v.trim();
  if (t.length > 200) return { ok: false, message: `is longer than 200 characters (${t.length})` };
  return { ok: true, value: t };
}

const garbled = (rec: SourceRecord) =>
  `is not valid UTF-8 (line ${rec.line}): the file seems to be in ${OTHER_ENCODING}; ${ENCODING_ADVICE}`;

