// What the template routes answer (templates.service.ts, template-preview.service.ts).
import { z } from 'zod';
import { dateTime, uuid } from '../../openapi/wire';
import { channelSchema } from './template.dto';

const smsSizeSchema = z.object({ encoding: z.enum(['GSM-7', 'UCS-2']), characters: z.number().int(), segments: z.number().int() });

export const templateVersionSchema = z.object({
  id: uuid,
  key: z.string(),
  channel: channelSchema,
  locale: z.string(),
  version: z.number().int(),
  subject: z.string().optional(),
  html: z.string().optional(),
  text: z.string().optional(),
  body: z.string().optional().describe('webhook channel: the JSON body template'),
  variables: z.array(z.string()),
  createdAt: dateTime,
  createdBy: z.string().nullable(),
  sms: smsSizeSchema.optional().describe('sms channel: its encoding and segment count'),
});

export const templateHistorySchema = z.object({
  latest: templateVersionSchema,
  versions: z.array(z.object({ version: z.number().int(), createdAt: dateTime, createdBy: z.string().nullable() })),
});

export const templateListSchema = z.array(
  z.object({ key: z.string(), channel: channelSchema, locale: z.string(), version: z.number().int(), createdAt: dateTime, createdByName: z.string().nullable() }),
);

export const templateDiffSchema = z.object({
  key: z.string(),
  channel: channelSchema,
  locale: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  changed: z.array(z.string()),
  changes: z.record(z.string(), z.string()).describe('field → unified diff'),
});

export const templatePreviewSchema = z.object({
  channel: channelSchema,
  templateVersion: z.number().int().optional(),
  subject: z.string().optional(),
  title: z.string().optional(),
  html: z.string().optional(),
  text: z.string().optional(),
  body: z.unknown().optional().describe('webhook channel: the rendered JSON body'),
  sms: smsSizeSchema.optional(),
});

export const testSendSchema = z.object({ sent: z.literal(true), to: z.string(), messageId: z.string(), templateVersion: z.number().int(), subject: z.string() });
