import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { zodIssues } from '../../common/errors/zod-issues';
import { boundedFilterSchema } from '../../audiences/audience-filter';
import { externalIdSchema } from '../../customers/dto/customer.dto';
import { templateKeySchema } from '../../templates/dto/template.dto';
import { offerKeySchema } from '../../offers/dto/offer.dto';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const MAX_AFFECTED_IN_REQUEST = 100_000;

const factValue = z.union([z.string().max(10_000), z.number(), z.boolean()]);

export const declareIncidentSchema = z.strictObject({
  runbook: templateKeySchema,
  title: z.string().trim().min(1).max(200),
  type: z.string().regex(/^[a-z0-9_]{1,64}$/, 'lower-case identifier such as data_breach').default('data_breach'),
  severity: z.enum(SEVERITIES),
  awareAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-26T08:00:00Z' }),
  jurisdictions: z.array(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$|^EU$/, 'ISO 3166 code such as FR, US-NY or EU')).max(300).default([]),
  /** when the incident was determined material (starts the SEC 8-K clock); can also be set later */
  materialityAt: z.iso.datetime({ offset: true }).optional(),
  /** when a cybersecurity incident was determined to have occurred (starts NYDFS 500.17(a)); can also be set later */
  determinedAt: z.iso.datetime({ offset: true }).optional(),
  facts: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'fact names are identifiers'), factValue).default({}),
  /** the remedy offer of the whole incident: customer steps without an offer of their own carry it (docs/offers.md) */
  offer: offerKeySchema.optional(),
  /** an explicit list of externalIds, or an audience filter over customers (see src/audiences) */
  affected: z.union([
    z.strictObject({ externalIds: z.array(externalIdSchema).min(1).max(MAX_AFFECTED_IN_REQUEST) }),
    z.strictObject({ filter: boundedFilterSchema }),
  ]),
});
export type DeclareIncidentInput = z.infer<typeof declareIncidentSchema>;

/** A declare request that has validated itself: the same checks whether it comes from HTTP, the CLI or a job. */
export class DeclareIncidentCommand {
  private constructor(
    readonly input: DeclareIncidentInput,
    readonly awareAt: Date,
    readonly idempotencyKey: string | null,
  ) {}

  static create(raw: unknown, idempotencyKey: string | undefined, now: Date): DeclareIncidentCommand {
    const parsed = declareIncidentSchema.safeParse(raw);
    if (!parsed.success) {
      throw new AppException(ErrorCode.ValidationFailed, `Invalid incident: ${zodIssues(parsed.error).map((i) => `${i.path}: ${i.message}`).join('; ')}`, zodIssues(parsed.error));
    }
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
      throw new AppException(ErrorCode.ValidationFailed, 'Idempotency-Key must be 1-255 printable ASCII characters');
    }
    const awareAt = new Date(parsed.data.awareAt);
    if (awareAt.getTime() > now.getTime() + 5 * 60_000) {
      throw new AppException(ErrorCode.ValidationFailed, 'awareAt is in the future', [{ path: 'awareAt', message: 'must not be in the future' }]);
    }
    // like POST /materiality and /determination: a determination cannot be dated in the future
    for (const path of ['materialityAt', 'determinedAt'] as const) {
      const at = parsed.data[path];
      if (at && new Date(at).getTime() > now.getTime() + 5 * 60_000) {
        throw new AppException(ErrorCode.ValidationFailed, `${path} is in the future`, [{ path, message: 'must not be in the future' }]);
      }
    }
    const affected = 'externalIds' in parsed.data.affected ? { externalIds: [...new Set(parsed.data.affected.externalIds)] } : parsed.data.affected;
    return new DeclareIncidentCommand({ ...parsed.data, affected }, awareAt, idempotencyKey ?? null);
  }

  get materialityAt(): Date | null {
    return this.input.materialityAt ? new Date(this.input.materialityAt) : null;
  }

  get determinedAt(): Date | null {
    return this.input.determinedAt ? new Date(this.input.determinedAt) : null;
  }

  /** Fingerprint of the request, so a retry with the same key and another body is detected. */
  get requestHash(): string {
    return createHash('sha256').update(stableStringify(this.input)).digest('hex');
  }
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
