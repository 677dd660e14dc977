/**
 * Keys whose values are never shown. The log holds no secrets by contract (ids
 * of secrets at most), but audit output goes to people and files: references to
 * credentials are withheld too, and so is anything a future event might name so.
 */
const SECRET_KEY = /secret|seed|token|hash|password|privatekey|credential/i;
/** Harmless facts about credentials whose names look like secrets. */
const SHOWN = new Set(['passwordResetRequired', 'passwordChangedAt', 'accessKeyId']);

export const REDACTED = '[redacted]';

/** Whether a key's value is withheld. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !SHOWN.has(key);
}

/** A deep copy of a JSON-like value with secret-named keys' values replaced. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>))
      out[key] = isSecretKey(key) ? REDACTED : redact(inner);
    return out;
  }
  return value;
}
