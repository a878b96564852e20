import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/**
 * One Prometheus registry per process (not prom-client's global one: the tests run the API and workers in
 * one process, and each must report only its own figures). Metrics are created once by name.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly made = new Map<string, Counter<string> | Gauge<string>>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return this.once(name, () => new Counter<L>({ name, help, labelNames, registers: [this.registry] })) as Counter<L>;
  }

  gauge<L extends string>(name: string, help: string, labelNames: readonly L[], collect?: (g: Gauge<L>) => Promise<void>): Gauge<L> {
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

