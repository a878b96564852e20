import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import type { Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { AppException } from './app.exception';
import { ErrorBody } from './error-body';
import { ERROR_STATUS, ErrorCode } from './error-code';
import { zodIssues } from './zod-issues';
import { isError, outages, unreachableDependency } from '../../observability/outage-log';


const HTTP_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  503: ErrorCode.ServiceUnavailable,
};

/** Maps every error to `{error:{code,message,details}}` and a status; only our own bugs become 500. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.toResponse(exception);
    // a database or Redis outage: one line when it starts (and one when it ends), not a stack per request;
    // a coded 5xx (e.g. service_unavailable) is expected: one line; anything else is our bug: the stack
    const down = status === 503 ? unreachableDependency(exception) : undefined;
    if (down) outages.failed(down, exception);
    else if (status >= 500 && (exception instanceof AppException || body.error.code === ErrorCode.DatabaseBusy)) this.logger.warn(`${body.error.code}: ${body.error.message}`);
    else if (status >= 500) this.logger.error(isError(exception) ? (exception.stack ?? exception.message) : String(exception));
    if (res.headersSent) return;
    const retryAfter =
      exception instanceof AppException && exception.code === ErrorCode.RateLimited
        ? (exception.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds
        : status === 503 ? 2 : undefined; // a busy or restarting backend: come back shortly
    if (retryAfter) res.setHeader('Retry-After', String(retryAfter));
    res.status(status).json(body);
  }

  toResponse(exception: unknown): [number, ErrorBody] {
    const make = (code: ErrorCode, message: string, details?: unknown, status = ERROR_STATUS[code]): [number, ErrorBody] => [
      status,
      { error: details === undefined ? { code, message } : { code, message, details } },
    ];

    if (exception instanceof AppException) return make(exception.code, exception.message, exception.details);

    if (exception instanceof ZodValidationException) {
      const zodError = exception.getZodError();
      const details = zodError instanceof ZodError ? zodIssues(zodError) : undefined;
      const first = Array.isArray(details) && details.length ? `${details[0].path || 'body'}: ${details[0].message}` : 'invalid request';
      return make(ErrorCode.ValidationFailed, `Request validation failed (${first})`, details);
    }

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = HTTP_CODES[status] ?? (status < 500 ? ErrorCode.ValidationFailed : ErrorCode.Internal);
      return make(code, exception.message, undefined, status);
    }

    // body-parser errors carry `type` and a 4xx `status`
    const e = exception as { type?: string; status?: number; message?: string };
    if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500 && typeof e.type === 'string') {
      if (e.type === 'entity.too.large') return make(ErrorCode.PayloadTooLarge, 'Request body is larger than the limit');
      if (e.type === 'entity.parse.failed') return make(ErrorCode.MalformedBody, `Request body is not valid JSON: ${e.message}`);
      return make(HTTP_CODES[e.status] ?? ErrorCode.MalformedBody, e.message ?? 'Bad request', undefined, e.status);
    }

    if (isDatabaseBusy(exception)) {
      return make(ErrorCode.DatabaseBusy, 'The database is too busy to answer in time; nothing was changed, retry shortly');
    }
    if (isQueueUnavailable(exception)) {
      return make(ErrorCode.QueueUnavailable, 'The work queue (Redis) is unavailable; nothing was changed, retry shortly');
    }
    if (isUnavailable(exception)) {
      return make(ErrorCode.ServiceUnavailable, 'A backing service (database or queue) is unavailable; nothing was changed, retry shortly');
    }
    return make(ErrorCode.Internal, 'Internal error');
  }
}

/**
 * A machine too busy to start a transaction in time, or a transaction that outlived its time (P2028; either
 * way it rolled back). Not the caller's fault and not a bug: a 503 to retry, never a 500 (found by the
 * suite run with the cores oversubscribed).
 */
function isDatabaseBusy(exception: unknown): boolean {
  return exception instanceof Prisma.PrismaClientKnownRequestError && exception.code === 'P2028';
}

/** ioredis/BullMQ failures: no connection, no answer (Prisma's own errors are the database's). */
function isQueueUnavailable(exception: unknown): boolean {
  if (!isError(exception) || exception.name.startsWith('PrismaClient')) return false;
  return (
    exception.name === 'MaxRetriesPerRequestError' ||
    /Stream isn't writeable|Connection is closed|the queue \(Redis\) did not answer|Command timed out/.test(exception.message) ||
    (/ECONNREFUSED|connect ETIMEDOUT/.test(exception.message) && /redis|6379/i.test(exception.stack ?? ''))
  );
}

function isUnavailable(exception: unknown): boolean {
  if (exception instanceof Prisma.PrismaClientInitializationError) return true;
  // a restart or a connection that went away ("terminating connection due to administrator command", …)
  if (unreachableDependency(exception) === 'postgres') return true;
  if (exception instanceof Prisma.PrismaClientKnownRequestError && ['P1001', 'P1002', 'P1017', 'P2024'].includes(exception.code)) return true;
  const msg = isError(exception) ? exception.message : '';
  const name = isError(exception) ? exception.name : '';
  return (
    name === 'MaxRetriesPerRequestError' ||
    /ECONNREFUSED|Connection is closed|Stream isn't writeable|connect ETIMEDOUT/.test(msg)
  );
}
