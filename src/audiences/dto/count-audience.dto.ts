import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { boundedFilterSchema } from '../audience-filter';

export const countAudienceSchema = z.strictObject({ filter: boundedFilterSchema });
export class CountAudienceDto extends createZodDto(countAudienceSchema) {}
