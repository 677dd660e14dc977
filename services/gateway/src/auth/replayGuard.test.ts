import { describe, expect, it } from '@jest/globals';
import { ManualClock } from '@gatehouse/iam/testing';
import { ReplayGuard } from './replayGuard.js';

describe('ReplayGuard', () => {
  it('accepts a signature once within the window, again after it', () => {
    const clock = new ManualClock();
    const guard = new ReplayGuard(clock, 600_000);
    expect(guard.firstUse('sig-1')).toBe(true);
    expect(guard.firstUse('sig-1')).toBe(false);
    expect(guard.firstUse('sig-2')).toBe(true);
    clock.advance(600_001);
    expect(guard.firstUse('sig-1')).toBe(true);
  });

  it('stays bounded', () => {
    const guard = new ReplayGuard(new ManualClock(), 600_000, 3);
    for (const s of ['a', 'b', 'c', 'd']) expect(guard.firstUse(s)).toBe(true);
    // `a` was forgotten to stay within 3 entries.
    expect(guard.firstUse('a')).toBe(true);
    expect(guard.firstUse('d')).toBe(false);
  });
});
