/** Parses `true` or `false` (any case), as the Bool and Null operators accept them. */
export function parseBoolValue(text: string): boolean | undefined {
  const lowered = text.toLowerCase();
  if (lowered === 'true') return true;
  if (lowered === 'false') return false;
  return undefined;
}
