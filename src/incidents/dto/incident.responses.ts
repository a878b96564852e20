// What the incident routes answer (incidents.service.ts, the lifecycle, schedule, affected and clock use cases).
import { z } from 'zod';
import { dateTime, page, uuid } from '../../openapi/wire';
import { organisationProfileSchema } from '../clocks/dto/clock.dto';
import { NOTIFICATION_STATES } from '../incidents.service';

const evidenceSchema = z.union([
  z.object({
    kind: z.literal('delivery'),
    step: z.string(),
    recipients: z.array(z.object({ recipient: z.string(), channel: z.string(), state: z.string(), reachedAt: dateTime.nullable(), response: z.string().nullable() })),
  }),
  z.object({ kind: z.literal('submission'), id: uuid, submittedAt: dateTime, submittedBy: z.string(), reference: z.string(), fileName: z.string().nullable() }),
  z.object({ kind: z.literal('step_completed'), step: z.string() }),
]);

export const clockViewSchema = z.object({
  id: z.string(),
  regulation: z.string(),
  article: z.string(),
  audience: z.string(),
  dueAt: dateTime.nullable().describe('null: no fixed deadline, or the clock has not started'),
  status: z.enum(['running', 'met', 'missed', 'waiting', 'flag']),
  metBy: z.string().nullable(),
  metAt: dateTime.nullable(),
  evidence: evidenceSchema.nullable(),
  failedRecipients: z.array(z.object({ step: z.string(), recipient: z.string(), state: z.string(), response: z.string().nullable() })).optional(),
  hoursLeft: z.number().nullable(),
  elapsedHours: z.number(),
  note: z.string().optional(),
});

export const incidentViewSchema = z.object({
  id: uuid,
  title: z.string(),
  type: z.string(),
  severity: z.string(),
  state: z.string(),
  awareAt: dateTime,
  declaredAt: dateTime,
  jurisdictions: z.array(z.string()),
  confirmedAt: dateTime.nullable(),
  materialityAt: dateTime.nullable(),
  determinedAt: dateTime.nullable(),
  extortionPaidAt: dateTime.nullable(),
  resolvedAt: dateTime.nullable(),
  facts: z.record(z.string(), z.unknown()),
  runbook: z.object({ key: z.string(), version: z.number().int() }),
  affected: z.number().int().optional(),
  schedule: z.array(
    z.object({
      id: uuid,
      step: z.string(),
      audience: z.string(),
      channel: z.string(),
      template: z.string(),
      dueAt: dateTime.nullable(),
      state: z.string(),
      after: z.object({ milestone: z.literal('resolved'), offsetMinutes: z.number(), label: z.string() }).optional().describe('timed from the resolved milestone: no date until then'),
      waitingReason: z.string().optional(),
      approvedBy: z.string().nullable().optional(),
      approvedAt: dateTime.optional(),
      dispatchedAt: dateTime.nullable(),
      completedAt: dateTime.nullable(),
    }),
  ),
  clocks: z.array(clockViewSchema),
});

const counts = Object.fromEntries(NOTIFICATION_STATES.map((s) => [s, z.number().int()])) as Record<(typeof NOTIFICATION_STATES)[number], z.ZodNumber>;
const latencySchema = z.object({ count: z.number().int(), p50: z.number().nullable(), p90: z.number().nullable(), p99: z.number().nullable() }).describe('seconds from the declaration');

export const reachSchema = z.object({
  incidentId: uuid,
  state: z.string(),
  affected: z.number().int(),
  ...counts,
  opened: z.number().int(),
  claimed: z.number().int().describe('customers who claimed their remedy offer'),
  reached: z.number().int(),
  unreached: z.number().int(),
  channels: z.array(z.object({ channel: z.string(), reached: z.number().int(), opened: z.number().int(), ...counts })),
  timeToReach: latencySchema,
  steps: z.array(z.object({ step: z.string(), channel: z.string(), state: z.string(), ...counts, reached: z.number().int(), opened: z.number().int(), timeToReach: latencySchema, timeToDeliver: latencySchema })),
});

export const stateChangeSchema = z.object({
  id: uuid,
  state: z.string(),
  previousState: z.string(),
  scheduled: z.array(z.object({ step: z.string(), state: z.string(), dueAt: dateTime.nullable() })).optional().describe('resolve: the steps timed from resolution, now planned'),
});

export const timelinePageSchema = page(z.object({ id: z.string(), at: dateTime, actor: z.string().nullable(), action: z.string(), data: z.unknown() }));

export const approvedStepSchema = z.object({ step: z.string(), state: z.string(), approvedBy: z.string(), dueAt: dateTime.nullable() });

