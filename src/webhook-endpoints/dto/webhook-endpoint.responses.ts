// What the webhook endpoint routes answer (webhook-endpoints.service.ts): the secret only when it is made.
import { z } from 'zod';
import { dateTime, page } from '../../openapi/wire';

export const webhookEndpointSchema = z.object({
  key: z.string(),
  name: z.string(),
  url: z.string(),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  disabledAt: dateTime.nullable(),
  secretPrefix: z.string().describe('the first characters of the signing secret'),
  previousSecretUntil: dateTime.nullable().describe('until then the previous secret signs too'),
  createdAt: dateTime,
  updatedAt: dateTime,
});

export const webhookEndpointWithSecretSchema = webhookEndpointSchema.extend({ secret: z.string().describe('the signing secret: in this answer only') });
export const webhookEndpointPageSchema = page(webhookEndpointSchema);
