import { CompiledPolicy, compileDocument } from './compiledPolicy.js';

/** How many distinct policy texts stay compiled; the oldest entry is dropped beyond this. */
const MAX_CACHED_TEXTS = 2048;

const byText = new Map<string, CompiledPolicy>();
const byObject = new WeakMap<object, CompiledPolicy>();

/**
 * Compiles a policy document once and returns the cached matcher afterwards. Text documents are
 * keyed by their text; object documents by identity and, on a miss, by their JSON rendering, so
 * equal documents share one compilation. Object documents are assumed not to be mutated after
 * they have been evaluated. Never throws: a document that cannot be compiled yields a policy
 * that grants nothing.
 */
export function compilePolicy(document: string | object): CompiledPolicy {
  if (typeof document === 'string') return compileText(document);
  if (typeof document !== 'object' || (document as object | null) === null) {
    return compileSafely(document);
  }
  const known = byObject.get(document);
  if (known !== undefined) return known;
  let text: unknown;
  try {
    text = JSON.stringify(document, null, 2);
  } catch {
    text = undefined;
  }
  const compiled = typeof text === 'string' ? compileText(text) : compileSafely(document);
  byObject.set(document, compiled);
  return compiled;
}

/** Forgets every compiled policy (for benchmarks and tests). */
export function clearPolicyCache(): void {
  byText.clear();
}

function compileText(text: string): CompiledPolicy {
  const known = byText.get(text);
  if (known !== undefined) return known;
  const compiled = compileSafely(text);
  if (byText.size >= MAX_CACHED_TEXTS) {
    const oldest = byText.keys().next();
    if (oldest.done !== true) byText.delete(oldest.value);
  }
  byText.set(text, compiled);
  return compiled;
}

function compileSafely(document: string | object): CompiledPolicy {
  try {
    return compileDocument(document);
  } catch {
    // A defect in the compiler must not turn into a grant or an exception for the caller.
    return new CompiledPolicy([], false, []);
  }
}
