const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Parses an integer or decimal as used by the Numeric operators. Exponents, hex and
 * surrounding spaces are not accepted.
 */
export function parseNumericValue(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
