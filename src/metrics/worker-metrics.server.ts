import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { METRICS_REFUSAL, metricsAccess, metricsAccessNotice } from './metrics-access';
import { MetricsRegistry } from './metrics.registry';

/**
 * The worker has no HTTP API, yet its counters (sends, fan-out, reconciler) live in its memory: with
 * METRICS_PORT set it serves them at `GET /metrics` on that port, one scrape target per worker process.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server?: Server;

  constructor(
    private readonly metrics: MetricsRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The port actually bound (METRICS_PORT=0 picks a free one; used by tests). */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.METRICS_PORT === undefined) return;
    this.server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'Only GET /metrics is served here' } }));
        return;
      }
      const access = metricsAccess(this.config, req.headers.authorization, req.socket.remoteAddress);
      if (access !== 'ok') {
        const { status, code, message } = METRICS_REFUSAL[access];
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code, message } }));
        return;
      }
      this.metrics
        .metrics()
        .then((body) => res.writeHead(200, { 'Content-Type': this.metrics.contentType }).end(body))
        .catch(() => res.writeHead(500).end());
    });
    await new Promise<void>((resolve, reject) => this.server!.once('error', reject).listen(this.config.METRICS_PORT, this.config.METRICS_HOST, resolve));
    const notice = metricsAccessNotice(this.config);
    this.logger.log(`worker metrics on ${this.config.METRICS_HOST}:${this.port}/metrics`);
    this.logger[notice.level](notice.message);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
