/**
 * Whether every string matched by the wildcard pattern `inner` is also matched by `outer`.
 * Sound but not complete: a `true` is always right, a `false` may miss a coverage that needs
 * reasoning about several wildcards. Handles the cases that matter in practice: equal patterns,
 * `*`, a literal `inner`, and a literal prefix followed by one final `*`. Patterns holding policy
 * variables cover only themselves.
 */
export function patternCovers(outer: string, inner: string, ignoreCase: boolean): boolean {
  const o = ignoreCase ? outer.toLowerCase() : outer;
  const i = ignoreCase ? inner.toLowerCase() : inner;
  if (o === i) return true;
  if (o.includes('${') || i.includes('${')) return false;
  if (o === '*') return true;
  if (!hasWildcard(o)) return false;
  if (!hasWildcard(i)) return wildcardMatches(o, i);
  const star = o.indexOf('*');
  if (star === o.length - 1 && !o.includes('?')) {
    const prefix = o.slice(0, star);
    const innerPrefix = i.slice(0, prefix.length);
    return innerPrefix === prefix && !hasWildcard(innerPrefix);
  }
  return false;
}

function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/**
 * Plain wildcard match of a literal subject. Stricter than the Resource element's segment rule
 * (where a `*` may stay within an ARN segment), so only used where a `*` matches any run: a
 * literal `inner` matched here by a pattern with a mid-segment `*` could be rejected by IAM, so
 * patterns with a `*` before the fifth colon of an ARN are treated as not covering.
 */
function wildcardMatches(pattern: string, subject: string): boolean {
  if (pattern.startsWith('arn:') && colonsBeforeFirstWildcard(pattern) < 5) return false;
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < subject.length) {
    const c = pattern[p];
    if (c === '*') {
      starP = p++;
      starS = s;
    } else if (c !== undefined && (c === '?' || c === subject[s])) {
      p++;
      s++;
    } else if (starP >= 0) {
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

function colonsBeforeFirstWildcard(pattern: string): number {
  let colons = 0;
  for (const c of pattern) {
    if (c === '*' || c === '?') return colons;
    if (c === ':') colons++;
  }
  return colons;
}
