import { randomBytes } from 'node:crypto';

const PREFIX = 'ghs1';

/**
 * A bearer token: `ghs1.<session id>.<43 characters of base64url>` (32 random
 * bytes). The session id lets the server find the session; the random part is
 * the secret, of which only the SHA-256 is stored. The prefix makes leaked
 * tokens easy to spot by secret scanners.
 */
export function newSessionToken(sessionId: string): string {
  return `${PREFIX}.${sessionId}.${randomBytes(32).toString('base64url')}`;
}

/** The session id a token names, or undefined when it is not one of ours (bounded, no throw). */
export function sessionIdOfToken(token: string): string | undefined {
  if (token.length > 128) return undefined;
  const match = /^ghs1\.(ASES[A-Z2-7]{22})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return match?.[1];
}
