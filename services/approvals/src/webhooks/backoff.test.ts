import { describe, expect, it } from '@jest/globals';
import { DEFAULT_BACKOFF, retryDelayMs } from './backoff.js';

describe('retryDelayMs', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 10_000, maxAttempts: 5 };

  it('doubles per attempt with equal jitter (half fixed, half random)', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(policy, n, () => 0))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(policy, n, () => 1))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it('is capped', () => {
    expect(retryDelayMs(policy, 30, () => 1)).toBe(10_000);
    expect(retryDelayMs(DEFAULT_BACKOFF, 1_000, () => 1)).toBe(DEFAULT_BACKOFF.maxDelayMs);
  });
});
