import { ANY_CHAR, ANY_RUN, SEGMENT_CHAR, SEGMENT_RUN, SUBSTITUTED, globOf } from './glob.js';
import { parseTemplate } from './policyVariables.js';

/**
 * A wildcard pattern as a sequence of tokens, for reasoning about the set of strings it matches
 * (its language) rather than matching one string. Same semantics as `matchGlob`: `*` any run, `?`
 * any one character, and in the first five segments of an ARN the segment-bound forms that do not
 * cross a `:`. A policy variable of unknown value becomes an unbounded run (an over-approximation).
 */
export interface PatternLanguage {
  /** The pattern as written (for messages and reports). */
  readonly text: string;
  /** Per token: the character code for a literal, or -1 for a wildcard. */
  readonly codes: readonly number[];
  /** Per token: `LITERAL` or one of the wildcard kinds of `glob.ts`. */
  readonly kinds: readonly number[];
  /** True when no token is a wildcard. */
  readonly literal: boolean;
  /** The tokens as text: equal keys, equal languages (used to remember answers). */
  readonly key: string;
  /**
   * Set when a policy variable of unknown value was widened to a run: the language is then an
   * over-approximation, so the pattern may include only a pattern of identical text.
   */
  readonly approximate?: true;
}

const LITERAL_TOKEN = 0;
const COLON = 0x3a;
/** A character that is neither `:` nor any literal of the patterns compared. */
const OTHER = -2;
/** Bound on explored automaton states; past it, answers fall back to the safe side. */
const MAX_STATES = 20_000;

/** An action pattern (case-insensitive: lowercased), where `*` and `?` match any character. */
export function actionLanguage(text: string): PatternLanguage {
  return fromGlob(text, text.toLowerCase(), false);
}

/** A resource pattern read as written (no policy variables), with IAM's Resource-element rules. */
export function literalResourceLanguage(text: string): PatternLanguage {
  return fromGlob(text, text, true);
}

/**
 * Values of policy variables for one principal: a string is the known value, `null` means the
 * key is known to be absent (a role has no `aws:username`), and a key not listed is unknown (it
 * depends on the request), read as an unbounded run.
 */
export type VariableValues = Readonly<Record<string, string | null>>;

/**
 * A resource pattern with IAM's Resource-element rules. With `variables` (the policy has
 * Version 2012-10-17), `${...}` is a policy variable, resolved from the known values (keys
 * compare case-insensitively); an unknown one becomes an unbounded run and marks the pattern
 * `approximate`. Returns undefined when a variable is known to be absent and has no default:
 * IAM then treats the whole statement as not matching.
 */
export function resourceLanguage(
  text: string,
  variables = false,
  values: VariableValues = {},
): PatternLanguage | undefined {
  if (!variables || !text.includes('${')) return fromGlob(text, text, true);
  const { template } = parseTemplate(text, true);
  const codes: number[] = [];
  const kinds: number[] = [];
  let approximate = false;
  let substituted = false;
  for (const part of template.parts) {
    if (part.kind !== 'variable') {
      pushPart(part.text, part.kind === 'text', codes, kinds);
      continue;
    }
    const value = lookup(values, part.key);
    if (value === undefined) {
      codes.push(-1);
      kinds.push(ANY_RUN);
      approximate = true;
    } else {
      const resolved = value ?? part.defaultValue;
      if (resolved === undefined) return undefined;
      pushPart(resolved, false, codes, kinds);
      substituted = true;
    }
  }
  // Substituted text may hold `:` that is not a separator, and a variable's value may hold
  // anything: segment rules are then left out, which only widens the language.
  const language = finish(text, codes, kinds, !approximate && !substituted);
  return approximate ? { ...language, approximate } : language;
}

function lookup(values: VariableValues, key: string): string | null | undefined {
  const direct = values[key];
  if (direct !== undefined) return direct;
  const lowered = key.toLowerCase();
  for (const [k, v] of Object.entries(values)) if (k.toLowerCase() === lowered) return v;
  return undefined;
}

/** The language of every string. */
export const EVERYTHING: PatternLanguage = {
  text: '*',
  codes: [-1],
  kinds: [ANY_RUN],
  literal: false,
  key: keyOfTokens([-1], [ANY_RUN]),
};

function pushPart(text: string, wildcards: boolean, codes: number[], kinds: number[]): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (wildcards && (c === 0x2a || c === 0x3f)) {
      codes.push(-1);
      kinds.push(c === 0x2a ? ANY_RUN : ANY_CHAR);
    } else {
      codes.push(c);
      kinds.push(LITERAL_TOKEN);
    }
  }
}

