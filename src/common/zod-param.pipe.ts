import { PipeTransform } from '@nestjs/common';
import { ZodType } from 'zod';
import { AppException } from './errors/app.exception';
import { ErrorCode } from './errors/error-code';

/** Validates one path parameter with a zod schema; a bad value is a 400 naming the parameter. */
export class ZodParam<T> implements PipeTransform<string, T> {
  constructor(
    private readonly schema: ZodType<T>,
    private readonly name: string,
  ) {}

  transform(value: string): T {
    const r = this.schema.safeParse(value);
    if (!r.success) throw new AppException(ErrorCode.ValidationFailed, `${this.name}: ${r.error.issues[0].message}`, [{ path: this.name, message: r.error.issues[0].message }]);
    return r.data;
  }
}
