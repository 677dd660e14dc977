import { describe, expect, it } from '@jest/globals';
import { parseDateValue } from './dateValue.js';

describe('parseDateValue', () => {
  it.each([
    ['2025-01-02T03:04:05Z', Date.UTC(2025, 0, 2, 3, 4, 5)],
    ['2025-01-02T03:04:05.250Z', Date.UTC(2025, 0, 2, 3, 4, 5, 250)],
    ['2025-01-02T05:04:05+02:00', Date.UTC(2025, 0, 2, 3, 4, 5)],
    ['2025-01-02T00:04:05-0300', Date.UTC(2025, 0, 2, 3, 4, 5)],
    ['2025-01-02T03:04Z', Date.UTC(2025, 0, 2, 3, 4)],
    ['2025-01-02T03:04:05', Date.UTC(2025, 0, 2, 3, 4, 5)],
    ['2025-01-02', Date.UTC(2025, 0, 2)],
    ['2025-01', Date.UTC(2025, 0, 1)],
    ['20250102T030405Z', Date.UTC(2025, 0, 2, 3, 4, 5)],
    ['1700000000', 1_700_000_000_000],
    ['1700000000.5', 1_700_000_000_500],
    ['2025', 2_025_000],
  ])('reads %j', (text, millis) => {
    expect(parseDateValue(text)).toBe(millis);
  });

  it.each([
    'yesterday',
    '2025-13-01',
    '2023-02-29',
    '2025-01-02T24:00:00Z',
    '2025-1-2',
    '',
    ' 2025-01-02',
  ])('rejects %j', (text) => {
    expect(parseDateValue(text)).toBeUndefined();
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseDateValue('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });
});