function finish(
  text: string,
  codes: number[],
  kinds: number[],
  arnSegments: boolean,
): PatternLanguage {
  if (arnSegments && text.startsWith('arn:')) {
    // Literal `*` and `?` (from escapes) are replaced by a neutral letter before the rule runs.
    const shape = codes.map((c, i) =>
      c >= 0
        ? c === 0x2a || c === 0x3f
          ? 'x'
          : String.fromCharCode(c)
        : kinds[i] === ANY_CHAR
          ? '?'
          : '*',
    );
    const glob = globOf(shape.join(''), true);
    // Re-apply the segment rule on the token sequence (literal `*` from escapes stay literal).
    const bound = glob.kinds;
    if (bound !== undefined) {
      for (let i = 0; i < kinds.length; i++) {
        const k = kinds[i];
        if (k === ANY_RUN && bound[i] === SEGMENT_RUN) kinds[i] = SEGMENT_RUN;
        if (k === ANY_CHAR && bound[i] === SEGMENT_CHAR) kinds[i] = SEGMENT_CHAR;
      }
    }
  }
  return {
    text,
    codes,
    kinds,
    literal: kinds.every((k) => k === LITERAL_TOKEN),
    key: keyOfTokens(codes, kinds),
  };
}

function keyOfTokens(codes: readonly number[], kinds: readonly number[]): string {
  let key = '';
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] ?? 0;
    key += c >= 0 ? String.fromCharCode(c) : `\u0000${kinds[i] ?? 0}`;
  }
  return key;
}

function fromGlob(text: string, subject: string, arnSegments: boolean): PatternLanguage {
  const glob = globOf(subject, arnSegments);
  const codes: number[] = [];
  const kinds: number[] = [];
  for (let i = 0; i < subject.length; i++) {
    const kind = glob.kinds?.[i] ?? LITERAL_TOKEN;
    const literal = kind === LITERAL_TOKEN || kind === SUBSTITUTED;
    codes.push(literal ? subject.charCodeAt(i) : -1);
    kinds.push(literal ? LITERAL_TOKEN : kind);
  }
  return { text, codes, kinds, literal: glob.kinds === undefined, key: keyOfTokens(codes, kinds) };
}

/**
 * A pattern's literal prefix (the text before its first wildcard) and what follows it: `exact`
 * (nothing: the pattern is that text), `anything` (one final `*`, so every string with the prefix
 * matches) or `other`. Lets a matcher pick candidates by prefix and often skip matching.
 */
export interface PatternShape {
  readonly prefix: string;
  readonly rest: 'exact' | 'anything' | 'other';
}

const shapes = new WeakMap<PatternLanguage, PatternShape>();

/** The shape of a pattern (remembered per pattern object). */
export function patternShape(pattern: PatternLanguage): PatternShape {
  const known = shapes.get(pattern);
  if (known !== undefined) return known;
  const { codes, kinds } = pattern;
  let end = 0;
  while (end < kinds.length && kinds[end] === LITERAL_TOKEN) end++;
  let prefix = '';
  for (let i = 0; i < end; i++) prefix += String.fromCharCode(codes[i] ?? 0);
  const rest =
    end === kinds.length
      ? 'exact'
      : end === kinds.length - 1 && kinds[end] === ANY_RUN
        ? 'anything'
        : 'other';
  const shape: PatternShape = { prefix, rest };
  shapes.set(pattern, shape);
  return shape;
}

/** Whether the pattern matches the literal string `subject` (same result as `matchGlob`). */
export function languageMatches(pattern: PatternLanguage, subject: string): boolean {
  let state = start(pattern);
  for (let i = 0; i < subject.length && state.length > 0; i++) {
    state = step(pattern, state, subject.charCodeAt(i));
  }
  return accepts(pattern, state);
}

/**
 * Whether every string `inner` matches is matched by at least one of `outer` (language
 * inclusion, exact). Decided on the product of the patterns' subset automata over a finite
 * alphabet: the literals of the patterns, `:` and one other character. Returns false when the
 * exploration exceeds its bound, so a `true` is always right.
 */
export function languageIncludes(
  outerPatterns: readonly PatternLanguage[],
  inner: PatternLanguage,
): boolean {
  let key = inner.approximate === true ? `~${inner.key}` : inner.key;
  for (const o of outerPatterns)
    key += o.approximate === true ? `\u0001~${o.key}` : `\u0001${o.key}`;
  const known = includesMemo.get(key);
  if (known !== undefined) return known;
  const result = includes(outerPatterns, inner);
  remember(includesMemo, key, result);
  return result;
}

