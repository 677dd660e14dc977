import { describe, expect, it } from '@jest/globals';
import { parseNumericValue } from './numericValue.js';

describe('parseNumericValue', () => {
  it.each([
    ['10', 10],
    ['-2.5', -2.5],
    ['+3', 3],
    ['.5', 0.5],
    ['5.', 5],
    ['007', 7],
  ])('reads %j', (text, value) => {
    expect(parseNumericValue(text)).toBe(value);
  });

  it.each(['', 'ten', '1e3', '0x10', ' 1', '1 ', 'NaN', 'Infinity', '1.2.3'])(
    'rejects %j',
    (text) => {
      expect(parseNumericValue(text)).toBeUndefined();
    },
  );
});
