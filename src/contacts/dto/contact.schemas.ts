import { z } from 'zod';

/** Channels an agent or a CRM logs; `notice_page` contacts come from the customer's notice page only. */
export const AGENT_CHANNELS = ['phone', 'chat', 'email', 'social', 'in_person'] as const;
export const ALL_CHANNELS = [...AGENT_CHANNELS, 'notice_page'] as const;
export type ContactChannelName = (typeof ALL_CHANNELS)[number];

/** The reserved reason key: no list entry, the contact says why in `reasonText`. */
export const OTHER_REASON = 'other';
export const MAX_NOTE = 1000;
export const MAX_REASON_TEXT = 200;
export const MAX_INCIDENTS_PER_CONTACT = 20;

export const reasonKeySchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, at most 63')
  .refine((k) => k !== OTHER_REASON, `'${OTHER_REASON}' is reserved`);

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), 'control characters are not allowed');

/** What an agent or a CRM sends to log one contact (POST /customers/{externalId}/contacts and the console form). */
export const logContactSchema = z
  .strictObject({
    channel: z.enum(AGENT_CHANNELS).describe('how the customer got in touch'),
    reason: z.string().trim().min(1).max(63).describe(`a reason key from GET /contact-reasons, or '${OTHER_REASON}' with reasonText`),
    reasonText: oneLine(MAX_REASON_TEXT).optional().describe(`required when reason is '${OTHER_REASON}'`),
    note: z.string().trim().max(MAX_NOTE).optional().describe('a short note (personal data: erased with the customer, never logged)'),
    resolved: z.boolean().default(false).describe('the question was answered during the contact'),
    incidentIds: z.array(z.uuid()).max(MAX_INCIDENTS_PER_CONTACT).optional().describe('the incidents it relates to (default: the open incidents touching the customer)'),
    at: z.iso.datetime({ offset: true }).optional().describe('when the contact happened (default: now), e.g. a call logged after it ended'),
  })
  .refine((c) => c.reason !== OTHER_REASON || !!c.reasonText, { path: ['reasonText'], message: `reasonText is required when reason is '${OTHER_REASON}'` });
export type LogContactInput = z.infer<typeof logContactSchema>;

export const createReasonSchema = z.strictObject({
  key: reasonKeySchema,
  label: oneLine(120),
  position: z.number().int().min(0).max(100_000).optional(),
});
export const updateReasonSchema = z
  .strictObject({ label: oneLine(120).optional(), position: z.number().int().min(0).max(100_000).optional(), archived: z.boolean().optional() })
  .refine((u) => Object.keys(u).length > 0, 'nothing to change');

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const listContactsQuerySchema = z.strictObject({
  cursor: z.string().max(256).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  channel: z.enum(ALL_CHANNELS).optional(),
  reason: z.string().trim().max(63).optional(),
  resolved: booleanQuery.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type ListContactsQuery = z.infer<typeof listContactsQuerySchema>;

export const summaryQuerySchema = z.strictObject({
  bucket: z.enum(['hour', 'day']).optional().describe('bucket size (default: hour for the first 3 days of an incident, then day)'),
});

// ---- answers (for OpenAPI and for the shape every surface shares)

export const contactViewSchema = z.object({
  id: z.uuid(),
  customer: z.object({ externalId: z.string() }),
  channel: z.enum(ALL_CHANNELS),
  reason: z.object({ key: z.string(), label: z.string() }).describe(`'${OTHER_REASON}' with reasonText as label when no list entry fits`),
  note: z.string().nullable(),
  resolved: z.boolean(),
  loggedBy: z.object({ id: z.string().nullable(), name: z.string().nullable() }).describe('the API key or console user; null id for the notice page (the customer)'),
  at: z.string().describe('ISO time of the contact'),
  incidentIds: z.array(z.uuid()),
});
export const contactPageSchema = z.object({ items: z.array(contactViewSchema), nextCursor: z.string().nullable() });
export const reasonViewSchema = z.object({ id: z.uuid(), key: z.string(), label: z.string(), position: z.number().int(), archived: z.boolean() });
export const reasonListSchema = z.object({ items: z.array(reasonViewSchema) });
export const contactSummarySchema = z.object({
  incidentId: z.uuid(),
  bucket: z.enum(['hour', 'day']),
  total: z.number().int(),
  overTime: z.array(z.object({ start: z.string(), contacts: z.number().int() })).describe('every bucket from the declaration (or first contact) to now, zeros included'),
  byChannel: z.record(z.string(), z.number().int()),
  topReasons: z.array(z.object({ key: z.string(), label: z.string(), contacts: z.number().int(), share: z.number() })).describe('most frequent first, at most 10; share of all contacts of the incident'),
  effort: z.object({
    contacts: z.number().int(),
    customersWhoContacted: z.number().int(),
    reached: z.number().int().describe('customers reached, from the reach report (src/common/reach-definition.ts)'),
    contactsPerReachedCustomer: z.number().nullable().describe('contacts / reached, 2 decimals; null while nobody is reached'),
  }),
});
