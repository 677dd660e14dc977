/**
 * Wildcard patterns of the rules file: `*` matches any run of characters, `?`
 * one character, everything else itself. Actions compare case-insensitively
 * (as IAM's do), resources case-sensitively.
 */
const cache = new Map<string, RegExp>();

function compile(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  let regex = cache.get(key);
  if (regex === undefined) {
    const body = Array.from(pattern)
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    if (cache.size > 5000) cache.clear();
    cache.set(key, regex);
  }
  return regex;
}

/** True when `value` matches the wildcard `pattern`. */
export function matchesPattern(pattern: string, value: string, ignoreCase = false): boolean {
  return compile(pattern, ignoreCase).test(value);
}

/** True when `value` matches any of the patterns. */
export function matchesAny(
  patterns: readonly string[],
  value: string,
  ignoreCase = false,
): boolean {
  return patterns.some((pattern) => matchesPattern(pattern, value, ignoreCase));
}
