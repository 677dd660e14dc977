/** A position in policy text: 0-based offset, 1-based line and column, in UTF-16 code units. */
export interface SourceLocation {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** Maps offsets of one text to lines and columns; built once per document. */
export class LineIndex {
  readonly #lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // A lone CR ends a line as LF and CRLF do, so columns match what editors show.
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.#lineStarts.push(i + 1);
    }
  }

  /** The line and column of an offset. */
  locate(offset: number): SourceLocation {
    const starts = this.#lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { offset, line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }
}
