// Who may read /metrics (API and worker): the counters name incidents and show volumes, so they are not
// for the internet. With METRICS_TOKEN: the token. Without it in production: loopback clients only (a
// Prometheus or sidecar on the same host). Without it elsewhere: open (development and tests).
import { safeEqual } from '../common/safe-equal';
import type { AppConfig } from '../config/config.schema';

export type MetricsAccess = 'ok' | 'unauthorized' | 'loopback_only';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function metricsAccess(config: Pick<AppConfig, 'METRICS_TOKEN' | 'NODE_ENV'>, authorization: string | undefined, remoteAddress: string | undefined): MetricsAccess {
  if (config.METRICS_TOKEN) return safeEqual(/^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '', config.METRICS_TOKEN) ? 'ok' : 'unauthorized';
  if (config.NODE_ENV === 'production') return LOOPBACK.test(remoteAddress ?? '') ? 'ok' : 'loopback_only';
  return 'ok';
}

/** What a refusal says (the JSON error body). */
export const METRICS_REFUSAL: Record<Exclude<MetricsAccess, 'ok'>, { status: number; code: string; message: string }> = {
  unauthorized: { status: 401, code: 'unauthorized', message: 'Metrics need "Authorization: Bearer <METRICS_TOKEN>"' },
  loopback_only: { status: 403, code: 'forbidden', message: 'Metrics are served to this host only: set METRICS_TOKEN to scrape from elsewhere' },
};

/** The line each process logs at start, so an operator sees how /metrics is exposed. */
export function metricsAccessNotice(config: Pick<AppConfig, 'METRICS_TOKEN' | 'NODE_ENV'>): { level: 'log' | 'warn'; message: string } {
  if (config.METRICS_TOKEN) return { level: 'log', message: '/metrics needs Authorization: Bearer <METRICS_TOKEN>' };
  if (config.NODE_ENV === 'production') return { level: 'warn', message: 'METRICS_TOKEN is not set: /metrics answers loopback clients only (set METRICS_TOKEN to scrape from another host)' };
  return { level: 'warn', message: `METRICS_TOKEN is not set and NODE_ENV=${config.NODE_ENV}: /metrics is open to anyone who can reach this port` };
}
