import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { normaliseEmail } from '../normalise/email.util';
import { normalisePhone } from '../normalise/phone.util';

const noControl = (v: string) => !/[\u0000-\u001f\u007f]/.test(v);

export const externalIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@+\-]+$/, 'letters, digits and . _ : @ + - only');

/** Trimmed, domain lower-cased, IDN to punycode; no CR/LF, quoted or comment forms (they would reach mail headers). */
export const emailSchema = z.string().transform((v, ctx) => {
  const r = normaliseEmail(v);
  if (r.ok) return r.value;
  ctx.addIssue({ code: 'custom', message: r.message });
  return z.NEVER;
});

/** Any common spelling with an international prefix, stored as E.164 (libphonenumber-js). */
export const phoneSchema = z.string().transform((v, ctx) => {
  const r = normalisePhone(v);
  if (r.ok) return r.value;
  ctx.addIssue({ code: 'custom', message: `${r.message}; use an international number such as +33612345678` });
  return z.NEVER;
});

const localeSchema = z
  .string()
  .min(2)
  .max(35)
  .refine((v) => {
    try {
      return Intl.getCanonicalLocales(v).length === 1;
    } catch {
      return false;
    }
  }, 'is not a valid BCP 47 locale (e.g. en, fr-CA)')
  .transform((v) => Intl.getCanonicalLocales(v)[0]);

const timezoneSchema = z.string().refine((v) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}, 'is not a known IANA time zone (e.g. Europe/Paris)');

export const customerFields = {
  email: emailSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  name: z.string().trim().max(200).refine(noControl, 'must not contain control characters').nullable().optional(),
  locale: localeSchema.optional(),
  timezone: timezoneSchema.optional(),
  attributes: z.record(z.string().max(100), z.unknown()).optional(),
  tags: z.array(z.string().min(1).max(64)).max(100).optional(),
};

export const upsertCustomerSchema = z.strictObject(customerFields);
export class UpsertCustomerDto extends createZodDto(upsertCustomerSchema) {}

export const bulkCustomerSchema = z.strictObject({ externalId: externalIdSchema, ...customerFields });
export type BulkCustomer = z.infer<typeof bulkCustomerSchema>;

export const BULK_MAX = 5000;
export const bulkUpsertSchema = z.strictObject({
  customers: z
    .array(bulkCustomerSchema)
    .min(1)
    .max(BULK_MAX, `at most ${BULK_MAX} customers per request; use POST /customers/import for files`)
    .superRefine((list, ctx) => {
      const seen = new Map<string, number>();
      list.forEach((c, i) => {
        const first = seen.get(c.externalId);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'externalId'], message: `duplicate of customers[${first}]` });
        else seen.set(c.externalId, i);
      });
    }),
});
export class BulkUpsertCustomersDto extends createZodDto(bulkUpsertSchema) {}
