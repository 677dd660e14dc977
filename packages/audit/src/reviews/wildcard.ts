/** IAM-style pattern (`*` any run, `?` one character) as a matcher; actions compare case-insensitively. */
export function wildcardMatcher(
  pattern: string,
  caseInsensitive: boolean,
): (value: string) => boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
  return (value) => regex.test(value);
}
