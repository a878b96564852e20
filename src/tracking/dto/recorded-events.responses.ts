// What the provider event routes answer (record-email-events.usecase.ts, delivery-event.ts).
import { z } from 'zod';
import { uuid } from '../../openapi/wire';

export const recordedEventsSchema = z.object({
  received: z.number().int(),
  applied: z.number().int(),
  events: z.array(
    z.object({
      notificationId: uuid.nullable(),
      kind: z.enum(['delivered', 'hard_bounce', 'soft_bounce', 'auto_reply', 'complaint', 'unknown', 'failed', 'accepted']),
      status: z.string().nullable(),
      matched: z.boolean().describe('a notification with this id exists'),
      applied: z.boolean().describe("the notification's state changed because of this event"),
    }),
  ),
});
