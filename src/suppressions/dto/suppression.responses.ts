// What the suppression routes answer (suppressions.service.ts).
import { z } from 'zod';
import { dateTime, page, uuid } from '../../openapi/wire';

export const suppressionViewSchema = z.object({
  channel: z.string(),
  address: z.string(),
  reason: z.string(),
  createdAt: dateTime,
  customer: z.object({ externalId: z.string(), name: z.string().nullable() }).nullable(),
  incidentId: uuid.nullable(),
  notificationId: uuid.nullable(),
});

export const suppressionPageSchema = page(suppressionViewSchema);
export const liftedSchema = z.object({ lifted: suppressionViewSchema });
