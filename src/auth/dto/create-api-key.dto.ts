import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ROLES } from '../role';

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES as [string, ...string[]]),
});
export class CreateApiKeyDto extends createZodDto(createApiKeySchema) {}
