import { describe, expect, it } from '@jest/globals';
import { LineIndex } from './location.js';

describe('LineIndex', () => {
  it('locates offsets on LF lines', () => {
    const lines = new LineIndex('ab\ncd\n\nef');
    expect(lines.locate(0)).toEqual({ offset: 0, line: 1, column: 1 });
    expect(lines.locate(4)).toEqual({ offset: 4, line: 2, column: 2 });
    expect(lines.locate(7)).toEqual({ offset: 7, line: 4, column: 1 });
  });

  it('treats CRLF as one line break and a lone CR as a break', () => {
    const lines = new LineIndex('a\r\nb\rc');
    expect(lines.locate(3)).toMatchObject({ line: 2, column: 1 });
    expect(lines.locate(5)).toMatchObject({ line: 3, column: 1 });
  });

  it('locates the end of the text', () => {
    expect(new LineIndex('abc').locate(3)).toMatchObject({ line: 1, column: 4 });
  });
});
