import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { APP_CONFIG, type AppConfig } from '../config/config.module';

const LEVEL: Record<AppConfig['LOG_LEVEL'], string> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/** Path segments that name a customer (externalIds are personal data, often an email or an account number). */
const CUSTOMER_SEGMENT = /^\/(api\/v1\/customers|api\/v1\/holds|console\/customers)\/(?!bulk$|import$)[^/]+/;
/** An email or a phone number anywhere in a path, whatever the route (e.g. suppressed addresses). */
const PERSONAL_SEGMENT = /^[^/]*(@|%40)[^/]*$|^(\+|%2B)\d{6,}$/i;

/**
 * Paths without what could identify a person: notice-page tokens, customer externalIds, any segment that
 * looks like an email or a phone number, and query strings (filters may hold emails).
 */
export function scrubUrl(url: string | undefined): string {
  return (url ?? '')
    .split('?')[0]
    .replace(/^\/n\/[^/]+/, '/n/[token]')
    .replace(CUSTOMER_SEGMENT, (_m, base: string) => `/${base}/[externalId]`)
    .split('/')
    .map((seg) => (PERSONAL_SEGMENT.test(seg) ? '[redacted]' : seg))
    .join('/');
}

/**
 * Structured JSON logs (pino) for both processes. No personal data: request logs carry method, scrubbed
 * path, status and duration, never bodies, query strings, tokens or credentials; our own messages name
 * incidents, steps and notifications by id.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: LEVEL[config.LOG_LEVEL],
          base: { service: 'tocsin' },
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics' },
          serializers: {
            req: (req: { id?: unknown; method?: string; url?: string }) => ({ id: req.id, method: req.method, url: scrubUrl(req.url) }),
            res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
          },
          redact: ['req.headers', 'res.headers'],
        },
      }),
    }),
  ],
})
export class LoggingModule {}
