import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { HoldRepository } from './hold.repository';

export interface HoldView {
  externalId: string;
  onHold: boolean;
  /** when the hold ends; null while an incident touching the customer is still open (or when not on hold) */
  until: string | null;
  incidents: { id: string; title: string; state: string; declaredAt: string; until: string | null }[];
}

export type HoldSyncLine = { externalId: string; onHold: true; until: string | null } | { externalId: string; onHold: false; releasedAt: string | null };

const PAGE = 5000;

/**
 * Marketing hold: from declaration until the incident closes, plus HOLD_COOLDOWN_HOURS, every affected
 * customer must not get marketing. Derived on read from incidents and affected rows, so it is never stale.
 */
@Injectable()
export class HoldsService {
  constructor(
    private readonly holds: HoldRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forCustomer(externalId: string): Promise<HoldView> {
    const now = this.clock.now();
    const rows = await this.holds.incidentsOf(externalId, this.config.HOLD_COOLDOWN_HOURS);
    const holding = rows.filter((r) => r.until === null || r.until > now);
    const open = holding.some((r) => r.until === null);
    const until = open || !holding.length ? null : new Date(Math.max(...holding.map((r) => r.until!.getTime())));
    return {
      externalId,
      onHold: holding.length > 0,
      until: until?.toISOString() ?? null,
      incidents: holding.map((r) => ({ id: r.id, title: r.title, state: r.state, declaredAt: r.declared_at.toISOString(), until: r.until?.toISOString() ?? null })),
    };
  }

  /** Everyone on hold (or, with `since`, every change since then), page by page so memory stays flat. */
  async *sync(since: Date | null): AsyncGenerator<HoldSyncLine> {
    const now = this.clock.now();
    let after: string | null = null;
    for (;;) {
      const page = await this.holds.page(after, PAGE, this.config.HOLD_COOLDOWN_HOURS, since);
      for (const r of page) {
        const held = r.open || (r.ends !== null && r.ends > now);
        yield held
          ? { externalId: r.external_id, onHold: true, until: r.open ? null : r.ends!.toISOString() }
          : { externalId: r.external_id, onHold: false, releasedAt: r.ends?.toISOString() ?? null };
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1].customer_id;
    }
  }
}
