import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { ClockReplanner } from './clock-replanner';
import { ClockRepository } from './clock.repository';

/**
 * In the worker: what moves a clock there (an authority recipient reached, a bounce that un-meets a
 * notification) is seen by re-planning the live incidents' clock-timed steps every few seconds. Every
 * change is a compare-and-set, so two workers sweeping at once move each step once.
 */
@Injectable()
export class ClockSweepService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ClockSweepService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly repo: ClockRepository,
    private readonly replanner: ClockReplanner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const interval = Math.min(Math.max(this.config.RECONCILE_INTERVAL_MS, 1000), 10_000);
    const tick = () => {
      this.running = this.sweep()
        .catch((e: Error) => this.logger.warn(`clock re-planning failed: ${e.message}`))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(tick, interval);
        });
    };
    this.timer = setTimeout(tick, interval);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  async sweep(): Promise<number> {
    let moved = 0;
    for (const id of await this.repo.incidentsToReplan(200)) moved += (await this.replanner.replan(id, 'clock due time moved')).length;
    return moved;
  }
}
