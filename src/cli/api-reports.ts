// What the CLI prints about an import and the audit chain: the objects GET /api/v1/imports/{id} and
// GET /api/v1/audit/verify answer, typed by the generated API types (src/api/openapi-types.ts), so the
// CLI's reading of them and the published contract cannot drift apart without the compiler saying so.
// The CLI runs the use cases in-process (it does not call the HTTP API), hence these types, not a client.
import type { components } from '../api/openapi-types';

type Schemas = components['schemas'];
export type ImportReport = Pick<Schemas['ImportStatus'], 'id' | 'status' | 'dryRun' | 'rowsRead' | 'rowsImported' | 'created' | 'updated' | 'rowsRejected' | 'failure' | 'errors' | 'warnings'>;
export type AuditVerification = Schemas['AuditVerification'];

export function importReportLines(r: ImportReport): string[] {
  const lines = [
    `import ${r.id}: ${r.status}${r.dryRun ? ' (dry run: nothing written)' : ''}`,
    `rows read ${r.rowsRead}, imported ${r.rowsImported} (created ${r.created}, updated ${r.updated}), rejected ${r.rowsRejected}`,
  ];
  if (r.failure) lines.push(`failure: ${r.failure}`);
  for (const e of r.errors.slice(0, 20)) lines.push(`row ${e.row}${e.line ? ` (line ${e.line})` : ''}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
  if (r.errors.length > 20) lines.push(`… and more: GET /api/v1/imports/${r.id} lists up to 1,000`);
  for (const w of r.warnings.slice(0, 5)) lines.push(`warning: row ${w.row} ${w.field ?? ''}: ${w.message}`);
  return lines;
}

/** [exit code, lines for stdout, lines for stderr] */
export function auditVerificationLines(r: AuditVerification): [number, string[], string[]] {
  if (!r.ok) {
    const at = r.broken ? `at row ${r.broken.id} (${r.broken.problem}): ${r.broken.message}` : '';
    return [1, [], [`audit chain BROKEN ${at}`.trim(), `${r.rows} rows before it verified`]];
  }
  return [0, [`audit chain intact: ${r.rows} rows; head ${r.head.lastId ?? '(empty)'} ${r.head.lastHash}`], []];
}
