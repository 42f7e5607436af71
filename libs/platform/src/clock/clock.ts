import { Injectable } from '@nestjs/common';

/**
 * The one source of "now". Production uses the system clock; tests bind
 * `ManualClock` so schedules and day counts are tested without sleeping.
 */
export abstract class Clock {
  abstract now(): Date;
  /** Today's calendar date in UTC, 'YYYY-MM-DD'. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class ManualClock extends Clock {
  constructor(private current: Date = new Date()) {
    super();
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
