import { describe, expect, it } from '@jest/globals';
import { pageOf } from './page.js';

describe('pageOf', () => {
  it('defaults to 50 and passes a cursor on', () => {
    expect(pageOf({})).toEqual({ first: 50 });
    expect(pageOf({ first: 100, after: 'abc' })).toEqual({ first: 100, after: 'abc' });
  });

  it.each([0, -1, 101, 1.5])('refuses first = %p', (first) => {
    expect(() => pageOf({ first })).toThrow(/`first` must be an integer from 1 to 100/);
  });

  it('refuses empty and oversized cursors', () => {
    expect(() => pageOf({ after: '' })).toThrow(/cursor/);
    expect(() => pageOf({ after: 'x'.repeat(1025) })).toThrow(/cursor/);
  });
});
