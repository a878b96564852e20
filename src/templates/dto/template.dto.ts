import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CHANNELS } from '../template-fields';

export { CHANNELS };
export type { Channel } from '../template-fields';

/** Channels the dispatch pipeline can send on today (templates can be written for all of CHANNELS). */
export const SENDABLE_CHANNELS = ['email', 'sms', 'webhook'] as const;

export const templateKeySchema = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lower-case letters, digits, . _ - (max 64)');
export const channelSchema = z.enum(CHANNELS, { error: `channel must be one of: ${CHANNELS.join(', ')}` });
export const sendableChannelSchema = z.enum(SENDABLE_CHANNELS, {
  error: `channel must be one of: ${SENDABLE_CHANNELS.join(', ')} (page steps cannot be sent: the notice page is linked from every email and SMS)`,
});
export const localeParamSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'locale such as en or fr-CA')
  .transform((v) => Intl.getCanonicalLocales(v)[0]);

// `facts.name?`: an optional fact (used under {{#if}}), never required at declaration, e.g. the reasons for a late GDPR notice
const variableSchema = z.string().regex(/^(customer|incident|notice|offer)(\.[A-Za-z0-9_]+)+$|^facts(\.[A-Za-z0-9_]+)+\??$/, 'customer.*, incident.*, facts.* (facts.name? when optional), notice.* or offer.*');

export const MAX_FIELD = { subject: 1000, html: 200_000, text: 100_000, body: 100_000 } as const;

export const putTemplateSchema = z.strictObject({
  subject: z.string().min(1).max(MAX_FIELD.subject).optional(),
  html: z.string().min(1).max(MAX_FIELD.html).optional(),
  text: z.string().min(1).max(MAX_FIELD.text).optional(),
  body: z.string().min(2).max(MAX_FIELD.body).optional(),
  variables: z.array(variableSchema).max(200).default([]),
});
export type PutTemplate = z.infer<typeof putTemplateSchema>;
export class PutTemplateDto extends createZodDto(putTemplateSchema) {}

/** Kept for the shipped-template check: an email template body. */
export const putEmailTemplateSchema = putTemplateSchema.required({ subject: true, html: true, text: true });

const sampleCustomerSchema = z.strictObject({
  externalId: z.string().max(128).optional(),
  name: z.string().max(200).nullable().optional(),
  email: z.string().max(254).nullable().optional(),
  phone: z.string().max(20).nullable().optional(),
  locale: z.string().max(35).optional(),
  timezone: z.string().max(64).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(z.string()).optional(),
});

const sampleIncidentSchema = z.strictObject({
  title: z.string().max(200).optional(),
  type: z.string().max(64).optional(),
  severity: z.string().max(16).optional(),
  awareAt: z.iso.datetime({ offset: true }).optional(),
  declaredAt: z.iso.datetime({ offset: true }).optional(),
  jurisdictions: z.array(z.string()).optional(),
});

const factsSchema = z.record(z.string(), z.union([z.string().max(10_000), z.number(), z.boolean()])).default({});

/** Render a template (inline or saved) for a sample or a real customer. */
export const previewSchema = z
  .strictObject({
    channel: channelSchema,
    locale: localeParamSchema.optional(),
    template: putTemplateSchema.optional(),
    key: templateKeySchema.optional(),
    version: z.number().int().min(1).optional(),
    customer: z.union([z.strictObject({ externalId: z.string().min(1).max(128) }), z.strictObject({ sample: sampleCustomerSchema })]).optional(),
    incident: sampleIncidentSchema.optional(),
    facts: factsSchema,
  })
  .refine((p) => !!p.template !== !!p.key, { message: 'give either template (inline sources) or key (a saved template)', path: ['template'] });
export type PreviewInput = z.infer<typeof previewSchema>;
export class PreviewTemplateDto extends createZodDto(previewSchema) {}

export const testSendSchema = z.strictObject({
  to: z.email({ message: 'must be an email address' }).max(254),
  locale: localeParamSchema.default('en'),
  version: z.number().int().min(1).optional(),
  customer: z.union([z.strictObject({ externalId: z.string().min(1).max(128) }), z.strictObject({ sample: sampleCustomerSchema })]).optional(),
  incident: sampleIncidentSchema.optional(),
  facts: factsSchema,
});
export type TestSendInput = z.infer<typeof testSendSchema>;
export class TestSendDto extends createZodDto(testSendSchema) {}

export const diffQuerySchema = z.strictObject({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
export class DiffQueryDto extends createZodDto(diffQuerySchema) {}
