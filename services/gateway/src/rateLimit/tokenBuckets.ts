import type { Clock } from '@gatehouse/iam';

/** Options of {@link TokenBuckets}. */
export interface TokenBucketOptions {
  /** Tokens a bucket holds when full (the burst). */
  readonly capacity: number;
  /** Tokens added per second. */
  readonly refillPerSecond: number;
  /** Buckets kept at most; the least recently used is forgotten first (it is then full again). */
  readonly maxKeys: number;
  readonly clock: Clock;
}

/** The outcome of {@link TokenBuckets.take}. */
export type TakeResult =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * One token bucket per key (source IP, user name), in memory. Forgetting a bucket
 * can only make it full again, so eviction errs toward allowing, and the memory
 * stays bounded by `maxKeys` whatever an attacker sends.
 */
export class TokenBuckets {
  readonly #options: TokenBucketOptions;
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: TokenBucketOptions) {
    if (options.capacity < 1 || options.refillPerSecond <= 0 || options.maxKeys < 1) {
      throw new RangeError('token buckets need capacity >= 1, refill > 0 and maxKeys >= 1');
    }
    this.#options = options;
  }

  /** Takes a token from `key`'s bucket, or says how long until one is there. */
  take(key: string): TakeResult {
    const now = this.#options.clock.now().getTime();
    const { capacity, refillPerSecond } = this.#options;
    const existing = this.#buckets.get(key);
    const tokens =
      existing === undefined
        ? capacity
        : Math.min(
            capacity,
            existing.tokens + ((now - existing.updatedAt) / 1000) * refillPerSecond,
          );
    // Re-inserting keeps Map order = least recently used first.
    this.#buckets.delete(key);
    if (tokens < 1) {
      this.#buckets.set(key, { tokens, updatedAt: now });
      return { allowed: false, retryAfterSeconds: Math.ceil((1 - tokens) / refillPerSecond) };
    }
    this.#buckets.set(key, { tokens: tokens - 1, updatedAt: now });
    while (this.#buckets.size > this.#options.maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest === undefined) break;
      this.#buckets.delete(oldest);
    }
    return { allowed: true };
  }

  /** Buckets held (for tests and metrics). */
  get size(): number {
    return this.#buckets.size;
  }
}
