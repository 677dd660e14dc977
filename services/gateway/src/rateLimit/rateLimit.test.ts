import { describe, expect, it } from '@jest/globals';
import { ManualClock } from '@gatehouse/iam/testing';
import { isGatewayError } from '../errors/gatewayError.js';
import { SignInLimiter } from './signInLimiter.js';
import { TokenBuckets } from './tokenBuckets.js';

describe('TokenBuckets', () => {
  it('allows the burst, then one token per refill interval', () => {
    const clock = new ManualClock();
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 0.5, maxKeys: 10, clock });
    expect(buckets.take('ip')).toEqual({ allowed: true });
    expect(buckets.take('ip')).toEqual({ allowed: true });
    expect(buckets.take('ip')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    clock.advanceSeconds(2);
    expect(buckets.take('ip')).toEqual({ allowed: true });
    expect(buckets.take('other')).toEqual({ allowed: true });
  });

  it('keeps at most maxKeys buckets', () => {
    const buckets = new TokenBuckets({
      capacity: 1,
      refillPerSecond: 1,
      maxKeys: 3,
      clock: new ManualClock(),
    });
    for (const key of ['a', 'b', 'c', 'd', 'e']) buckets.take(key);
    expect(buckets.size).toBe(3);
  });
});

describe('SignInLimiter', () => {
  it('limits per source IP and per user name (case-insensitively)', () => {
    const clock = new ManualClock();
    const limiter = new SignInLimiter(clock, {
      perIp: { burst: 3, perMinute: 3 },
      perUser: { burst: 2, perMinute: 2 },
      maxKeys: 100,
    });
    limiter.attempt('10.0.0.1', 'alice');
    limiter.attempt('10.0.0.2', 'Alice');
    let refused: unknown;
    try {
      limiter.attempt('10.0.0.3', 'ALICE');
    } catch (error) {
      refused = error;
    }
    expect(isGatewayError(refused, 'TOO_MANY_REQUESTS') && refused.details).toEqual({
      scope: 'user',
      retryAfterSeconds: 30,
    });
    limiter.attempt('10.0.0.1', 'bob');
    limiter.attempt('10.0.0.1', 'carol');
    expect(() => limiter.attempt('10.0.0.1', 'dave')).toThrow(/too many sign-in attempts/);
    clock.advanceSeconds(60);
    expect(() => limiter.attempt('10.0.0.1', 'dave')).not.toThrow();
  });
});
