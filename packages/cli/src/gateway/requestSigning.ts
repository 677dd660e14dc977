import { createHash, createHmac } from 'node:crypto';

// Gatehouse's access-key request signing, as the gateway's README specifies it ("Authentication")
// and its reference client (`signRequest` in services/gateway/src/auth/requestSigning.ts) does it.
// Re-implemented here because the CLI must not import a service; a known-answer test computed
// with the reference keeps the two in step, and the integration tests prove the gateway accepts it.

/** The scheme name of the Authorization header. */
export const SIGNING_ALGORITHM = 'GATEHOUSE-HMAC-SHA256';

/** What a signature covers and who signs. */
export interface SignRequestInput {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The session token of temporary (`ASIA…`) credentials. */
  readonly sessionToken?: string | undefined;
  readonly method: string;
  /** Path and query as sent (`/graphql`). */
  readonly path: string;
  /** The Host header (lower-cased when signed). */
  readonly host: string;
  readonly body: string;
  readonly time: Date;
}

/** `YYYYMMDDTHHMMSSZ` (ISO 8601 basic, UTC). */
export function formatSigningDate(time: Date): string {
  return time
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** SHA-256 of `gatehouse:access-key:` followed by the secret: the HMAC key. */
export function signingKey(secretAccessKey: string): Buffer {
  return createHash('sha256')
    .update('gatehouse:access-key:')
    .update(secretAccessKey, 'utf8')
    .digest();
}

/** The signed text: algorithm, date, method, path, host, security token, hex SHA-256 of the body. */
export function stringToSign(input: SignRequestInput, date: string): string {
  return [
    SIGNING_ALGORITHM,
    date,
    input.method.toUpperCase(),
    input.path,
    input.host.toLowerCase(),
    input.sessionToken ?? '',
    createHash('sha256').update(input.body, 'utf8').digest('hex'),
  ].join('\n');
}

/**
 * The headers that sign a request: `Authorization`, `X-Gatehouse-Date` and, for temporary
 * credentials, `X-Gatehouse-Security-Token`. The secret itself is never sent.
 */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const date = formatSigningDate(input.time);
  const signature = createHmac('sha256', signingKey(input.secretAccessKey))
    .update(stringToSign(input, date), 'utf8')
    .digest('hex');
  const headers: Record<string, string> = {
    authorization: `${SIGNING_ALGORITHM} Credential=${input.accessKeyId}, Signature=${signature}`,
    'x-gatehouse-date': date,
  };
  if (input.sessionToken !== undefined) headers['x-gatehouse-security-token'] = input.sessionToken;
  return headers;
}
