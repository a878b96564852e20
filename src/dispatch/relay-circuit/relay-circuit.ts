import { Injectable, Logger } from '@nestjs/common';
import { RelayStatusStore } from '../../queue/relay-status.store';

/** First wait before a relay that could not be reached is tried again; it doubles up to the maximum. */
export const FIRST_PROBE_MS = 1000;
export const MAX_PROBE_MS = 15_000;

interface Open {
  since: number;
  error: string;
  probeAt: number;
  waitMs: number;
}

/**
 * A circuit breaker per channel relay (the SMTP server, the SMS provider), in each worker process. When the
 * relay cannot be reached (connection refused, timeout, 421), sends on that channel stop at once instead of
 * each message spending an attempt: the batches wait (their jobs are delayed, their rows given back untried)
 * and one probe goes through every few seconds (1 s, doubling, at most 15 s). The first send that reaches the
 * relay closes the circuit. An outage of the relay only delays.
 */
@Injectable()
export class RelayCircuit {
  private readonly logger = new Logger('Relay');
  private readonly open = new Map<string, Open>();

  constructor(private readonly status: RelayStatusStore) {}

  /** Milliseconds until `channel` may be tried again: 0 when the circuit is closed or a probe is due. */
  waitMs(channel: string, now = Date.now()): number {
    const o = this.open.get(channel);
    return o ? Math.max(0, o.probeAt - now) : 0;
  }

  /** How long `channel`'s relay has been unreachable (0 when it is reachable). */
  openForMs(channel: string, now = Date.now()): number {
    const o = this.open.get(channel);
    return o ? now - o.since : 0;
  }

  /** Since when `channel`'s relay has been unreachable, as this process saw it. */
  downSince(channel: string): Date | undefined {
    const o = this.open.get(channel);
    return o && new Date(o.since);
  }

  /** A send could not reach the relay: opens the circuit, or (a failed probe) waits longer before the next. */
  unreachable(channel: string, error: string, now = Date.now()): void {
    const o = this.open.get(channel);
    if (o && now < o.probeAt) return; // another lane of the same round: the circuit is already open
    const waitMs = o ? Math.min(o.waitMs * 2, MAX_PROBE_MS) : FIRST_PROBE_MS;
    const since = o?.since ?? now;
    this.open.set(channel, { since, error, probeAt: now + waitMs, waitMs });
    if (!o) this.logger.warn(`${channel} relay unreachable (${error}); sends on ${channel} wait, probing every few seconds`);
    this.status.down({ channel, since: new Date(since).toISOString(), error: error.slice(0, 300) }).catch(() => undefined);
  }

  /** A send reached the relay (whatever it answered): closes the circuit. */
  reached(channel: string, now = Date.now()): void {
    const o = this.open.get(channel);
    if (!o) return;
    this.open.delete(channel);
    this.logger.warn(`${channel} relay reachable again after ${((now - o.since) / 1000).toFixed(1)} s`);
    this.status.up(channel).catch(() => undefined);
  }
}
