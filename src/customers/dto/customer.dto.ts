import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const noControl = (v: string) => !/[\u0000-\u001f\u007f]/.test(v);

export const externalIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@+\-]+$/, 'letters, digits and . _ : @ + - only');

/** Trimmed, domain lower-cased; no CR/LF, quoted or comment forms (they would reach mail headers). */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .refine(noControl, 'must not contain control characters')
  .pipe(z.email({ message: 'is not a valid email address' }))
  .transform((v) => {
    const at = v.lastIndexOf('@');
    return v.slice(0, at) + '@' + v.slice(at + 1).toLowerCase();
  })
  .refine((v) => v.slice(0, v.lastIndexOf('@')).length <= 64, 'local part is longer than 64 characters');

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
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +33612345678')
    .nullable()
    .optional(),
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
