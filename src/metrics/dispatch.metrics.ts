import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from './metrics.registry';

export type SendOutcomeLabel = 'sent' | 'failed' | 'retry';

/** Counters of the worker's hot path; incremented in the process that does the work. */
@Injectable()
export class DispatchMetrics {
  private readonly sends;
  private readonly materialised;
  private readonly reconciler;

  constructor(metrics: MetricsRegistry) {
    this.sends = metrics.counter('tocsin_sends_total', 'Send attempts by channel and outcome (retry: a temporary failure that will be tried again)', ['channel', 'outcome']);
    this.materialised = metrics.counter('tocsin_fanout_recipients_total', 'Recipients read by fan-outs (notification rows materialised or found existing)', ['channel']);
    this.reconciler = metrics.counter('tocsin_reconciler_actions_total', 'What the reconciler repaired: steps (fan-outs re-added), requeued, expired (sending leases), completed (steps closed)', ['action']);
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
