import type { Template, VariableLookup } from './policyVariables.js';

/** Bound on remembered resolutions per template; beyond it the cache starts over. */
const MAX_RESOLUTIONS = 256;

/**
 * What a template with policy variables compiles to, remembered per distinct set of variable
 * values. Requests of one principal resolve `${aws:username}` to the same value again and again,
 * so the compiled form (a glob, an ARN pattern) is built once rather than on every request.
 */
export class TemplateResolutionCache<T> {
  readonly #results = new Map<string, T | null>();

  constructor(
    readonly template: Template,
    private readonly compute: (lookup: VariableLookup) => T | undefined,
  ) {}

  /** The compiled form for the request's values; undefined when a variable cannot be resolved. */
  resolve(lookup: VariableLookup): T | undefined {
    let key = '';
    for (const part of this.template.parts) {
      if (part.kind !== 'variable') continue;
      const value = lookup(part.key) ?? part.defaultValue;
      if (value === undefined) return undefined;
      // Length-prefixed, so that no two lists of values share a key.
      key += `${value.length}:${value}`;
    }
    const known = this.#results.get(key);
    if (known !== undefined) return known ?? undefined;
    const computed = this.compute(lookup);
    if (this.#results.size >= MAX_RESOLUTIONS) this.#results.clear();
    this.#results.set(key, computed ?? null);
    return computed;
  }
}
