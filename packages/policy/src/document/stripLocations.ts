/**
 * A copy of a syntax tree without `loc` properties, for structural comparison: two parses of
 * the same policy are equal whatever their layout.
 */
export function stripLocations<T>(node: T): T {
  return strip(node) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'loc') copy[key] = strip(child);
  }
  return copy;
}
