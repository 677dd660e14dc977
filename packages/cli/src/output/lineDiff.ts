/** One line of a diff. */
export interface DiffLine {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
}

/** A line diff (longest common subsequence), for policy documents of a few hundred lines. */
export function lineDiff(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = [];
  for (let i = n; i >= 0; i--) {
    const row = new Array<number>(m + 1).fill(0);
    for (let j = m - 1; j >= 0 && i < n; j--) {
      row[j] =
        before[i] === after[j]
          ? (lcs[i + 1]?.[j + 1] ?? 0) + 1
          : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
    lcs[i] = row;
  }
  const result: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      result.push({ kind: 'same', text: before[i] ?? '' });
      i++;
      j++;
    } else if ((lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)) {
      result.push({ kind: 'removed', text: before[i] ?? '' });
      i++;
    } else {
      result.push({ kind: 'added', text: after[j] ?? '' });
      j++;
    }
  }
  while (i < n) result.push({ kind: 'removed', text: before[i++] ?? '' });
  while (j < m) result.push({ kind: 'added', text: after[j++] ?? '' });
  return result;
}
