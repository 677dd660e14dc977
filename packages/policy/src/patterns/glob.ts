/**
 * Wildcard patterns as IAM uses them: `*` matches any run of characters, `?` any one character.
 * A pattern is its text plus, per character, what kind of token it is; characters that come from
 * a resolved policy variable or an escape like `${*}` are literal even if they are `*` or `?`.
 */
export interface Glob {
  readonly text: string;
  /** Token kind per character, or undefined when the pattern is entirely literal. */
  readonly kinds: Uint8Array | undefined;
  /** True when some wildcard may not cross a `:` (ARN segments), which needs the slower matcher. */
  readonly segmentBound: boolean;
  /**
   * Set when the pattern is a literal prefix followed by one final `*` (`arn:aws:s3:::b/*`),
   * by far the most common shape, matched with a plain `startsWith`.
   */
  readonly prefix: string | undefined;
}

/** A character of the policy text. */
export const LITERAL = 0;
/** `*`: any run of characters. */
export const ANY_RUN = 1;
/** `?`: any one character. */
export const ANY_CHAR = 2;
/** `*` inside an ARN segment: any run of characters without `:`. */
export const SEGMENT_RUN = 3;
/** `?` inside an ARN segment: any one character but `:`. */
export const SEGMENT_CHAR = 4;
/** A character substituted from a policy variable or escape: literal, and never an ARN separator. */
export const SUBSTITUTED = 5;

const STAR = 0x2a;
const QUESTION = 0x3f;
const COLON = 0x3a;

/** A piece of pattern text: policy text (wildcards active) or substituted text (all literal). */
export interface GlobPiece {
  readonly text: string;
  readonly wildcards: boolean;
}

/**
 * Builds a glob from pieces. With `arnSegments`, the rule of IAM's Resource element applies: in
 * the first five segments of an `arn:` pattern a wildcard stays within its segment unless the
 * `*` is the last character of the segment, in which case it may match across colons.
 */
export function buildGlob(pieces: readonly GlobPiece[], arnSegments = false): Glob {
  let text = '';
  for (const piece of pieces) text += piece.text;
  const kinds = new Uint8Array(text.length);
  let wild = false;
  let offset = 0;
  for (const piece of pieces) {
    for (let i = 0; i < piece.text.length; i++) {
      const c = piece.text.charCodeAt(i);
      if (!piece.wildcards) kinds[offset + i] = SUBSTITUTED;
      else if (c === STAR) kinds[offset + i] = ANY_RUN;
      else if (c === QUESTION) kinds[offset + i] = ANY_CHAR;
      if (piece.wildcards && (c === STAR || c === QUESTION)) wild = true;
    }
    offset += piece.text.length;
  }
  if (!wild) return { text, kinds: undefined, segmentBound: false, prefix: undefined };
  const segmentBound = arnSegments && text.startsWith('arn:') && boundToSegments(text, kinds);
  return { text, kinds, segmentBound, prefix: segmentBound ? undefined : prefixOf(text, kinds) };
}

/** The literal prefix when the only wildcard is one final `*`. */
function prefixOf(text: string, kinds: Uint8Array): string | undefined {
  const last = text.length - 1;
  if (kinds[last] !== ANY_RUN) return undefined;
  for (let i = 0; i < last; i++) {
    const kind = kinds[i];
    if (kind !== LITERAL && kind !== SUBSTITUTED) return undefined;
  }
  return text.slice(0, last);
}

/** A glob from policy text with every wildcard active. */
export function globOf(text: string, arnSegments = false): Glob {
  return buildGlob([{ text, wildcards: true }], arnSegments);
}

/** Marks wildcards of the first five ARN segments as segment-bound; true if any was. */
function boundToSegments(text: string, kinds: Uint8Array): boolean {
  let segment = 0;
  let bound = false;
  for (let i = 0; i < text.length && segment < 5; i++) {
    const kind = kinds[i];
    if (kind === LITERAL && text.charCodeAt(i) === COLON) {
      segment++;
    } else if (kind === ANY_CHAR) {
      kinds[i] = SEGMENT_CHAR;
      bound = true;
    } else if (kind === ANY_RUN) {
      const next = i + 1 < text.length ? kinds[i + 1] : undefined;
      const endsSegment =
        next === undefined || (next === LITERAL && text.charCodeAt(i + 1) === COLON);
      if (!endsSegment) {
        kinds[i] = SEGMENT_RUN;
        bound = true;
      }
    }
  }
  return bound;
}

/** Whether `subject` matches the whole glob. Worst case O(pattern × subject), never exponential. */
export function matchGlob(glob: Glob, subject: string): boolean {
  const kinds = glob.kinds;
  if (kinds === undefined) return glob.text === subject;
  if (glob.prefix !== undefined) return subject.startsWith(glob.prefix);
  return glob.segmentBound
    ? matchWithSegments(glob.text, kinds, subject)
    : matchGreedy(glob.text, kinds, subject);
}

/** Whether the glob contains any wildcard. */
export function hasWildcards(glob: Glob): boolean {
  return glob.kinds !== undefined;
}

/**
 * The classic single-backtrack wildcard matcher: on a mismatch, let the last `*` absorb one more
 * character. Correct when every `*` matches any character, which is the case without segments.
 */
function matchGreedy(text: string, kinds: Uint8Array, subject: string): boolean {
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  const patternLength = text.length;
  const subjectLength = subject.length;
  while (s < subjectLength) {
    if (p < patternLength) {
      const kind = kinds[p];
      if (kind === ANY_RUN) {
        starP = p++;
        starS = s;
        continue;
      }
      if (kind === ANY_CHAR || text.charCodeAt(p) === subject.charCodeAt(s)) {
        p++;
        s++;
        continue;
      }
    }
    if (starP < 0) return false;
    p = starP + 1;
    s = ++starS;
  }
  while (p < patternLength && kinds[p] === ANY_RUN) p++;
  return p === patternLength;
}

/** Dynamic programming over (pattern, subject) prefixes, for patterns with segment wildcards. */
function matchWithSegments(text: string, kinds: Uint8Array, subject: string): boolean {
  const n = subject.length;
  let previous = new Uint8Array(n + 1);
  let current = new Uint8Array(n + 1);
  previous[0] = 1;
  for (let i = 0; i < text.length; i++) {
    const kind = kinds[i];
    const patternChar = text.charCodeAt(i);
    const isRun = kind === ANY_RUN || kind === SEGMENT_RUN;
    current[0] = isRun ? (previous[0] ?? 0) : 0;
    for (let j = 1; j <= n; j++) {
      const c = subject.charCodeAt(j - 1);
      let matched: number;
      if (kind === ANY_RUN) matched = (previous[j] ?? 0) | (current[j - 1] ?? 0);
      else if (kind === SEGMENT_RUN) {
        matched = (previous[j] ?? 0) | (c === COLON ? 0 : (current[j - 1] ?? 0));
      } else if (kind === ANY_CHAR) matched = previous[j - 1] ?? 0;
      else if (kind === SEGMENT_CHAR) matched = c === COLON ? 0 : (previous[j - 1] ?? 0);
      else matched = c === patternChar ? (previous[j - 1] ?? 0) : 0;
      current[j] = matched;
    }
    [previous, current] = [current, previous];
  }
  return previous[n] === 1;
}
