import { DynamicModule, Module } from '@nestjs/common';
import { DispatchMetrics } from './dispatch.metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';
import { QueueMetrics } from './queue.metrics';
import { ReconcilerMetricsHook } from './reconciler-metrics.hook';
import { WorkerMetricsServer } from './worker-metrics.server';

/**
 * Prometheus metrics, one registry per process, each listing only what its process measures. The API serves
 * GET /metrics (queue depths, steps and notifications by state, customers of live incidents, provider
 * events, process figures); each worker serves its own counters (sends by channel and outcome, fan-out
 * recipients, reconciler actions, process figures) on METRICS_PORT. The list per endpoint is in
 * docs/operations.md; test/metrics-lint.e2e.spec.ts holds both to it.
 */
@Module({})
export class MetricsModule {
  static forApi(): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      // no DispatchMetrics: the API never sends, so the worker's counters would be empty families here
      providers: [MetricsRegistry, QueueMetrics],
      exports: [MetricsRegistry],
    };
  }

  static forWorker(): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      providers: [MetricsRegistry, DispatchMetrics, WorkerMetricsServer, ReconcilerMetricsHook],
      exports: [MetricsRegistry, DispatchMetrics],
    };
  }
}
