import { Injectable } from '@nestjs/common';
import { DispatchQueue } from '../queue/dispatch-queue.service';
import { sendJobId } from '../queue/queue.constants';
import { SENDABLE_CHANNELS } from '../templates/dto/template.dto';
import { NotificationRepository } from './notification.repository';
import { StepContext } from './step.repository';

/**
 * Moves customers the step's own channel cannot reach (failed for good, suppressed after a bounce or
 * complaint, no address) to the step's first fallback channel: one new notification each (unique per
 * channel, so never twice), queued at once.
 */
@Injectable()
export class FallbackService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly queue: DispatchQueue,
  ) {}

  fallbackOf(step: StepContext): string | undefined {
    return ((step.definition as { fallbackChannels?: string[] }).fallbackChannels ?? []).find(
      (c) => c !== step.channel && (SENDABLE_CHANNELS as readonly string[]).includes(c),
    );
  }

  async move(step: StepContext, customerIds: string[]): Promise<number> {
    const fallback = this.fallbackOf(step);
    if (!fallback || !customerIds.length) return 0;
    const ids = await this.notifications.materializeFallback(step.incidentId, step.id, fallback, customerIds);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const jobId = sendJobId(chunk[0]);
      await this.queue.addSendBatches([{ jobId, payload: { incidentId: step.incidentId, stepId: step.id, notificationIds: chunk } }]);
      await this.notifications.markQueued(chunk, chunk.map(() => jobId));
    }
    return ids.length;
  }
}
