/** Appends one reference token to an RFC 6901 JSON pointer, escaping `~` and `/`. */
export function pointerChild(parent: string, token: string | number): string {
  const text = typeof token === 'number' ? String(token) : token;
  return `${parent}/${text.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}
