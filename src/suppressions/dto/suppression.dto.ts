import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MAX_PAGE } from '../../common/pagination.dto';

const CHANNELS = ['email', 'sms'] as const;

export const listSuppressionsSchema = z.strictObject({
  channel: z.enum(CHANNELS).optional(),
  /** part of the address (case-insensitive) */
  address: z.string().trim().min(1).max(254).optional(),
  /** the customer's externalId */
  customer: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
});
export class ListSuppressionsDto extends createZodDto(listSuppressionsSchema) {}

export const liftSuppressionSchema = z.strictObject({
  channel: z.enum(CHANNELS),
  /** exactly as listed (the address the notice was sent to) */
  address: z.string().trim().min(1).max(254),
  /** why it may be used again (kept in the audit trail) */
  reason: z.string().trim().min(3, 'say why the address may be used again (at least 3 characters)').max(1000),
});
export class LiftSuppressionDto extends createZodDto(liftSuppressionSchema) {}
export type LiftSuppression = z.infer<typeof liftSuppressionSchema>;
