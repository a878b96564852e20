// What the marketing hold routes answer (holds.service.ts).
import { z } from 'zod';
import { dateTime, uuid } from '../openapi/wire';

export const holdViewSchema = z.object({
  externalId: z.string(),
  onHold: z.boolean(),
  until: dateTime.nullable().describe('when the hold ends; null while an incident touching the customer is open (or when not on hold)'),
  incidents: z.array(z.object({ id: uuid, title: z.string(), state: z.string(), declaredAt: dateTime, until: dateTime.nullable() })),
});

export const holdSyncLineSchema = z.union([
  z.object({ externalId: z.string(), onHold: z.literal(true), until: dateTime.nullable() }),
  z.object({ externalId: z.string(), onHold: z.literal(false), releasedAt: dateTime.nullable() }),
]);
