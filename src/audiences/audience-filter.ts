// One audience filter format for customers, used by GET /customers?filter=, POST /audiences/count and the
// affected population of an incident. It compiles to a parameterised SQL condition (never string-built SQL).
import { Prisma } from '@prisma/client';
import { z } from 'zod';

type Scalar = string | number | boolean;
export type AudienceCondition = { field: string; eq?: Scalar; in?: Scalar[]; exists?: boolean; gt?: number | string; lt?: number | string };
export type AudienceFilter = { and: AudienceFilter[] } | { or: AudienceFilter[] } | { not: AudienceFilter } | AudienceCondition;

const FIELD = /^(tags|locale|timezone|attributes(\.[A-Za-z0-9_-]{1,100}){1,5})$/;
const OPS = ['eq', 'in', 'exists', 'gt', 'lt'] as const;
const ALLOWED: Record<string, readonly string[]> = { tags: ['eq', 'in', 'exists'], locale: ['eq', 'in'], timezone: ['eq', 'in'] };
const MAX_DEPTH = 6;
const MAX_CONDITIONS = 200;

const scalar = z.union([z.string().max(256), z.number(), z.boolean()]);
const condition = z
  .strictObject({
    field: z.string().regex(FIELD, 'must be tags, locale, timezone or attributes.<name>[.<name>…]'),
    eq: scalar.optional(),
    in: z.array(scalar).min(1).max(1000).optional(),
    exists: z.boolean().optional(),
    gt: z.union([z.number(), z.string().max(64)]).optional(),
    lt: z.union([z.number(), z.string().max(64)]).optional(),
  })
  .superRefine((c, ctx) => {
    const ops = OPS.filter((o) => c[o] !== undefined);
    if (ops.length !== 1) ctx.addIssue({ code: 'custom', message: `a condition needs exactly one of ${OPS.join(', ')}` });
    const allowed = ALLOWED[c.field];
    if (allowed && ops.length === 1 && !allowed.includes(ops[0])) {
      ctx.addIssue({ code: 'custom', path: [ops[0]], message: `'${ops[0]}' does not apply to ${c.field} (use ${allowed.join(', ')})` });
    }
  });

export const audienceFilterSchema: z.ZodType<AudienceFilter> = z.lazy(() =>
  z.union([
    z.strictObject({ and: z.array(audienceFilterSchema).min(1).max(50) }),
    z.strictObject({ or: z.array(audienceFilterSchema).min(1).max(50) }),
    z.strictObject({ not: audienceFilterSchema }),
    condition,
  ]),
);

/** The schema plus size limits, so a filter can never turn into an expensive query by its shape alone. */
export const boundedFilterSchema = audienceFilterSchema.superRefine((f, ctx) => {
  const { depth, conditions } = measure(f);
  if (depth > MAX_DEPTH) ctx.addIssue({ code: 'custom', message: `filter is nested ${depth} levels deep; at most ${MAX_DEPTH}` });
  if (conditions > MAX_CONDITIONS) ctx.addIssue({ code: 'custom', message: `filter has ${conditions} conditions; at most ${MAX_CONDITIONS}` });
});

function measure(f: AudienceFilter): { depth: number; conditions: number } {
  const children = 'and' in f ? f.and : 'or' in f ? f.or : 'not' in f ? [f.not] : null;
  if (!children) return { depth: 1, conditions: 1 };
  const m = children.map(measure);
  return { depth: 1 + Math.max(...m.map((x) => x.depth)), conditions: m.reduce((n, x) => n + x.conditions, 0) };
}

const NUMERIC = '^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$';

/** SQL condition over the table aliased `c` (customer). Every value is a bind parameter. */
export function filterToSql(f: AudienceFilter): Prisma.Sql {
  if ('and' in f) return Prisma.sql`(${Prisma.join(f.and.map(filterToSql), ' AND ')})`;
  if ('or' in f) return Prisma.sql`(${Prisma.join(f.or.map(filterToSql), ' OR ')})`;
  if ('not' in f) return Prisma.sql`(NOT coalesce(${filterToSql(f.not)}, false))`;
  const c = f;
  const str = (v: Scalar) => String(v);
  if (c.field === 'tags') {
    if (c.eq !== undefined) return Prisma.sql`(c.tags @> ARRAY[${str(c.eq)}]::text[])`;
    if (c.in !== undefined) return Prisma.sql`(c.tags && ${c.in.map(str)}::text[])`;
    return c.exists ? Prisma.sql`(cardinality(c.tags) > 0)` : Prisma.sql`(cardinality(c.tags) = 0)`;
  }
  if (c.field === 'locale' || c.field === 'timezone') {
    const col = c.field === 'locale' ? Prisma.sql`c.locale` : Prisma.sql`c.timezone`;
    if (c.eq !== undefined) return Prisma.sql`(${col} = ${str(c.eq)})`;
    return Prisma.sql`(${col} = ANY(${c.in!.map(str)}::text[]))`;
  }
  const path = c.field.split('.').slice(1);
  const text = Prisma.sql`(c.attributes #>> ${path}::text[])`;
  if (c.eq !== undefined) return Prisma.sql`(${text} = ${str(c.eq)})`;
  if (c.in !== undefined) return Prisma.sql`(${text} = ANY(${c.in.map(str)}::text[]))`;
  if (c.exists !== undefined) {
    const present = Prisma.sql`(coalesce(jsonb_typeof(c.attributes #> ${path}::text[]), 'null') <> 'null')`;
    return c.exists ? present : Prisma.sql`(NOT ${present})`;
  }
  const [op, value] = c.gt !== undefined ? ['>', c.gt] : ['<', c.lt!];
  const cmp = Prisma.raw(op);
  // numbers compare numerically (attributes imported from CSV are strings: "42" counts as 42); strings
  // compare byte-wise, which orders ISO dates correctly
  if (typeof value === 'number') {
    return Prisma.sql`(CASE WHEN ${text} ~ ${NUMERIC} THEN ${text}::numeric ${cmp} ${value} ELSE false END)`;
  }
  return Prisma.sql`(${text} COLLATE "C" ${cmp} ${value})`;
}
