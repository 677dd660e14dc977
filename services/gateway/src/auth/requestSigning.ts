import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Gatehouse's request signing for access keys (README, "Authentication"): the
 * secret never travels. The client derives a signing key from its secret, signs
 * a canonical description of the request with HMAC-SHA256 and sends the key id,
 * the time and the signature:
 *
 * ```
 * Authorization: GATEHOUSE-HMAC-SHA256 Credential=<access key id>, Signature=<64 hex>
 * X-Gatehouse-Date: 20261128T120000Z
 * X-Gatehouse-Security-Token: <session token>        (temporary ASIA… keys only)
 * ```
 */
export const SIGNING_ALGORITHM = 'GATEHOUSE-HMAC-SHA256';
/** Header carrying the signing time (ISO 8601 basic format, UTC). */
export const DATE_HEADER = 'x-gatehouse-date';
/** Header carrying the session token of temporary credentials. */
export const SECURITY_TOKEN_HEADER = 'x-gatehouse-security-token';
/** Requests signed further than this from the server's time are refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** What the signature covers. */
export interface SignedRequestParts {
  /** `X-Gatehouse-Date`, e.g. `20261128T120000Z`. */
  readonly date: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Path and query string as sent (`/graphql`). */
  readonly path: string;
  /** The `Host` header, lower-cased. */
  readonly host: string;
  /** The session token header, or empty for long-term keys. */
  readonly securityToken: string;
  /** The raw request body (empty for GET). */
  readonly body: string | Buffer;
}

/**
 * The text that is signed: the algorithm, the date, the method, the path, the
 * host, the security token and the hex SHA-256 of the body, one per line.
 */
export function stringToSign(parts: SignedRequestParts): string {
  return [
    SIGNING_ALGORITHM,
    parts.date,
    parts.method.toUpperCase(),
    parts.path,
    parts.host.toLowerCase(),
    parts.securityToken,
    createHash('sha256').update(parts.body).digest('hex'),
  ].join('\n');
}

/**
 * The signing key of a secret access key: SHA-256 of `gatehouse:access-key:`
 * followed by the secret. It is also the digest the server keeps at rest, so the
 * server can check signatures without ever holding the secret itself.
 */
export function signingKeyFromSecret(secretAccessKey: string): Buffer {
  return createHash('sha256')
    .update('gatehouse:access-key:')
    .update(secretAccessKey, 'utf8')
    .digest();
}

/** The hex HMAC-SHA256 signature of a request. */
export function signature(signingKey: Uint8Array, parts: SignedRequestParts): string {
  return createHmac('sha256', signingKey).update(stringToSign(parts), 'utf8').digest('hex');
}

/** Compares a presented signature with the expected one in constant time. */
export function signatureMatches(
  signingKey: Uint8Array,
  parts: SignedRequestParts,
  presented: string,
): boolean {
  if (!/^[0-9a-f]{64}$/.test(presented)) return false;
  return timingSafeEqual(
    Buffer.from(signature(signingKey, parts), 'hex'),
    Buffer.from(presented, 'hex'),
  );
}

/** `YYYYMMDDTHHMMSSZ` of a time. */
export function formatSigningDate(time: Date): string {
  return time
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The time of a `X-Gatehouse-Date` value, or undefined when malformed. */
export function parseSigningDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const time = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(time.getTime()) || formatSigningDate(time) !== value ? undefined : time;
}

/** Inputs of {@link signRequest}: the credentials and the request. */
export interface SignRequestInput {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly host: string;
  readonly body: string | Buffer;
  readonly time: Date;
}

/** The headers a client adds to sign a request (what the CLI implements). */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const date = formatSigningDate(input.time);
  const parts: SignedRequestParts = {
    date,
    method: input.method,
    path: input.path,
    host: input.host,
    securityToken: input.sessionToken ?? '',
    body: input.body,
  };
  const headers: Record<string, string> = {
    authorization: `${SIGNING_ALGORITHM} Credential=${input.accessKeyId}, Signature=${signature(
      signingKeyFromSecret(input.secretAccessKey),
      parts,
    )}`,
    [DATE_HEADER]: date,
  };
  if (input.sessionToken !== undefined) headers[SECURITY_TOKEN_HEADER] = input.sessionToken;
  return headers;
}
