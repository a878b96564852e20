import { auth, Harness, waitFor } from '../support/harness';

export interface ImportReport {
  id: string;
  status: 'running' | 'completed' | 'failed';
  phase: string;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  created: number;
  updated: number;
  failure: string | null;
  errors: { row: number; line: number | null; field: string | null; message: string }[];
  warnings: { row: number; line: number | null; field: string | null; message: string }[];
}

/** Uploads a file through the API and waits until the worker has finished with it. */
export async function importFile(h: Harness, body: Buffer | string, opts: { type?: string; query?: string; timeoutMs?: number } = {}): Promise<ImportReport> {
  const res = await h.http
    .post(`/api/v1/customers/import${opts.query ? `?${opts.query}` : ''}`)
    .set(auth())
    .set('Content-Type', opts.type ?? 'text/csv')
    .send(typeof body === 'string' ? Buffer.from(body) : body)
    .expect(202);
  return waitImport(h, res.body.importId, opts.timeoutMs);
}

export function waitImport(h: Harness, id: string, timeoutMs = 60_000): Promise<ImportReport> {
  return waitFor(
    `import ${id} to finish`,
    async () => {
      const r = await h.http.get(`/api/v1/imports/${id}`).set(auth()).expect(200);
      return r.body.status !== 'running' ? (r.body as ImportReport) : null;
    },
    timeoutMs,
  );
}
