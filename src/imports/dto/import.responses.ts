// What the import routes answer (imports.controller.ts, imports.service.ts).
import { z } from 'zod';
import { dateTime, uuid } from '../../openapi/wire';

export const importAcceptedSchema = z.object({
  importId: uuid,
  status: z.enum(['running', 'completed', 'failed']),
  statusUrl: z.string().describe('GET it to follow the import'),
});

const rowProblem = z.object({ row: z.number().int(), line: z.number().int().nullable(), field: z.string().nullable(), message: z.string() }).describe('a row problem: its row, line in the file, field and message');

export const importStatusSchema = z.object({
  id: uuid,
  status: z.enum(['running', 'completed', 'failed']),
  phase: z.string().describe('uploading → queued → parsing → applying → done'),
  format: z.string(),
  mode: z.string(),
  dryRun: z.boolean(),
  bytes: z.number().int(),
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  rowsRejected: z.number().int(),
  created: z.number().int().describe('in a dry run: what would be created'),
  updated: z.number().int(),
  failure: z.string().nullable(),
  errors: z.array(rowProblem),
  warnings: z.array(rowProblem),
  errorsTruncated: z.boolean(),
  warningsTruncated: z.boolean(),
  createdAt: dateTime,
  startedAt: dateTime.nullable(),
  finishedAt: dateTime.nullable(),
});
