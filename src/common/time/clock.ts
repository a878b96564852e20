import { Injectable } from '@nestjs/common';

/** The source of "now", injectable so schedules and deadlines are testable without sleeping. */
@Injectable()
export class Clock {
  private static shiftMs = 0;

  /**
   * Moves every Clock of this process forward (tests, and drills that rehearse "72 hours later").
   * Delayed queue jobs still run on real time; the reconciler fires what this clock says is due.
   */
  static travel(ms: number): void {
    Clock.shiftMs += ms;
  }

  static reset(): void {
    Clock.shiftMs = 0;
  }

  now(): Date {
    return new Date(Date.now() + Clock.shiftMs);
  }
}
