import type { Clock } from '../shared/clock.js';

/** A clock tests move by hand: time passes only when told (no sleeping). */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: Date | string = '2026-11-28T09:00:00.000Z') {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  /** Moves time forward. */
  advance(milliseconds: number): void {
    this.#now += milliseconds;
  }

  /** Moves time forward by seconds. */
  advanceSeconds(seconds: number): void {
    this.#now += seconds * 1000;
  }

  set(at: Date | string): void {
    this.#now = new Date(at).getTime();
  }
}
