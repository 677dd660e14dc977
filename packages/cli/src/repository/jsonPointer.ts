/** Escapes one RFC 6901 reference token. */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The RFC 6901 pointer of a path of keys and indexes (`''` for the root). */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((token) => `/${escapePointerToken(token)}`).join('');
}

/** The tokens of an RFC 6901 pointer (`''` gives none). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}
