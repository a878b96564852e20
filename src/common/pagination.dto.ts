import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const MAX_PAGE = 500;
export const paginationSchema = z.strictObject({
  cursor: z.string().max(256).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
});
export class PaginationDto extends createZodDto(paginationSchema) {}
