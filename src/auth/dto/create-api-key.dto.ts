import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ROLES } from '../role';

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES as [string, ...string[]]),
  /** optional: the key stops authenticating at this instant */
  expiresAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
});
export class CreateApiKeyDto extends createZodDto(createApiKeySchema) {}

export const rotateApiKeySchema = z.strictObject({
  /** hours the old secret keeps working, so clients can move over (0: it stops now) */
  overlapHours: z.number().min(0).max(24 * 30).default(24),
});
export class RotateApiKeyDto extends createZodDto(rotateApiKeySchema) {}
