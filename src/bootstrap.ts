// Everything that turns the AppModule into the HTTP API, shared by main.ts and the tests so both run
// exactly the same application.
import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import { ZodValidationPipe } from 'nestjs-zod';
import { mountQueueBoard } from './admin/queue-board';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { NulBytePipe } from './common/nul-byte.pipe';
import { AppConfig } from './config/config.schema';
import { requestContext } from './common/request-context';
import { checkRedisEviction } from './queue/redis-eviction.check';
import { buildOpenApiDocument } from './openapi/openapi.document';
import { WorkerModule } from './worker.module';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
export const logLevels = (level: AppConfig['LOG_LEVEL']): LogLevel[] => LEVELS.slice(0, LEVELS.indexOf(level) + 1);

export async function createApi(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true, logger: logLevels(config.LOG_LEVEL) });
  app.useLogger(app.get(PinoLogger));
  app.disable('x-powered-by');
  // every audit row written while serving a request records the client address it came from
  app.use((req: Request, _res: Response, next: NextFunction) => requestContext.run({ origin: req.ip ?? req.socket.remoteAddress ?? 'unknown' }, next));
  // provider events are signed over their exact bytes (and may be raw bounce messages): keep them raw
  app.useBodyParser('raw', { type: (req: { url?: string }) => (req.url ?? '').startsWith('/api/v1/events/'), limit: config.BODY_LIMIT });
  app.useBodyParser('json', { limit: config.BODY_LIMIT });
  const filter = new AllExceptionsFilter();
  // body-parser errors (bad JSON, too large, bad charset) never reach Nest's filters intact: answer them here
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const [status, body] = filter.toResponse(err);
    res.status(status).json(body);
  });
  // before validation (the raw input) and after it (values a DTO decodes, e.g. a JSON filter in the query)
  app.useGlobalPipes(new NulBytePipe(), new ZodValidationPipe(), new NulBytePipe());
  app.useGlobalFilters(filter);
  app.enableShutdownHooks();

  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, { serverUrl: config.PUBLIC_URL }), { jsonDocumentUrl: 'docs/openapi.json' });
  mountQueueBoard(app);
  return app;
}

export async function createWorker(config: AppConfig) {
  const eviction = await checkRedisEviction(config.REDIS_URL, config.REDIS_ALLOW_EVICTION);
  if (eviction.message) new Logger('Redis').warn(eviction.message);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true, logger: logLevels(config.LOG_LEVEL) });
  app.useLogger(app.get(PinoLogger));
  app.enableShutdownHooks();
  return app;
}
