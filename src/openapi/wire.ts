// Building blocks for the schemas of what the API answers (JSON on the wire: dates are ISO strings).
import { z } from 'zod';

export const dateTime = z.string().meta({ format: 'date-time' });
export const uuid = z.string().meta({ format: 'uuid' });

/** A keyset page: `nextCursor` is null on the last page. */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
