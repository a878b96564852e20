// What POST /api/v1/users answers (users.service.ts).
import { z } from 'zod';
import { roleSchema } from '../../../auth/dto/api-key.responses';
import { dateTime, uuid } from '../../../openapi/wire';

export const userViewSchema = z.object({
  id: uuid,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: dateTime,
  lastLoginAt: dateTime.nullable(),
});

export const createdUserSchema = z.object({ user: userViewSchema, password: z.string().optional().describe('generated when none was given: in this answer only') });
