import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { type ConsoleRequest } from './console-http';
import { ConsoleRenderer } from './console.renderer';

const TITLES: Record<number, string> = { 400: 'That request was not valid', 403: 'Not allowed', 404: 'Not found', 409: 'That cannot be done now', 422: 'That cannot be done', 503: 'Try again shortly' };

/**
 * Console errors as pages: not signed in → redirect to the login page (with a relative `next`); anything
 * else → the same status and message the API filter would give, as an HTML page (or its JSON body when a
 * console script asked for JSON).
 */
@Catch()
@Injectable()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Console');
  private readonly api = new AllExceptionsFilter();

  constructor(private readonly renderer: ConsoleRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<ConsoleRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const wantsJson = (req.get('accept') ?? '').includes('application/json') || req.get('x-requested-with') === 'fetch';
    if (exception instanceof AppException && exception.code === ErrorCode.Unauthorized && !wantsJson) {
      const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
      res.redirect(303, `/console/login${next}`);
      return;
    }
    const [status, body] = this.api.toResponse(exception);
    if (status >= 500 && !(exception instanceof AppException)) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    if (wantsJson) {
      res.status(status).json(body);
      return;
    }
    const title = TITLES[status] ?? (status >= 500 ? 'Something went wrong' : 'That request was not valid');
    const message = status >= 500 && status !== 503 ? 'Something went wrong on our side. The error was logged; try again, or contact your administrator.' : body.error.message;
    try {
      this.renderer.render(res, 'errors/error', { title, status, message, code: body.error.code }, { status });
    } catch (e) {
      this.logger.error(`could not render the error page: ${(e as Error).message}`);
      res.status(status).type('text/plain').send(`${title}: ${message}`);
    }
  }
}
