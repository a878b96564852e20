// What the API key routes answer (auth.service.ts): never a hash, the secret only when it is made.
import { z } from 'zod';
import { dateTime, page, uuid } from '../../openapi/wire';
import { ROLES } from '../role';

export const roleSchema = z.enum(ROLES as [string, ...string[]]);

export const apiKeyViewSchema = z.object({
  id: uuid,
  name: z.string(),
  role: roleSchema,
  prefix: z.string().describe('the first characters of the secret, to recognise it'),
  state: z.enum(['active', 'expired', 'revoked']),
  bootstrap: z.boolean().describe('the key that TOCSIN_ADMIN_KEY sets'),
  createdAt: dateTime,
  lastUsedAt: dateTime.nullable(),
  expiresAt: dateTime.nullable(),
  revokedAt: dateTime.nullable(),
  revokedReason: z.string().nullable(),
  rotatedFromId: uuid.nullable(),
});

export const createdKeySchema = z.object({
  id: uuid,
  name: z.string(),
  role: roleSchema,
  secret: z.string().describe('the key itself: shown in this answer only'),
  createdAt: dateTime,
  expiresAt: dateTime.nullable(),
});

export const rotatedKeySchema = createdKeySchema.extend({ previous: apiKeyViewSchema });
export const apiKeyPageSchema = page(apiKeyViewSchema);
