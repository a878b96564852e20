import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Role } from '../../../auth/role';

/** People get the staff roles; `marketing` is for systems asking about holds, so it stays a key-only role. */
export const USER_ROLES = [Role.admin, Role.commander, Role.comms, Role.agent, Role.viewer] as const;

export const createUserSchema = z.strictObject({
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(100),
  role: z.enum(USER_ROLES),
  /** omitted: a password is generated and shown once */
  password: z.string().min(12, 'must be at least 12 characters').max(200).optional(),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;
export class CreateUserDto extends createZodDto(createUserSchema) {}
