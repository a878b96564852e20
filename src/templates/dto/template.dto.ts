import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const CHANNELS = ['email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const templateKeySchema = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lower-case letters, digits, . _ - (max 64)');
export const channelSchema = z.enum(CHANNELS, { error: `channel must be one of: ${CHANNELS.join(', ')} (sms, webhook and page are not supported yet)` });
export const localeParamSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'locale such as en or fr-CA')
  .transform((v) => Intl.getCanonicalLocales(v)[0]);

const variableSchema = z.string().regex(/^(customer|incident|facts)\.[A-Za-z0-9_.]+$/, 'customer.*, incident.* or facts.*');

export const putEmailTemplateSchema = z.strictObject({
  subject: z.string().min(1).max(1000),
  html: z.string().min(1).max(200_000),
  text: z.string().min(1).max(100_000),
  variables: z.array(variableSchema).max(200).default([]),
});
export class PutEmailTemplateDto extends createZodDto(putEmailTemplateSchema) {}
