// The shape of a runbook (draft and published version): who is notified, on which channel, with which
// template, when (from a milestone or before a legal deadline), on what condition, behind which approval.
import { z } from 'zod';
import { audienceFilterSchema } from '../audiences/audience-filter';
import { APPROVER_ROLES } from '../auth/role';
import { ACCEPTED_CLOCK_IDS } from '../incidents/clocks/regulatory-clocks';
import { CHANNELS, templateKeySchema } from '../templates/dto/template.dto';
import { webhookEndpointKeySchema } from '../webhook-endpoints/dto/webhook-endpoint.dto';
import { offerKeySchema } from '../offers/dto/offer.dto';

/** `resolved`: after the incident is resolved (an apology, a remedy offer, a survey): planned at resolve, never before */
export const MILESTONES = ['aware', 'declared', 'confirmed', 'resolved'] as const;
export type Milestone = (typeof MILESTONES)[number];
export const AUDIENCES = ['affected_customers', 'regulator', 'internal', 'list'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const DEFAULT_MAX_LATENESS_MINUTES = 120;

const milestoneTiming = z.strictObject({
  milestone: z.enum(MILESTONES),
  /** minutes after the milestone; 0 = as soon as it is reached */
  offsetMinutes: z.number().int().min(0).max(60 * 24 * 365).default(0),
});
const deadlineTiming = z.strictObject({
  /** "no later than": due this many minutes before the clock's deadline (never before declaration) */
  deadline: z.enum(ACCEPTED_CLOCK_IDS),
  beforeMinutes: z.number().int().min(0).max(60 * 24 * 365).default(0),
});

const recipientName = z.string().max(200).refine((v) => !/[\r\n]/.test(v)).optional();
const emailRecipient = z.strictObject({ address: z.email().max(254), name: recipientName });
/** a webhook endpoint (POST /api/v1/webhook-endpoints), e.g. a partner system or a Slack-compatible incoming webhook */
const webhookRecipient = z.strictObject({ webhook: webhookEndpointKeySchema, name: recipientName });
export type StepRecipient = z.infer<typeof emailRecipient> | z.infer<typeof webhookRecipient>;

/** What a notification to this recipient is addressed to: the email address, or the webhook endpoint's key. */
export const recipientKey = (r: StepRecipient): string => ('webhook' in r ? r.webhook : r.address);

export const stepSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, _ and - (max 64)'),
  name: z.string().trim().min(1).max(200).optional(),
  audience: z.enum(AUDIENCES),
  /** regulator, internal and list audiences: who receives it (email addresses, or webhook endpoints by key) */
  recipients: z.array(z.union([emailRecipient, webhookRecipient])).max(500).optional(),
  /** affected_customers only: narrows the affected population (same filter format as GET /customers?filter=) */
  filter: audienceFilterSchema.optional(),
  /** checked at publish (a draft may name a channel that cannot be sent yet) */
  channel: z.string().min(1).max(32),
  fallbackChannels: z.array(z.enum(CHANNELS)).max(3).default([]),
  template: templateKeySchema,
  timing: z.union([milestoneTiming, deadlineTiming]).default({ milestone: 'declared', offsetMinutes: 0 }),
  /** the step runs only when every given condition holds */
  condition: z
    .strictObject({
      severityAtLeast: z.enum(SEVERITIES).optional(),
      jurisdictionsInclude: z.array(z.string().min(2).max(6)).min(1).optional(),
      typeIn: z.array(z.string().min(1).max(64)).min(1).optional(),
    })
    .optional(),
  /** affected_customers only: the remedy offer its messages carry ({{offer.code}}, one code per customer; docs/offers.md) */
  offer: offerKeySchema.optional(),
  /** email: the Reply-To of this step's notices (e.g. the hotline's mailbox); default MAIL_REPLY_TO */
  replyTo: z.email().max(254).optional(),
  /** a person with this role must approve before anything is sent */
  approval: z.strictObject({ role: z.enum(APPROVER_ROLES as [string, ...string[]], { error: `an approver is one of ${APPROVER_ROLES.join(', ')}` }), differentFromDeclarer: z.boolean().default(false) }).optional(),
  /**
   * not delivered / not acknowledged this long after the step was sent: the customer gets the notice again,
   * once, on `channel`, else the first fallback channel, else the step's own channel
   */
  reminder: z
    .strictObject({ afterMinutes: z.number().int().min(1).max(60 * 24 * 90), when: z.enum(['not_delivered', 'not_acknowledged']), channel: z.enum(CHANNELS).optional() })
    .optional(),
  /**
   * false: not urgent, so its SMS wait out the customer's quiet hours (QUIET_HOURS, their time zone) instead of
   * waking them; breach notices are urgent by default
   */
  urgent: z.boolean().default(true),
  /** the legal deadlines this step satisfies when it completes */
  meets: z.array(z.enum(ACCEPTED_CLOCK_IDS)).max(ACCEPTED_CLOCK_IDS.length).default([]),
  /** found due later than this (e.g. after downtime), the step waits for re-approval instead of sending */
  maxLatenessMinutes: z.number().min(0).max(60 * 24 * 30).default(DEFAULT_MAX_LATENESS_MINUTES),
});
export type RunbookStep = z.infer<typeof stepSchema>;

export const runbookDefinitionSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  defaultLocale: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .default('en'),
  /** locales every step's template must exist in (publish reports the missing ones); defaults to [defaultLocale] */
  locales: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)).max(50).optional(),
  steps: z.array(stepSchema).min(1).max(100),
});
export type RunbookDefinition = z.infer<typeof runbookDefinitionSchema>;

const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i]));

/** Why a step's condition does not hold for an incident, or null when it does. */
export function conditionFails(step: RunbookStep, i: { severity: string; jurisdictions: string[]; type: string }): string | null {
  const c = step.condition;
  if (!c) return null;
  if (c.severityAtLeast && (SEVERITY_RANK[i.severity] ?? -1) < SEVERITY_RANK[c.severityAtLeast]) return `severity ${i.severity} is below ${c.severityAtLeast}`;
  if (c.jurisdictionsInclude && !c.jurisdictionsInclude.some((j) => i.jurisdictions.includes(j) || i.jurisdictions.some((x) => x.split('-')[0] === j))) {
    return `jurisdictions do not include ${c.jurisdictionsInclude.join(' or ')}`;
  }
  if (c.typeIn && !c.typeIn.includes(i.type)) return `type ${i.type} is not ${c.typeIn.join(' or ')}`;
  return null;
}
