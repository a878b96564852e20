import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';
import { FAILURE_WINDOW_MS, lockFor, ThrottlePolicy } from './login-throttle';

@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The latest lock among these keys that is still running, if any. */
  async lockedUntil(keys: string[], now: Date): Promise<Date | null> {
    const rows = await this.prisma.loginThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } }, select: { lockedUntil: true } });
    const times = rows.map((r) => r.lockedUntil!.getTime());
    return times.length ? new Date(Math.max(...times)) : null;
  }

  /**
   * Counts one failure atomically (raw upsert: concurrent failures must each count, and an old count
   * restarts at 1), then sets the lock the new count deserves.
   */
  async fail(key: string, policy: ThrottlePolicy, now: Date): Promise<number> {
    const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MS);
    const [row] = await this.prisma.$queryRaw<{ failures: number }[]>`
      INSERT INTO login_throttle (key, failures, last_fail_at) VALUES (${key}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN login_throttle.last_fail_at < ${windowStart} THEN 1 ELSE login_throttle.failures + 1 END,
        last_fail_at = EXCLUDED.last_fail_at
      RETURNING failures`;
    const ms = lockFor(row.failures, policy);
    if (ms > 0) await this.prisma.loginThrottle.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + ms) } });
    return row.failures;
  }

  /** Forgets failures older than the window whose lock has run out (called now and then, off the request path). */
  async purge(now: Date): Promise<void> {
    await this.prisma.loginThrottle.deleteMany({
      where: { lastFailAt: { lt: new Date(now.getTime() - FAILURE_WINDOW_MS) }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    });
  }

  async clear(key: string): Promise<void> {
    await this.prisma.loginThrottle.deleteMany({ where: { key } });
  }
}
