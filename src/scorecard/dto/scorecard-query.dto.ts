import { z } from 'zod';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { SENDABLE_CHANNELS } from '../../templates/dto/template.dto';

/**
 * A customer attribute key as the breakdown accepts it: letters, digits, `_` and `-`, starting with a letter.
 * Whitelisted syntax, and still passed to SQL as a bound parameter (`attributes ->> $1`), never spliced.
 */
export const ATTRIBUTE_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** What a breakdown groups by. `incident` is internal (the trend across incidents). */
export type Dimension = { kind: 'channel' } | { kind: 'locale' } | { kind: 'attribute'; key: string } | { kind: 'incident' };

export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

const by = z
  .string()
  .max(80)
  .refine((v) => v === 'channel' || v === 'locale' || (v.startsWith('attributes.') && ATTRIBUTE_KEY.test(v.slice('attributes.'.length))), {
    message: 'by is channel, locale or attributes.<key> (key: a letter, then letters, digits, _ or -; at most 64)',
  });
const attribute = z.string().regex(ATTRIBUTE_KEY, 'attribute is a key: a letter, then letters, digits, _ or - (at most 64)');

export const breakdownQuerySchema = z.strictObject({ by: by.optional(), attribute: attribute.optional() });

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

export const rangeQuerySchema = z.strictObject({
  from: isoDate,
  to: isoDate,
  by: by.optional(),
  attribute: attribute.optional(),
});

const scoreKind = z.enum(['csat', 'ces', 'nps']);
const score = z.coerce.number().int().min(0).max(10);

/** Filters of the comment list and its CSV export. */
export const commentsQuerySchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  incident: z.uuid().optional(),
  locale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'locale is a language tag such as en or fr-CA').optional(),
  channel: z.enum(SENDABLE_CHANNELS).optional(),
  score: scoreKind.default('nps'),
  min: score.optional(),
  max: score.optional(),
  cursor: z.string().max(256).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export type CommentsQuery = z.infer<typeof commentsQuerySchema>;

/** The chosen breakdown: `by=attributes.plan` and `attribute=plan` say the same; both, disagreeing, is a 400. */
export function dimensionOf(q: { by?: string; attribute?: string }): Dimension | null {
  const fromBy: Dimension | null = !q.by ? null : q.by === 'channel' ? { kind: 'channel' } : q.by === 'locale' ? { kind: 'locale' } : { kind: 'attribute', key: q.by.slice('attributes.'.length) };
  const fromAttr: Dimension | null = q.attribute ? { kind: 'attribute', key: q.attribute } : null;
  if (fromBy && fromAttr && !(fromBy.kind === 'attribute' && fromBy.key === fromAttr.key)) {
    throw new AppException(ErrorCode.ValidationFailed, 'by and attribute name different breakdowns: give one', [{ path: 'by', message: 'conflicts with attribute' }]);
  }
  return fromBy ?? fromAttr;
}

/** [from, to): a date alone is midnight UTC; `to` must be after `from`, at most MAX_RANGE_DAYS apart. */
export function rangeOf(q: { from: string; to: string }): { from: Date; to: Date } {
  const from = new Date(q.from);
  const to = new Date(q.to);
  const fail = (message: string) => new AppException(ErrorCode.ValidationFailed, message, [{ path: 'to', message }]);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw fail('from and to are dates (2026-12-01) or times (2026-12-01T00:00:00Z)');
  if (to <= from) throw fail('to must be after from');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw fail(`the range is at most ${MAX_RANGE_DAYS} days`);
  return { from, to };
}

export const dimensionLabel = (d: Dimension | null): string | null =>
  !d ? null : d.kind === 'attribute' ? `attributes.${d.key}` : d.kind;
