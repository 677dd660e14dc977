import {
  EVERYTHING,
  isEverything,
  languageIncludes,
  languageIncludesCached,
  languageMatchesCached,
  languagesIntersectCached,
  type PatternLanguage,
} from '../patterns/patternLanguage.js';

/**
 * A set of strings described by patterns: all strings, those matching some pattern (`Action`,
 * `Resource`), or those matching none (`NotAction`, `NotResource`).
 */
export type Region =
  | { readonly kind: 'all' }
  | { readonly kind: 'some'; readonly patterns: readonly PatternLanguage[] }
  | { readonly kind: 'except'; readonly patterns: readonly PatternLanguage[] };

/** Every string. */
export const ALL: Region = { kind: 'all' };

/** A region of the given patterns; `*` among them makes it `all`. */
export function someOf(patterns: readonly PatternLanguage[]): Region {
  if (patterns.some((p) => isEverything(p) && p.approximate !== true)) return ALL;
  return { kind: 'some', patterns };
}

/** A region of strings matching none of the patterns. */
export function exceptOf(patterns: readonly PatternLanguage[]): Region {
  return { kind: 'except', patterns };
}

/**
 * Whether every string of `inner` is in `outer`. Sound: a `true` is always right; a `false`
 * may be an inclusion too complex to prove (never for the shapes policies use in practice).
 */
export function regionIncludes(outer: Region, inner: Region): boolean {
  switch (outer.kind) {
    case 'all':
      return true;
    case 'some':
      switch (inner.kind) {
        case 'all':
          return languageIncludesCached(outer.patterns, EVERYTHING);
        case 'some':
          return inner.patterns.every((p) => languageIncludesCached(outer.patterns, p));
        case 'except':
          // Everything outside inner's exclusions must be in outer: outer ∪ exclusions = all.
          return languageIncludes(
            [...outer.patterns, ...inner.patterns.filter((p) => p.approximate !== true)],
            EVERYTHING,
          );
      }
      break;
    case 'except':
      switch (inner.kind) {
        case 'all':
          return outer.patterns.length === 0;
        case 'some':
          return inner.patterns.every((p) =>
            outer.patterns.every((n) => !languagesIntersectCached(p, n)),
          );
        case 'except':
          // An approximate exclusion stands for itself only: the same text, the same principal.
          return outer.patterns.every(
            (n) =>
              inner.patterns.some((p) => p.text === n.text) ||
              languageIncludes(
                inner.patterns.filter((p) => p.approximate !== true),
                n,
              ),
          );
      }
  }
}

/** Whether some string may be in both regions. Sound: a `false` is always right. */
export function regionsOverlap(a: Region, b: Region): boolean {
  if (a.kind === 'all' || b.kind === 'all') return true;
  if (a.kind === 'some' && b.kind === 'some') {
    return a.patterns.some((p) => b.patterns.some((q) => languagesIntersectCached(p, q)));
  }
  if (a.kind === 'some' && b.kind === 'except') return someOutside(a.patterns, b.patterns);
  if (a.kind === 'except' && b.kind === 'some') return someOutside(b.patterns, a.patterns);
  return true;
}

function someOutside(
  patterns: readonly PatternLanguage[],
  excluded: readonly PatternLanguage[],
): boolean {
  const exact = excluded.filter((p) => p.approximate !== true);
  return patterns.some((p) => !languageIncludes(exact, p));
}

/**
 * Whether the region holds the string `subject`, the text of a literal pattern (no wildcard):
 * the same answer as `regionsOverlap(region, someOf([literalResourceLanguage(subject)]))` for
 * such a subject, remembered per pattern and subject.
 */
export function regionHoldsLiteral(region: Region, subject: string): boolean {
  switch (region.kind) {
    case 'all':
      return true;
    case 'some':
      return region.patterns.some((p) => languageMatchesCached(p, subject));
    case 'except':
      // An approximate exclusion may not cover the subject: only exact ones keep it out.
      return !region.patterns.some(
        (p) => p.approximate !== true && languageMatchesCached(p, subject),
      );
  }
}

/**
 * A region no larger than both, as precise as is cheap: the included one when one includes the
 * other, otherwise `a` (an over-approximation of the intersection).
 */
export function narrower(a: Region, b: Region): Region {
  if (regionIncludes(a, b)) return b;
  return a;
}

/** The region as written: `*`, the pattern texts, and for `except` the excluded texts. */
export function describeRegion(region: Region): {
  readonly patterns: readonly string[];
  readonly except?: readonly string[];
} {
  switch (region.kind) {
    case 'all':
      return { patterns: ['*'] };
    case 'some':
      return { patterns: region.patterns.map((p) => p.text) };
    case 'except':
      return { patterns: ['*'], except: region.patterns.map((p) => p.text) };
  }
}
