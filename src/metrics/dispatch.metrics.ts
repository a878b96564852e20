import { Injectable } from '@nestjs/common';
import type { ReconcilerService } from '../dispatch/reconciler.service';
import { SENDABLE_CHANNELS } from '../templates/dto/template.dto';
import { MetricsRegistry } from './metrics.registry';

const SEND_OUTCOMES = ['sent', 'failed', 'retry'] as const;
export type SendOutcomeLabel = (typeof SEND_OUTCOMES)[number];

type ReconcilerAction = keyof NonNullable<Awaited<ReturnType<ReconcilerService['tick']>>>;
/** What a reconciler pass returns, every key. */
const RECONCILER_ACTIONS = ['steps', 'requeued', 'expired', 'completed', 'promoted', 'fallbacks', 'reminders'] as const satisfies readonly ReconcilerAction[];
// does not compile when tick() gains a key the list above lacks (its counter would start without a sample)
const listsEveryAction: [Exclude<ReconcilerAction, (typeof RECONCILER_ACTIONS)[number]>] extends [never] ? true : never = true;
void listsEveryAction;

/**
 * Counters of the worker's hot path, incremented in the process that does the work; registered by the worker
 * only (the API never sends). Every known label set starts at 0, so each family has samples from the start.
 */
@Injectable()
export class DispatchMetrics {
  private readonly sends;
  private readonly materialised;
  private readonly reconciler;

  constructor(metrics: MetricsRegistry) {
    this.sends = metrics.counter(
      'tocsin_sends_total',
      'Send attempts by channel and outcome (retry: a temporary failure that will be tried again)',
      ['channel', 'outcome'],
      SENDABLE_CHANNELS.flatMap((channel) => SEND_OUTCOMES.map((outcome) => ({ channel, outcome }))),
    );
    this.materialised = metrics.counter(
      'tocsin_fanout_recipients_total',
      'Recipients read by fan-outs (notification rows materialised or found existing)',
      ['channel'],
      SENDABLE_CHANNELS.map((channel) => ({ channel })),
    );
    this.reconciler = metrics.counter(
      'tocsin_reconciler_actions_total',
      'What reconciler passes did: steps (fan-outs re-added), requeued, expired (sending leases), completed (steps closed), promoted (quiet hours over), fallbacks, reminders',
      ['action'],
      RECONCILER_ACTIONS.map((action) => ({ action })),
    );
  }

  send(channel: string, outcome: SendOutcomeLabel): void {
    this.sends.inc({ channel, outcome });
  }

  fanoutPage(channel: string, recipients: number): void {
    if (recipients) this.materialised.inc({ channel }, recipients);
  }

  reconciled(result: Record<string, number>): void {
    for (const [action, n] of Object.entries(result)) if (n) this.reconciler.inc({ action }, n);
  }
}
