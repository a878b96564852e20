// The shape of a runbook (draft and published version). Only what the dispatch pipeline can execute today
// is accepted: steps to the affected customers by email, timed from a milestone.
import { z } from 'zod';
import { sendableChannelSchema, templateKeySchema } from '../templates/dto/template.dto';

export const MILESTONES = ['aware', 'declared'] as const;
export type Milestone = (typeof MILESTONES)[number];

export const stepSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, _ and - (max 64)'),
  name: z.string().trim().min(1).max(200).optional(),
  audience: z.enum(['affected_customers'], { error: "audience must be 'affected_customers' (regulator, internal and list are not supported yet)" }),
  channel: sendableChannelSchema,
  template: templateKeySchema,
  timing: z
    .strictObject({
      milestone: z.enum(MILESTONES),
      /** minutes after the milestone; 0 = as soon as it is reached */
      offsetMinutes: z.number().int().min(0).max(60 * 24 * 365).default(0),
    })
    .default({ milestone: 'declared', offsetMinutes: 0 }),
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
