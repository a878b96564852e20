import { z } from 'zod';

/** The JSON form of a provider event; a body is one event or an array of them. */
export const emailEventSchema = z
  .strictObject({
    /** `failed`: the provider gave up for good on a temporary cause (e.g. after its retry window): final, the address not suppressed */
    type: z.enum(['delivered', 'bounced', 'failed', 'complained']),
    notificationId: z.uuid().optional(),
    /** the Message-ID Tocsin set, `<notificationId@domain>` */
    messageId: z.string().min(3).max(998).optional(),
    reason: z.string().max(2000).optional(),
    /** enhanced status code; a `bounced` event with a 4.x.x status is a soft bounce */
    status: z.string().regex(/^[245]\.\d{1,3}\.\d{1,3}$/, 'an enhanced status code such as 5.1.1').optional(),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((e) => e.notificationId || e.messageId, { message: 'notificationId or messageId is required', path: ['notificationId'] });

export const MAX_EVENTS_PER_REQUEST = 1000;
export const emailEventsBody = z.union([emailEventSchema, z.array(emailEventSchema).min(1).max(MAX_EVENTS_PER_REQUEST)]);
export type EmailEvent = z.infer<typeof emailEventSchema>;
