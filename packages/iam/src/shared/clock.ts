/**
 * Where the domain gets the time. Injected everywhere (expiry, TOTP steps,
 * password age), so tests move time explicitly and never sleep.
 */
export interface Clock {
  now(): Date;
}

/** The system's wall clock. */
export const systemClock: Clock = Object.freeze({ now: () => new Date() });
