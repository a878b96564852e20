// The declare wizard's form (flat HTML fields) as the body of a declare request. Only the shape changes
// here: every rule is checked by DeclareIncidentCommand, exactly as for the API.
import { Readable } from 'node:stream';
import { z } from 'zod';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { MAX_AFFECTED_IN_REQUEST } from '../../incidents/declare-incident/declare-incident.command';
import { readExternalIds, RowError } from '../../incidents/add-affected/affected-file';

export const FACT_PREFIX = 'fact.';

const str = z.string().max(1_000_000).optional();
const formSchema = z.object({
  title: str,
  type: str,
  severity: str,
  awareAt: str,
  materialityAt: str,
  determinedAt: str,
  jurisdictions: str,
  affectedMode: z.enum(['filter', 'list']).default('list'),
  filterField: str,
  filterOp: z.enum(['eq', 'in', 'exists']).default('eq'),
  filterValue: str,
  filterJson: str,
  externalIds: str,
});
export type DeclareForm = z.infer<typeof formSchema> & { facts: Record<string, string> };

export function readDeclareForm(raw: Record<string, unknown>): DeclareForm {
  const r = formSchema.safeParse(raw);
  if (!r.success) throw new AppException(ErrorCode.ValidationFailed, `${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`);
  const facts: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (k.startsWith(FACT_PREFIX) && typeof v === 'string' && v.trim()) facts[k.slice(FACT_PREFIX.length)] = v.trim();
  return { ...r.data, facts };
}

/** `2026-11-26T08:00` from a datetime-local input is UTC (the form says so); a full ISO string passes through. */
export function utcFromInput(v: string | undefined): string | undefined {
  const s = v?.trim();
  if (!s) return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) ? `${s.length === 16 ? s + ':00' : s}Z` : s;
}

/** The value a datetime-local input shows for a moment: UTC, to the minute. */
export const inputFromDate = (d: Date) => d.toISOString().slice(0, 16);

/** The audience filter the form describes: the advanced JSON when given, else the one-condition builder. */
export function filterFromForm(f: Pick<DeclareForm, 'filterField' | 'filterOp' | 'filterValue' | 'filterJson'>): unknown {
  if (f.filterJson?.trim()) {
    try {
      return JSON.parse(f.filterJson);
    } catch (e) {
      throw new AppException(ErrorCode.FilterInvalid, `The filter is not valid JSON: ${(e as Error).message}`);
    }
  }
  const field = f.filterField?.trim();
  if (!field) throw new AppException(ErrorCode.FilterInvalid, 'Choose the field the filter looks at (tags, locale, timezone or attributes.<name>)');
  const value = (f.filterValue ?? '').trim();
  if (f.filterOp === 'exists') return { field, exists: true };
  if (f.filterOp === 'in') return { field, in: value.split(',').map((x) => x.trim()).filter(Boolean) };
  return { field, eq: value };
}

/** A pasted or uploaded list of externalIds, read like the API's affected-file upload (row numbers for errors). */
export async function externalIdsFromText(text: string | undefined): Promise<{ ids: string[]; errors: RowError[] }> {
  const ids: string[] = [];
  const errors: RowError[] = [];
  for await (const batch of readExternalIds(Readable.from([text ?? '']))) {
    ids.push(...batch.ids.map((r) => r.id));
    errors.push(...batch.errors);
    if (ids.length > MAX_AFFECTED_IN_REQUEST) break;
  }
  return { ids, errors };
}

/** The declare request body (unvalidated: DeclareIncidentCommand.create checks it). */
export async function declareBodyFromForm(runbook: string, f: DeclareForm): Promise<Record<string, unknown>> {
  let affected: unknown;
  if (f.affectedMode === 'filter') affected = { filter: filterFromForm(f) };
  else {
    const { ids, errors } = await externalIdsFromText(f.externalIds);
    if (errors.length) {
      throw new AppException(ErrorCode.ValidationFailed, `${errors.length} line(s) of the customer list are not externalIds`, errors.slice(0, 50).map((e) => ({ path: `affected, row ${e.row}`, message: e.message })));
    }
    if (!ids.length) throw new AppException(ErrorCode.ValidationFailed, 'The customer list is empty: paste or upload the externalIds of the affected customers');
    affected = { externalIds: ids };
  }
  const jurisdictions = (f.jurisdictions ?? '').split(/[\s,;]+/).map((j) => j.trim().toUpperCase()).filter(Boolean);
  return {
    runbook,
    title: f.title ?? '',
    ...(f.type?.trim() ? { type: f.type.trim() } : {}),
    severity: f.severity ?? '',
    awareAt: utcFromInput(f.awareAt) ?? '',
    ...(utcFromInput(f.materialityAt) ? { materialityAt: utcFromInput(f.materialityAt) } : {}),
    ...(utcFromInput(f.determinedAt) ? { determinedAt: utcFromInput(f.determinedAt) } : {}),
    jurisdictions,
    facts: f.facts,
    affected,
  };
}
