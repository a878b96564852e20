// What the runbook routes answer (runbooks.service.ts); the definitions are the schema runbooks are saved with.
import { z } from 'zod';
import { dateTime } from '../../openapi/wire';
import { runbookDefinitionSchema } from '../runbook-definition';

export const runbookProblemSchema = z.object({ step: z.string().nullable(), field: z.string(), message: z.string() });

export const runbookSchema = z.object({
  key: z.string(),
  name: z.string(),
  draft: runbookDefinitionSchema.describe('the draft being edited (publish makes it a version)'),
  updatedAt: dateTime,
  versions: z.array(z.object({ version: z.number().int(), publishedAt: dateTime })),
});

export const publishedRunbookSchema = z.object({
  key: z.string(),
  version: z.number().int(),
  publishedAt: dateTime,
  definition: runbookDefinitionSchema,
  warnings: z.array(runbookProblemSchema),
});

export const runbookLibrarySchema = z.array(
  z.object({
    name: z.string(),
    title: z.string(),
    description: z.string(),
    clocks: z.array(z.string()),
    templates: z.array(z.string()),
    steps: z.array(z.object({ id: z.string(), name: z.string().optional(), audience: z.string(), template: z.string(), meets: z.array(z.string()) })),
  }),
);
