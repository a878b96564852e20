import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/**
 * prom-client's default families that break the Prometheus naming rules or expose an empty family:
 * `nodejs_active_{handles,requests,resources}_total` are gauges named like counters (`promtool check
 * metrics` fails on them; the totals are `sum(nodejs_active_handles)` / `sum(nodejs_active_resources)`), and
 * `nodejs_active_requests{type}` is empty whenever no libuv request is in flight (those requests are counted
 * in `nodejs_active_resources{type}` too, on every Node version Tocsin supports).
 */
export const DROPPED_DEFAULT_METRICS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total', 'nodejs_active_requests'] as const;

/**
 * One Prometheus registry per process (not prom-client's global one: the tests run the API and workers in
 * one process, and each must report only its own figures). A metric is registered by the code that records
 * it, so an endpoint lists only what its process measures. Metrics are created once by name, and their names
 * are checked here so a counter without `_total` or a gauge with it cannot be registered at all.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly made = new Map<string, Counter<string> | Gauge<string>>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    for (const name of DROPPED_DEFAULT_METRICS) this.registry.removeSingleMetric(name);
  }

  /**
   * A counter; `initial` lists label sets that exist from the start at 0, so the family has samples (and
   * `rate()` a starting point) before the first event — an empty family on an endpoint looks like a metric
   * that is not measured there.
   */
  counter<L extends string>(name: string, help: string, labelNames: readonly L[], initial: readonly Partial<Record<L, string>>[] = []): Counter<L> {
    if (!name.endsWith('_total')) throw new Error(`counter ${name}: counter names end in _total`);
    const counter = this.once(name, () => new Counter<L>({ name, help, labelNames, registers: [this.registry] })) as Counter<L>;
    for (const labels of initial) counter.inc(labels, 0);
    return counter;
  }

  gauge<L extends string>(name: string, help: string, labelNames: readonly L[], collect?: (g: Gauge<L>) => Promise<void>): Gauge<L> {
    if (name.endsWith('_total')) throw new Error(`gauge ${name}: only counters end in _total`);
    return this.once(
      name,
      () => new Gauge<L>({ name, help, labelNames, registers: [this.registry], ...(collect ? { collect(this: Gauge<L>) { return collect(this); } } : {}) }),
    ) as Gauge<L>;
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private once(name: string, make: () => Counter<string> | Gauge<string>) {
    let m = this.made.get(name);
    if (!m) this.made.set(name, (m = make()));
    return m;
  }
}
