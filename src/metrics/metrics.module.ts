import { DynamicModule, Module } from '@nestjs/common';
import { DispatchMetrics } from './dispatch.metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';
import { QueueMetrics } from './queue.metrics';
import { ReconcilerMetricsHook } from './reconciler-metrics.hook';
import { WorkerMetricsServer } from './worker-metrics.server';

/**
 * Prometheus metrics, one registry per process. The API serves GET /metrics (queue depths, steps by state,
 * provider events, HTTP process figures); each worker serves its own counters (sends by channel and
 * outcome, fan-out recipients, reconciler actions) on METRICS_PORT.
 */
@Module({})
export class MetricsModule {
  static forApi(): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [MetricsRegistry, DispatchMetrics, QueueMetrics],
      exports: [MetricsRegistry, DispatchMetrics],
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
