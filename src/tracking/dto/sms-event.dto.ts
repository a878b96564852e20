import { z } from 'zod';

/**
 * A status callback of the common SMS provider shape (form-encoded). Providers send many more fields
 * (AccountSid, From, ApiVersion, SmsSid …): they are kept in the evidence and otherwise ignored.
 */
export const smsStatusCallbackSchema = z.object({
  MessageSid: z.string().regex(/^[A-Za-z0-9_-]{2,64}$/, 'the provider message id (letters and digits)'),
  /** queued | sent | delivered | undelivered | failed (others, e.g. sending, read, are recorded as progress) */
  MessageStatus: z.string().regex(/^[a-z_]{1,32}$/, 'a status such as delivered or undelivered'),
  ErrorCode: z
    .string()
    .regex(/^\d{1,10}$/, 'a numeric error code')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  To: z.string().max(64).optional(),
});
export type SmsStatusCallback = z.infer<typeof smsStatusCallbackSchema>;