const scheduledSchema = z.array(z.object({ step: z.string(), state: z.string(), dueAt: dateTime.nullable() }));
export const milestoneSchema = z.object({ id: uuid, confirmedAt: dateTime.optional(), materialityAt: dateTime.optional(), scheduled: scheduledSchema });

export const factsSchema = z.object({ id: uuid, facts: z.record(z.string(), z.unknown()), needReapproval: z.array(z.string()).describe('steps sent back for approval') });

export const affectedAddedSchema = z.object({ incidentId: uuid, added: z.number().int(), stepsCatchingUp: z.array(z.string()) });
export const affectedFileSchema = affectedAddedSchema.extend({
  rowsRead: z.number().int(),
  alreadyAffected: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.literal('externalId'), message: z.string() })),
});

const replannedSchema = z.array(
  z.object({
    step: z.string(),
    before: z.object({ state: z.string(), dueAt: dateTime.nullable() }),
    after: z.object({ state: z.string(), dueAt: dateTime.nullable(), waitingReason: z.string().nullable() }),
  }),
);

export const submissionSchema = z.object({
  id: uuid,
  incidentId: uuid,
  clockId: z.string(),
  submittedAt: dateTime,
  submittedBy: z.string(),
  recordedByName: z.string(),
  reference: z.string(),
  note: z.string().nullable(),
  fileName: z.string().nullable(),
  fileContentType: z.string().nullable(),
  fileSha256: z.string().nullable(),
  createdAt: dateTime,
  replanned: replannedSchema,
});

export const incidentTimeSchema = z.object({ id: uuid, determinedAt: dateTime.optional(), extortionPaidAt: dateTime.optional(), replanned: replannedSchema });

export const organisationProfileViewSchema = z.object({ profile: organisationProfileSchema.nullable().describe('null until an admin sets it') });

/** The evidence report (report/evidence-report.service.ts); the PDF prints the same object. */
export const evidenceReportSchema = z.object({
  generatedAt: dateTime,
  incident: z
    .object({
      id: uuid,
      title: z.string(),
      type: z.string(),
      severity: z.string(),
      state: z.string(),
      jurisdictions: z.array(z.string()),
      awareAt: dateTime.nullable(),
      declaredAt: dateTime.nullable(),
      confirmedAt: dateTime.nullable(),
      materialityAt: dateTime.nullable(),
      determinedAt: dateTime.nullable(),
      extortionPaidAt: dateTime.nullable(),
      closedAt: dateTime.nullable(),
      organisationProfile: z.unknown(),
      facts: z.unknown(),
      affected: z.number().int(),
      affectedByState: z.record(z.string(), z.number().int()).optional(),
      affectedWithoutState: z.number().int().optional(),
    }),
  clocks: z.array(
    clockViewSchema.extend({
      submissions: z.array(submissionSchema.omit({ replanned: true })),
      deliveries: z.array(z.object({ step: z.string(), audience: z.string(), state: z.string(), completedAt: dateTime.nullable(), recipients: z.array(z.record(z.string(), z.unknown())) })),
    }),
  ),
  approvals: z.object({
    history: z.array(z.object({ step: z.string().nullable(), approvedBy: z.string().nullable(), approvedAt: dateTime, data: z.unknown() })),
    current: z.array(z.object({ step: z.string(), approvedBy: z.string().nullable(), approvedAt: dateTime.nullable(), approvedSnapshot: z.unknown() })),
  }),
  templates: z.array(z.record(z.string(), z.unknown()).describe('a version sent, with a sample rendered for its first recipient')),
  counts: z.array(z.object({ step: z.string(), channel: z.string(), state: z.string(), notifications: z.number().int() })),
  schedule: z.array(
    z.object({
      step: z.string(),
      audience: z.string(),
      channel: z.string(),
      state: z.string(),
      dueAt: dateTime.nullable(),
      dispatchedAt: dateTime.nullable(),
      completedAt: dateTime.nullable(),
      waitingReason: z.string().nullable(),
    }),
  ),
  timeline: z.array(z.object({ id: z.string(), at: dateTime, actor: z.string().nullable(), action: z.string(), entity: z.string(), data: z.unknown(), origin: z.string().nullable(), hash: z.string().nullable() })),
});

const scale = (name: string) => z.object({ scale: z.literal(name), count: z.number().int(), average: z.number().nullable(), distribution: z.record(z.string(), z.number().int()) });
export const feedbackReportSchema = z.object({
  incidentId: uuid,
  responses: z.number().int(),
  csat: scale('1-5'),
  ces: scale('1-7'),
  comments: z.array(z.object({ csat: z.number().int().nullable(), ces: z.number().int().nullable(), comment: z.string().nullable(), at: dateTime })),
  nextCursor: z.string().nullable(),
});
