import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MAX_WEBHOOK_URL } from '../../channels/webhook/ssrf-guard';

/** What runbook steps name in recipients: {"webhook": "<key>"}. */
export const webhookEndpointKeySchema = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lower-case letters, digits, . _ - (max 64)');

const urlField = z.string().trim().min(1).max(MAX_WEBHOOK_URL);

export const createWebhookEndpointSchema = z.strictObject({
  key: webhookEndpointKeySchema,
  name: z.string().trim().min(1).max(200),
  url: urlField,
});
export class CreateWebhookEndpointDto extends createZodDto(createWebhookEndpointSchema) {}

export const updateWebhookEndpointSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    url: urlField.optional(),
    /** true re-enables an endpoint disabled by a 410 (or by hand); false disables it */
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one of name, url, enabled' });
export class UpdateWebhookEndpointDto extends createZodDto(updateWebhookEndpointSchema) {}