/** Answers already computed: policies repeat the same patterns across statements and runs. */
const includesMemo = new Map<string, boolean>();
const intersectMemo = new Map<string, boolean>();
const MAX_REMEMBERED = 100_000;

/**
 * The same answers keyed by object identity, in front of the text-keyed memos: building and
 * hashing a key of long ARN patterns costs more than most answers, and the analysis asks about
 * the same (cached, immutable) pattern objects over and over. Entries go with their patterns.
 */
const includesByOuter = new WeakMap<
  readonly PatternLanguage[],
  WeakMap<PatternLanguage, boolean>
>();
const intersectByPattern = new WeakMap<PatternLanguage, WeakMap<PatternLanguage, boolean>>();

/**
 * `languageIncludes` for an `outer` list that is kept and asked about again (a region's own
 * pattern list): answers are remembered per list and pattern object.
 */
export function languageIncludesCached(
  outerPatterns: readonly PatternLanguage[],
  inner: PatternLanguage,
): boolean {
  let byInner = includesByOuter.get(outerPatterns);
  if (byInner === undefined) {
    byInner = new WeakMap();
    includesByOuter.set(outerPatterns, byInner);
  } else {
    const known = byInner.get(inner);
    if (known !== undefined) return known;
  }
  const result = languageIncludes(outerPatterns, inner);
  byInner.set(inner, result);
  return result;
}

/** `languagesIntersect`, remembered per pair of pattern objects. */
export function languagesIntersectCached(a: PatternLanguage, b: PatternLanguage): boolean {
  let byOther = intersectByPattern.get(a);
  if (byOther === undefined) {
    byOther = new WeakMap();
    intersectByPattern.set(a, byOther);
  } else {
    const known = byOther.get(b);
    if (known !== undefined) return known;
  }
  const result = languagesIntersect(a, b);
  byOther.set(b, result);
  return result;
}

const MAX_SUBJECTS_PER_PATTERN = 4096;
const subjectMatches = new WeakMap<PatternLanguage, Map<string, boolean>>();

/**
 * `languageMatches` remembered per pattern object and subject (bounded per pattern), with a
 * quick rejection on the pattern's literal prefix. For asking whether many patterns match the
 * same few ARNs, as the escalation graph does.
 */
export function languageMatchesCached(pattern: PatternLanguage, subject: string): boolean {
  let bySubject = subjectMatches.get(pattern);
  if (bySubject === undefined) {
    bySubject = new Map();
    subjectMatches.set(pattern, bySubject);
  } else {
    const known = bySubject.get(subject);
    if (known !== undefined) return known;
  }
  let result = true;
  const { codes, kinds } = pattern;
  for (let i = 0; i < kinds.length && kinds[i] === LITERAL_TOKEN; i++) {
    if (i >= subject.length || subject.charCodeAt(i) !== codes[i]) {
      result = false;
      break;
    }
  }
  if (result) result = languageMatches(pattern, subject);
  if (bySubject.size >= MAX_SUBJECTS_PER_PATTERN) bySubject.clear();
  bySubject.set(subject, result);
  return result;
}

function remember(memo: Map<string, boolean>, key: string, value: boolean): void {
  if (memo.size >= MAX_REMEMBERED) memo.clear();
  memo.set(key, value);
}

function includes(outerPatterns: readonly PatternLanguage[], inner: PatternLanguage): boolean {
  let outer = outerPatterns;
  if (outer.length === 0) return false;
  for (const o of outer) {
    if (o.text === inner.text && sameTokens(o, inner)) return true;
    if (isEverything(o) && o.approximate !== true) return true;
  }
  // An approximate pattern stands for an unknown narrower one: it includes only itself.
  outer = outer.filter((o) => o.approximate !== true);
  if (outer.length === 0) return false;
  if (inner.literal) {
    const subject = String.fromCharCode(...inner.codes);
    return outer.some((o) => languageMatches(o, subject));
  }
  const alphabet = alphabetOf([inner, ...outer]);
  const first: State = [start(inner), ...outer.map(start)];
  const seen = new Set<string>([keyOf(first)]);
  const queue: State[] = [first];
  while (queue.length > 0) {
    const state = queue.pop();
    if (state === undefined) break;
    const [innerSet, ...outerSets] = state;
    if (innerSet === undefined) continue;
    if (accepts(inner, innerSet) && !outer.some((o, i) => accepts(o, outerSets[i] ?? []))) {
      return false;
    }
    for (const symbol of alphabet) {
      const nextInner = step(inner, innerSet, symbol);
      if (nextInner.length === 0) continue;
      const next: State = [nextInner, ...outer.map((o, i) => step(o, outerSets[i] ?? [], symbol))];
      const key = keyOf(next);
      if (seen.has(key)) continue;
      if (seen.size >= MAX_STATES) return false;
      seen.add(key);
      queue.push(next);
    }
  }
  return true;
}

