import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MAX_PAGE } from '../../common/pagination.dto';

const text = z.string().min(1).max(200);

export const listAuditSchema = z.strictObject({
  action: text.optional(),
  entityType: text.optional(),
  entityId: text.optional(),
  actorId: z.uuid().optional(),
  incidentId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  to: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  /** the id of the last row of the previous page (rows come newest first) */
  cursor: z.string().regex(/^\d{1,19}$/, 'the nextCursor of the previous page').optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
  /** `ndjson`: every matching row, one JSON object per line (also chosen by Accept: application/x-ndjson) */
  format: z.enum(['json', 'ndjson']).optional(),
});
export class ListAuditDto extends createZodDto(listAuditSchema) {}
