import { ErrorCode } from './error-code';

/**
 * The one exception type features throw. Services and jobs never throw HttpException;
 * the global filter maps the code to a status and the JSON error shape.
 */
export class AppException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppException';
  }

  static notFound(what: string, id: string): AppException {
    return new AppException(ErrorCode.NotFound, `${what} '${id}' was not found`);
  }
}
