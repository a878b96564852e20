// What the customer routes answer (the wire shapes of customers.service.ts and customer-context.service.ts).
import { z } from 'zod';
import { contactViewSchema } from '../../contacts/dto/contact.schemas';
import { dateTime, page, uuid } from '../../openapi/wire';

export const customerViewSchema = z.object({
  externalId: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable().describe('E.164'),
  name: z.string().nullable(),
  locale: z.string(),
  timezone: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  createdAt: dateTime,
  updatedAt: dateTime,
});

export const customerPageSchema = page(customerViewSchema);
export const upsertCountsSchema = z.object({ created: z.number().int(), updated: z.number().int() });
export const erasedSchema = z.object({ erased: z.literal(true), notificationsAnonymised: z.number().int() });

const noticeSchema = z.object({
  step: z.string().nullable(),
  channel: z.string().nullable(),
  state: z.string().nullable(),
  to: z.string().nullable(),
  createdAt: dateTime.nullable(),
  sentAt: dateTime.nullable(),
  deliveredAt: dateTime.nullable(),
  failedAt: dateTime.nullable(),
  problem: z.string().nullable().describe('in plain words, for the caller'),
  error: z.string().nullable().describe("the provider's own words"),
});

export const customerContextSchema = z.object({
  customer: customerViewSchema,
  suppressed: z.array(z.object({ channel: z.string(), address: z.string(), since: dateTime, problem: z.string().nullable(), reason: z.string().nullable() })),
  incidents: z.array(
    z.object({
      id: uuid,
      title: z.string(),
      state: z.string(),
      severity: z.string(),
      declaredAt: dateTime,
      reached: z.boolean(),
      reachedBy: z.array(z.string()),
      opened: z.boolean(),
      openedAt: dateTime.nullable(),
      acknowledged: z.boolean(),
      acknowledgedAt: dateTime.nullable(),
      notices: z.array(noticeSchema),
    }),
  ),
  script: z
    .object({
      incidentId: uuid,
      title: z.string(),
      state: z.string(),
      facts: z.record(z.string(), z.unknown()),
      say: z.array(z.string()),
      // what the customer's notice page shows of the incident's published updates and answers
      updates: z
        .array(z.object({ number: z.number().int(), locale: z.string(), paragraphs: z.array(z.string()), text: z.string(), iso: dateTime, time: z.string(), editedIso: dateTime.nullable(), edited: z.string().nullable() }))
        .optional(),
      answers: z.array(z.object({ number: z.number().int(), locale: z.string(), question: z.string(), answer: z.string(), paragraphs: z.array(z.string()) })).optional(),
    })
    .nullable()
    .describe('what the agent says, for the current incident; null when none touches this customer'),
  recentContacts: z.array(contactViewSchema).describe("the customer's latest contacts, newest first"),
  offers: z
    .array(
      z.object({
        offer: z.string(),
        title: z.string(),
        incidentId: uuid,
        expiresAt: dateTime.nullable(),
        assignedAt: dateTime,
        claimed: z.boolean(),
        claimedAt: dateTime.nullable(),
        codeEnding: z.string().nullable().describe('the last characters of the code, to confirm it with the customer'),
      }),
    )
    .describe('remedy offers assigned to the customer'),
});
