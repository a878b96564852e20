import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import { Public } from '../auth/auth.decorators';
import { MailTransport } from '../channels/email/mail-transport';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { PrismaService } from '../database/prisma.service';
import { QueueName } from '../queue/queue.constants';
import { RelayStatusStore } from '../queue/relay-status.store';
import { ApiErrors, ApiJson } from '../openapi/api-doc.decorators';
import { z } from 'zod';

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

/** Liveness of what the API needs (Postgres, Redis: 503 when down); SMTP is reported, not required by the API. */
@ApiTags('ops')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly prisma: PrismaService,
    private readonly mail: MailTransport,
    @InjectQueue(QueueName.Send) private readonly sendQueue: Queue,
    private readonly relays: RelayStatusStore,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Check the API\'s health' })
  @ApiJson(200, 'Health', z.object({ status: z.literal('ok'), info: z.record(z.string(), z.record(z.string(), z.unknown())), error: z.record(z.string(), z.unknown()), details: z.record(z.string(), z.record(z.string(), z.unknown())) }), 'Postgres and Redis answer; SMTP and the relays are reported')
  @ApiErrors(503)
  async check() {
    try {
      return await this.checkAll();
    } catch (e) {
      // 503 in the one error shape, naming what is down (a monitor reads `details`)
      if (!(e instanceof ServiceUnavailableException)) throw e;
      const details = (e.getResponse() as { details?: Record<string, { status: string }> }).details ?? {};
      const down = Object.entries(details).filter(([, v]) => v.status === 'down').map(([k]) => k);
      throw new AppException(down.includes('database') ? ErrorCode.ServiceUnavailable : ErrorCode.QueueUnavailable, `Down: ${down.join(', ')}`, details);
    }
  }

  private checkAll() {
    return this.health.check([
      async () => {
        const i = this.indicator.check('database');
        try {
          await withTimeout(this.prisma.$queryRaw`SELECT 1`, 2000);
          return i.up();
        } catch (e) {
          return i.down({ message: (e as Error).message });
        }
      },
      async () => {
        const i = this.indicator.check('redis');
        try {
          const counts = await withTimeout(this.sendQueue.getJobCounts('waiting', 'active', 'delayed', 'failed'), 2000);
          return i.up({ sendQueue: counts });
        } catch (e) {
          return i.down({ message: (e as Error).message });
        }
      },
      async () => {
        const r = await this.mail.verify(2000);
        // reported as up with `reachable`, so an SMTP outage shows without making the API look dead
        return this.indicator.check('smtp').up({ reachable: r.ok, ...(r.error ? { message: r.error } : {}) });
      },
      async () => {
        // what the workers found: a relay they cannot reach, since when (their sends wait meanwhile)
        const down = await withTimeout(this.relays.list(), 2000).catch(() => []);
        return this.indicator.check('relays').up({
          unreachable: down,
          ...(down.length ? { message: down.map((d) => `${d.channel} relay unreachable since ${d.since} (${d.error})`).join('; ') } : {}),
        });
      },
    ]);
  }
}
