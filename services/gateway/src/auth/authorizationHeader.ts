import { SIGNING_ALGORITHM } from './requestSigning.js';

/** The credentials an `Authorization` header presents. */
export type PresentedCredentials =
  | { readonly kind: 'none' }
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'signed'; readonly accessKeyId: string; readonly signature: string }
  | { readonly kind: 'malformed'; readonly problem: string };

const MAX_HEADER_LENGTH = 1024;
const SIGNED = new RegExp(
  `^${SIGNING_ALGORITHM} Credential=([A-Z0-9]{16,128}), ?Signature=([0-9a-f]{64})$`,
);

/**
 * Parses the `Authorization` header: `Bearer <session token>`, a signed access
 * key (`GATEHOUSE-HMAC-SHA256 Credential=…, Signature=…`), nothing, or something
 * malformed (which is refused rather than treated as anonymous). Bounded: no
 * regular expression sees more than 1 KiB.
 */
export function parseAuthorizationHeader(header: string | undefined): PresentedCredentials {
  if (header === undefined || header === '') return { kind: 'none' };
  if (header.length > MAX_HEADER_LENGTH) {
    return { kind: 'malformed', problem: 'the Authorization header is too long' };
  }
  const space = header.indexOf(' ');
  const scheme = space < 0 ? header : header.slice(0, space);
  if (scheme.toLowerCase() === 'bearer') {
    const token = header.slice(space + 1).trim();
    return token === '' || space < 0
      ? { kind: 'malformed', problem: 'the bearer token is missing' }
      : { kind: 'bearer', token };
  }
  if (scheme === SIGNING_ALGORITHM) {
    const match = SIGNED.exec(header);
    if (match?.[1] === undefined || match[2] === undefined) {
      return {
        kind: 'malformed',
        problem: `expected \`${SIGNING_ALGORITHM} Credential=<access key id>, Signature=<hex>\``,
      };
    }
    return { kind: 'signed', accessKeyId: match[1], signature: match[2] };
  }
  return {
    kind: 'malformed',
    problem: `unsupported authorization scheme (use \`Bearer\` or \`${SIGNING_ALGORITHM}\`)`,
  };
}
