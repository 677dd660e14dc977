import type { Clock } from '@gatehouse/iam';

/**
 * Remembers the signatures accepted within the replay window, so a captured
 * signed request cannot be sent again while its date is still acceptable. A
 * signature older than the window is refused by the date check anyway, so
 * entries expire with it. In memory and per process (README: several gateway
 * instances each keep their own; a shared store would close that gap).
 */
export class ReplayGuard {
  readonly #seen = new Map<string, number>();
  readonly #clock: Clock;
  readonly #windowMs: number;
  readonly #maxEntries: number;

  constructor(clock: Clock, windowMs: number, maxEntries = 200_000) {
    this.#clock = clock;
    this.#windowMs = windowMs;
    this.#maxEntries = maxEntries;
  }

  /** Records a signature; false when it was seen within the window (a replay). */
  firstUse(signature: string): boolean {
    const now = this.#clock.now().getTime();
    this.#expire(now);
    if (this.#seen.has(signature)) return false;
    this.#seen.set(signature, now + this.#windowMs);
    // Full even after expiry: forget the oldest; their dates expire soon after anyway.
    while (this.#seen.size > this.#maxEntries) {
      const oldest = this.#seen.keys().next().value;
      if (oldest === undefined) break;
      this.#seen.delete(oldest);
    }
    return true;
  }

  #expire(now: number): void {
    // Map order is insertion order, so expiry times increase along it.
    for (const [signature, expiresAt] of this.#seen) {
      if (expiresAt > now) break;
      this.#seen.delete(signature);
    }
  }
}
