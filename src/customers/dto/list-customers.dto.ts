import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { boundedFilterSchema } from '../../audiences/audience-filter';
import { paginationSchema } from '../../common/pagination.dto';

/** `?filter=` carries an audience filter as URL-encoded JSON, e.g. {"field":"tags","eq":"vip"}. */
export const listCustomersSchema = paginationSchema.extend({
  filter: z
    .string()
    .max(16_384)
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be URL-encoded JSON, e.g. {"field":"tags","eq":"vip"}' });
        return z.NEVER;
      }
    })
    .pipe(boundedFilterSchema)
    .optional(),
});
export class ListCustomersDto extends createZodDto(listCustomersSchema) {}