/**
 * Whether some string is matched by both patterns (exact). Returns true when the exploration
 * exceeds its bound, so a `false` is always right.
 */
export function languagesIntersect(a: PatternLanguage, b: PatternLanguage): boolean {
  if (isEverything(a) || isEverything(b)) return true;
  const key = a.key < b.key ? `${a.key}\u0001${b.key}` : `${b.key}\u0001${a.key}`;
  const known = intersectMemo.get(key);
  if (known !== undefined) return known;
  const result = intersect(a, b);
  remember(intersectMemo, key, result);
  return result;
}

function intersect(a: PatternLanguage, b: PatternLanguage): boolean {
  if (a.literal) return languageMatches(b, String.fromCharCode(...a.codes));
  if (b.literal) return languageMatches(a, String.fromCharCode(...b.codes));
  const alphabet = alphabetOf([a, b]);
  const first: State = [start(a), start(b)];
  const seen = new Set<string>([keyOf(first)]);
  const queue: State[] = [first];
  while (queue.length > 0) {
    const state = queue.pop();
    if (state === undefined) break;
    const [sa = [], sb = []] = state;
    if (accepts(a, sa) && accepts(b, sb)) return true;
    for (const symbol of alphabet) {
      const na = step(a, sa, symbol);
      if (na.length === 0) continue;
      const nb = step(b, sb, symbol);
      if (nb.length === 0) continue;
      const next: State = [na, nb];
      const key = keyOf(next);
      if (seen.has(key)) continue;
      if (seen.size >= MAX_STATES) return true;
      seen.add(key);
      queue.push(next);
    }
  }
  return false;
}

/** Whether the pattern matches every string (a lone unbounded run, possibly repeated). */
export function isEverything(pattern: PatternLanguage): boolean {
  return pattern.kinds.length > 0 && pattern.kinds.every((k) => k === ANY_RUN);
}

/** One sorted set of NFA positions per pattern of a product. */
type State = number[][];

function sameTokens(a: PatternLanguage, b: PatternLanguage): boolean {
  if (a.kinds.length !== b.kinds.length) return false;
  for (let i = 0; i < a.kinds.length; i++) {
    if (a.kinds[i] !== b.kinds[i] || a.codes[i] !== b.codes[i]) return false;
  }
  return true;
}

function alphabetOf(patterns: readonly PatternLanguage[]): number[] {
  const symbols = new Set<number>([COLON, OTHER]);
  for (const p of patterns) for (const c of p.codes) if (c >= 0) symbols.add(c);
  return [...symbols];
}

function keyOf(state: State): string {
  return state.map((set) => set.join(',')).join('|');
}

function isRun(kind: number | undefined): boolean {
  return kind === ANY_RUN || kind === SEGMENT_RUN;
}

/** Adds the positions reachable by letting runs match nothing; returns a sorted set. */
function closure(pattern: PatternLanguage, positions: Iterable<number>): number[] {
  const result = new Set<number>();
  for (let p of positions) {
    result.add(p);
    while (isRun(pattern.kinds[p])) {
      p++;
      result.add(p);
    }
  }
  return [...result].sort((x, y) => x - y);
}

function start(pattern: PatternLanguage): number[] {
  return closure(pattern, [0]);
}

function accepts(pattern: PatternLanguage, set: readonly number[]): boolean {
  return set.includes(pattern.kinds.length);
}

function step(pattern: PatternLanguage, set: readonly number[], symbol: number): number[] {
  const next: number[] = [];
  for (const p of set) {
    const kind = pattern.kinds[p];
    if (kind === undefined) continue;
    switch (kind) {
      case LITERAL_TOKEN:
        if (pattern.codes[p] === symbol) next.push(p + 1);
        break;
      case ANY_CHAR:
        next.push(p + 1);
        break;
      case SEGMENT_CHAR:
        if (symbol !== COLON) next.push(p + 1);
        break;
      case ANY_RUN:
        next.push(p);
        break;
      case SEGMENT_RUN:
        if (symbol !== COLON) next.push(p);
        break;
      default:
        break;
    }
  }
  return next.length === 0 ? next : closure(pattern, next);
}
