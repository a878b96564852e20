// Queue names, job names and typed payloads. Job ids are deterministic and contain no ':'.
import { z } from 'zod';

export enum QueueName {
  Fanout = 'fanout',
  Send = 'send',
  Import = 'import',
}

export enum JobName {
  FanoutStep = 'fanout-step',
  /** customers added after the step started get it too */
  FanoutAdditions = 'fanout-additions',
  SendBatch = 'send-batch',
  ImportCustomers = 'import-customers',
}

export const fanoutStepPayload = z.object({ stepId: z.uuid() });
export type FanoutStepPayload = z.infer<typeof fanoutStepPayload>;

export const sendBatchPayload = z.object({
  incidentId: z.uuid(),
  stepId: z.uuid(),
  notificationIds: z.array(z.uuid()).min(1),
});
export type SendBatchPayload = z.infer<typeof sendBatchPayload>;

export const importCustomersPayload = z.object({ importId: z.uuid() });
export type ImportCustomersPayload = z.infer<typeof importCustomersPayload>;

export const fanoutJobId = (stepId: string) => `fanout-${stepId}`;
/** One send job per batch; the id is derived from the batch's first notification, so a re-enqueue dedupes. */
export const sendJobId = (firstNotificationId: string, generation = 0) => `send-${firstNotificationId}-${generation}`;

export const importJobId = (importId: string) => `import-${importId}`;

export const KEEP_JOBS = {
  removeOnComplete: { count: 1000, age: 3600 },
  removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
} as const;
