import { makeFinding, type Finding } from '../finding.js';
import { buildPolicy } from './buildPolicy.js';
import { parseJson, type JsonFailure } from './json/parseJson.js';
import { LineIndex } from './location.js';
import type { PolicyAst } from './policyAst.js';

/** Bounds on accepted input; the defaults are far above any policy IAM accepts. */
export interface ParseOptions {
  /** Maximum characters of policy text (default 131,072, i.e. 128 KiB). */
  readonly maxLength?: number;
  /** Maximum nesting of JSON arrays and objects (default 32). */
  readonly maxDepth?: number;
}

/** Default input bounds of `parsePolicy`. */
export const DEFAULT_PARSE_LIMITS = { maxLength: 128 * 1024, maxDepth: 32 } as const;

/** What `parsePolicy` returns. */
export type ParseResult = ParseSuccess | ParseFailure;

/**
 * The document parsed into a tree. `findings` lists structural problems (unknown elements,
 * wrong types, duplicate keys) that were left out of the tree; the tree is still usable.
 */
export interface ParseSuccess {
  readonly ok: true;
  readonly policy: PolicyAst;
  readonly findings: readonly Finding[];
  /** The text that locations refer to (for an object document, its 2-space JSON rendering). */
  readonly text: string;
  /** Characters not counting whitespace between JSON tokens: the size IAM's quotas measure. */
  readonly size: number;
}

/** The document is not a JSON object within the input bounds; `findings` says why. */
export interface ParseFailure {
  readonly ok: false;
  readonly findings: readonly Finding[];
}

/**
 * Parses a policy document given as JSON text or as an object, keeping source positions.
 * Never throws. An object is rendered with `JSON.stringify(document, null, 2)` first, so
 * locations of findings about it refer to that rendering.
 */
export function parsePolicy(document: string | object, options: ParseOptions = {}): ParseResult {
  const limits = {
    maxLength: options.maxLength ?? DEFAULT_PARSE_LIMITS.maxLength,
    maxDepth: options.maxDepth ?? DEFAULT_PARSE_LIMITS.maxDepth,
  };
  const text = documentText(document, limits.maxDepth);
  if (typeof text !== 'string') return { ok: false, findings: [text] };
  const lines = new LineIndex(text);
  const parsed = parseJson(text, limits);
  if (!parsed.ok) return { ok: false, findings: [jsonFailureFinding(parsed.failure, lines)] };
  const built = buildPolicy(parsed.value, lines);
  if (built.policy === undefined) return { ok: false, findings: built.findings };
  return {
    ok: true,
    policy: built.policy,
    findings: built.findings,
    text,
    size: parsed.significantLength,
  };
}

function documentText(document: unknown, maxDepth: number): string | Finding {
  if (typeof document === 'string') return document;
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return makeFinding(
      'DOCUMENT_NOT_OBJECT',
      `a policy document must be a JSON object or its text, found ${describeValue(document)}`,
      { path: '' },
    );
  }
  // Measured before rendering: a deep object would exhaust the stack or memory of JSON.stringify.
  const shape = objectShape(document, 1, maxDepth, new Set());
  if (shape === 'too-deep') {
    return makeFinding(
      'DOCUMENT_TOO_DEEP',
      `the document nests arrays and objects deeper than ${maxDepth} levels`,
      { path: '' },
    );
  }
  if (shape === 'cyclic') {
    return makeFinding(
      'JSON_SYNTAX_ERROR',
      'the document object cannot be serialized as JSON: it contains a cycle',
      { path: '' },
    );
  }
  try {
    // JSON.stringify can throw (cycles, BigInt, exhausted stack); a policy must never throw.
    const text: unknown = JSON.stringify(document, null, 2);
    if (typeof text === 'string') return text;
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    return makeFinding(
      'JSON_SYNTAX_ERROR',
      `the document object cannot be serialized as JSON: ${reason.toLowerCase()}`,
      { path: '' },
    );
  }
  return makeFinding('DOCUMENT_NOT_OBJECT', 'the document object has no JSON form', { path: '' });
}

/** Whether an object nests deeper than `maxDepth` or refers to itself; walks at most that deep. */
function objectShape(
  value: object,
  depth: number,
  maxDepth: number,
  ancestors: Set<object>,
): 'ok' | 'too-deep' | 'cyclic' {
  if (ancestors.has(value)) return 'cyclic';
  if (depth > maxDepth) return 'too-deep';
  ancestors.add(value);
  for (const child of Object.values(value)) {
    if (typeof child !== 'object' || child === null) continue;
    const shape = objectShape(child as object, depth + 1, maxDepth, ancestors);
    if (shape !== 'ok') return shape;
  }
  ancestors.delete(value);
  return 'ok';
}

function describeValue(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function jsonFailureFinding(failure: JsonFailure, lines: LineIndex): Finding {
  const target = { path: '', loc: lines.locate(failure.offset) };
  switch (failure.kind) {
    case 'syntax':
      return makeFinding('JSON_SYNTAX_ERROR', failure.message, target);
    case 'too-large':
      return makeFinding('DOCUMENT_TOO_LARGE', failure.message, target);
    case 'too-deep':
      return makeFinding('DOCUMENT_TOO_DEEP', failure.message, target);
  }
}
