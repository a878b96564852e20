import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import type { ClaimedNotification } from '../notification.repository';
import type { StepContext } from '../step.repository';
import { isValidTimeZone, parseQuietHours, QuietWindow, quietUntil } from './quiet-hours.util';

export interface Deferral {
  id: string;
  until: Date;
  reason: string;
}

/**
 * Whether a claimed SMS must wait for the end of the customer's quiet hours: only SMS (an email does not
 * wake anyone), only to customers, only for steps marked `urgent: false`.
 */
@Injectable()
export class QuietHours {
  private readonly window: QuietWindow | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.window = parseQuietHours(config.QUIET_HOURS);
  }

  deferral(step: StepContext, n: ClaimedNotification): Deferral | null {
    if (!this.window || n.channel !== 'sms' || !n.customer_id) return null;
    if ((step.definition as { urgent?: boolean }).urgent !== false) return null;
    const zone = n.timezone && isValidTimeZone(n.timezone) ? n.timezone : this.config.QUIET_HOURS_TIMEZONE;
    const until = quietUntil(this.clock.now(), zone, this.window);
    return until ? { id: n.id, until, reason: `quiet hours (${this.window.label} ${zone}): sends at ${until.toISOString()}` } : null;
  }
}
