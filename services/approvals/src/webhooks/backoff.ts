/** Retry schedule of webhook deliveries. */
export interface BackoffPolicy {
  /** Delay before the second attempt, ms. */
  readonly baseDelayMs: number;
  /** Ceiling of any delay, ms. */
  readonly maxDelayMs: number;
  /** Attempts in all; the delivery is FAILED after the last. */
  readonly maxAttempts: number;
}

/** 10 attempts over about 2.5 hours (5 s doubling, capped at 1 h). */
export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseDelayMs: 5000,
  maxDelayMs: 3_600_000,
  maxAttempts: 10,
};

/**
 * The delay after the `attempt`-th failure: exponential (`base * 2^(attempt-1)`,
 * capped), with "equal jitter" (half fixed, half random) so receivers
 * recovering from an outage are not hit by every sender at once.
 */
export function retryDelayMs(policy: BackoffPolicy, attempt: number, random: () => number): number {
  const exponential = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** Math.min(30, attempt - 1),
  );
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
