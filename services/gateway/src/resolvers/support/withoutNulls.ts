/** An arguments object with its null and absent values left out. */
export type WithoutNulls<T> = { [K in keyof T]?: Exclude<T[K], null | undefined> };

/**
 * GraphQL arguments as a domain command wants them: an optional argument the
 * client left out or set to null is absent (IAM's commands are strict objects).
 */
export function withoutNulls<T extends object>(args: T): WithoutNulls<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out as WithoutNulls<T>;
}
