/** What a job handler reports (kept on the BullMQ job as its return value). */
export type JobResult = { status: 'success'; detail?: Record<string, unknown> } | { status: 'skipped'; reason: string };

export const success = (detail?: Record<string, unknown>): JobResult => ({ status: 'success', detail });
export const skipped = (reason: string): JobResult => ({ status: 'skipped', reason });
