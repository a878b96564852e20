import { Controller, Get, Headers, Inject, Logger, OnApplicationBootstrap, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { metricsAccess, metricsAccessNotice } from './metrics-access';
import { MetricsRegistry } from './metrics.registry';

/** Prometheus text format; who may read it: see metrics-access.ts (said at start). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: MetricsRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const notice = metricsAccessNotice(this.config);
    new Logger('Metrics')[notice.level](notice.message);
  }

  @Get()
  @Public()
  async scrape(@Headers('authorization') authorization: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const access = metricsAccess(this.config, authorization, req.socket.remoteAddress);
    if (access === 'unauthorized') throw new AppException(ErrorCode.Unauthorized, 'Metrics need "Authorization: Bearer <METRICS_TOKEN>"');
    if (access === 'loopback_only') throw new AppException(ErrorCode.Forbidden, 'Metrics are served to this host only: set METRICS_TOKEN to scrape from elsewhere');
    res.setHeader('Content-Type', this.metrics.contentType);
    res.send(await this.metrics.metrics());
  }
}
