import diff from 'microdiff';
import { redact } from './redact.js';

/** One line of what changed: a path in the entity and its values before and after (JSON text). */
export interface ChangeLine {
  /** Dotted path (`inlinePolicies.deploy.policyDocument.Statement.0.Action`). */
  readonly path: string;
  readonly change: 'ADDED' | 'REMOVED' | 'CHANGED';
  readonly before: string | null;
  readonly after: string | null;
}

/** Keys that name the elements of arrays of entity states, so diffs say "policy deploy" rather than "element 2". */
const ELEMENT_KEYS = ['policyName', 'policyArn', 'versionId', 'accessKeyId', 'deviceId', 'key'];

/** Policy documents are JSON text in states: read them so a diff reaches their statements. */
function readDocument(text: string): unknown {
  if (!text.startsWith('{') || text.length > 200_000) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && 'Statement' in parsed ? parsed : text;
  } catch {
    return text;
  }
}

function keyOf(element: unknown): string | undefined {
  if (element === null || typeof element !== 'object') return undefined;
  for (const key of ELEMENT_KEYS) {
    const value = (element as Record<string, unknown>)[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** Arrays of named elements become objects keyed by name; documents become objects. */
export function normalise(value: unknown): unknown {
  if (typeof value === 'string') return readDocument(value);
  if (Array.isArray(value)) {
    const keys = value.map(keyOf);
    if (
      value.length > 0 &&
      keys.every((k) => k !== undefined) &&
      new Set(keys).size === keys.length
    )
      return Object.fromEntries(value.map((element, i) => [keys[i], normalise(element)]));
    return value.map(normalise);
  }
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, normalise(v)]),
    );
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * An empty list on one side and a keyed object on the other are the same
 * collection (a first inline policy), so the diff says "added" rather than "changed".
 */
function align(a: unknown, b: unknown): [unknown, unknown] {
  if (Array.isArray(a) && a.length === 0 && isRecord(b)) return [{}, b];
  if (Array.isArray(b) && b.length === 0 && isRecord(a)) return [a, {}];
  if (isRecord(a) && isRecord(b)) {
    const left: Record<string, unknown> = {};
    const right: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const [x, y] = align(a[key], b[key]);
      if (key in a) left[key] = x;
      if (key in b) right[key] = y;
    }
    return [left, right];
  }
  return [a, b];
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** What changed between two states of an entity, secrets withheld, at most `max` lines. */
export function diffStates(before: unknown, after: unknown, max = 200): ChangeLine[] {
  const [a, b] = align(redact(normalise(before ?? {})), redact(normalise(after ?? {})));
  return diff(isRecord(a) ? a : {}, isRecord(b) ? b : {})
    .slice(0, max)
    .map((d) => ({
      path: d.path.join('.'),
      change: d.type === 'CREATE' ? 'ADDED' : d.type === 'REMOVE' ? 'REMOVED' : 'CHANGED',
      before: d.type === 'CREATE' ? null : json(d.oldValue),
      after: d.type === 'REMOVE' ? null : json(d.value),
    }));
}
