import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  START_CHECKPOINT,
  assertCheckpoint,
  compareCheckpoints,
  formatCheckpoint,
  parseCheckpoint,
} from './checkpoint.js';

const checkpoint = fc.record({
  transactionId: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  globalPosition: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
});

describe('checkpoints', () => {
  it('order by transaction id, then global position', () => {
    expect(
      compareCheckpoints(
        { transactionId: 5n, globalPosition: 100n },
        { transactionId: 6n, globalPosition: 1n },
      ),
    ).toBeLessThan(0);
    expect(
      compareCheckpoints(
        { transactionId: 6n, globalPosition: 2n },
        { transactionId: 6n, globalPosition: 1n },
      ),
    ).toBeGreaterThan(0);
    expect(compareCheckpoints(START_CHECKPOINT, { transactionId: 0n, globalPosition: 0n })).toBe(0);
  });

  it('format and parse round trip', () => {
    fc.assert(
      fc.property(checkpoint, (c) => {
        expect(parseCheckpoint(formatCheckpoint(c))).toEqual(c);
        expect(() => {
          assertCheckpoint(c);
        }).not.toThrow();
      }),
    );
  });

  it.each(['', '1', '1:', ':1', '-1:2', '1:2:3', 'a:b', '1:99999999999999999999'])(
    'refuses %j',
    (text) => {
      expect(() => parseCheckpoint(text)).toThrow(/checkpoint/);
    },
  );

  it('refuses out-of-range values', () => {
    expect(() => {
      assertCheckpoint({ transactionId: -1n, globalPosition: 0n });
    }).toThrow();
    expect(() => {
      assertCheckpoint({ transactionId: 0n, globalPosition: 2n ** 63n });
    }).toThrow();
  });
});
