import { Injectable } from '@nestjs/common';

/** The source of "now", injectable so schedules and deadlines are testable without sleeping. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
