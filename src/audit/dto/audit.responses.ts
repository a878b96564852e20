// What the audit routes answer (audit.service.ts).
import { z } from 'zod';
import { dateTime, page, uuid } from '../../openapi/wire';

export const auditEntrySchema = z.object({
  id: z.string().describe('a decimal sequence number'),
  at: dateTime,
  actor: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  origin: z.string().nullable(),
  action: z.string(),
  entity: z.object({ type: z.string(), id: z.string() }),
  incidentId: uuid.nullable(),
  data: z.unknown(),
  hash: z.string().nullable(),
});

export const auditPageSchema = page(auditEntrySchema);

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  head: z.object({ lastId: z.string().nullable(), lastHash: z.string() }),
  broken: z.object({ id: z.string(), problem: z.enum(['edited', 'unlinked', 'unchained']), message: z.string() }).optional(),
});
