import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ReconcilerService } from '../dispatch/reconciler.service';
import { DispatchMetrics } from './dispatch.metrics';

/**
 * Counts what each reconciler pass repaired, from the result `tick()` already returns. It wraps the method
 * rather than editing the reconciler (owned by the scheduling work); a one-line call to
 * `DispatchMetrics.reconciled()` at the end of `tick()` would replace this file.
 */
@Injectable()
export class ReconcilerMetricsHook implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly metrics: DispatchMetrics,
  ) {}

  onApplicationBootstrap(): void {
    let reconciler: ReconcilerService;
    try {
      reconciler = this.moduleRef.get(ReconcilerService, { strict: false });
    } catch {
      return; // no dispatch module in this process
    }
    const tick = reconciler.tick.bind(reconciler);
    reconciler.tick = async () => {
      const result = await tick();
      if (result) this.metrics.reconciled(result);
      return result;
    };
  }
}
