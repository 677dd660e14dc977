import type { Clock } from '@gatehouse/iam';
import { GatewayError } from '../errors/gatewayError.js';
import { TokenBuckets } from './tokenBuckets.js';

/** Bucket sizes of {@link SignInLimiter}. */
export interface SignInLimits {
  /** Attempts per source IP: burst and sustained rate. */
  readonly perIp: { readonly burst: number; readonly perMinute: number };
  /** Attempts per user name (or root email), from anywhere. */
  readonly perUser: { readonly burst: number; readonly perMinute: number };
  /** Keys remembered per bucket set. */
  readonly maxKeys: number;
}

/** 10 at once then 10 a minute per IP; 5 at once then 5 a minute per user name. */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perIp: { burst: 10, perMinute: 10 },
  perUser: { burst: 5, perMinute: 5 },
  maxKeys: 100_000,
};

/**
 * Limits sign-in attempts per source IP (one client guessing many names) and per
 * user name (many clients guessing one password). In memory, per process: with N
 * gateway instances behind a balancer the effective limit is up to N times
 * higher (README, "Sign-in rate limit").
 */
export class SignInLimiter {
  readonly #perIp: TokenBuckets;
  readonly #perUser: TokenBuckets;

  constructor(clock: Clock, limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {
    this.#perIp = new TokenBuckets({
      capacity: limits.perIp.burst,
      refillPerSecond: limits.perIp.perMinute / 60,
      maxKeys: limits.maxKeys,
      clock,
    });
    this.#perUser = new TokenBuckets({
      capacity: limits.perUser.burst,
      refillPerSecond: limits.perUser.perMinute / 60,
      maxKeys: limits.maxKeys,
      clock,
    });
  }

  /**
   * Counts one attempt.
   * @throws GatewayError `TOO_MANY_REQUESTS` with `details.retryAfterSeconds`
   */
  attempt(sourceIp: string, userKey: string): void {
    for (const [buckets, key, scope] of [
      [this.#perIp, sourceIp, 'sourceIp'],
      // Names are case-insensitive in IAM: `Alice` and `alice` share a bucket.
      [this.#perUser, userKey.toLowerCase(), 'user'],
    ] as const) {
      const result = buckets.take(key);
      if (!result.allowed) {
        throw new GatewayError('TOO_MANY_REQUESTS', 'too many sign-in attempts; retry later', {
          details: { scope, retryAfterSeconds: result.retryAfterSeconds },
        });
      }
    }
  }
}
