import type { IncomingHttpHeaders } from 'node:http';
import type { Clock, Principal } from '@gatehouse/iam';
import { GatewayError } from '../errors/gatewayError.js';
import { parseAuthorizationHeader } from './authorizationHeader.js';
import type { ReplayGuard } from './replayGuard.js';
import {
  DATE_HEADER,
  MAX_CLOCK_SKEW_MS,
  parseSigningDate,
  SECURITY_TOKEN_HEADER,
  signatureMatches,
  type SignedRequestParts,
} from './requestSigning.js';

/** Checks credentials against the domain (IamService through an adapter). */
export interface CredentialVerifier {
  /** @throws IamError `INVALID_CREDENTIALS`, `EXPIRED_TOKEN` */
  authenticateSessionToken(token: string): Promise<Principal>;
  /**
   * The principal of an access key whose signing key makes `verify` return true
   * (the key never leaves the verifier).
   * @throws IamError `INVALID_CREDENTIALS`, `EXPIRED_TOKEN`
   */
  authenticateSignedRequest(
    accessKeyId: string,
    sessionToken: string | undefined,
    verify: (signingKey: Uint8Array) => boolean,
  ): Promise<Principal>;
}

/** The parts of an HTTP request authentication reads. */
export interface IncomingRequest {
  readonly headers: IncomingHttpHeaders;
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  /** The body exactly as received (signatures cover its hash). */
  readonly rawBody: string;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

function unauthenticated(reason: string, message: string): GatewayError {
  return new GatewayError('UNAUTHENTICATED', message, { details: { reason } });
}

/**
 * Who sent a request: the principal of a bearer session token or of a signed
 * access key, or nobody (no `Authorization` header). Presented credentials that
 * are malformed, wrong, expired, too old, or replayed are refused, never treated
 * as anonymous.
 */
export class RequestAuthenticator {
  readonly #verifier: CredentialVerifier;
  readonly #clock: Clock;
  readonly #replays: ReplayGuard;
  readonly #maxSkewMs: number;

  constructor(
    verifier: CredentialVerifier,
    clock: Clock,
    replays: ReplayGuard,
    maxSkewMs = MAX_CLOCK_SKEW_MS,
  ) {
    this.#verifier = verifier;
    this.#clock = clock;
    this.#replays = replays;
    this.#maxSkewMs = maxSkewMs;
  }

  /**
   * @returns the principal, or undefined for a request without credentials
   * @throws GatewayError `UNAUTHENTICATED`; IamError from the verifier
   */
  async authenticate(request: IncomingRequest): Promise<Principal | undefined> {
    const presented = parseAuthorizationHeader(header(request.headers, 'authorization'));
    switch (presented.kind) {
      case 'none':
        return undefined;
      case 'malformed':
        throw unauthenticated('MALFORMED_AUTHORIZATION', presented.problem);
      case 'bearer':
        return this.#verifier.authenticateSessionToken(presented.token);
      case 'signed':
        return this.#signed(request, presented.accessKeyId, presented.signature);
    }
  }

  async #signed(
    request: IncomingRequest,
    accessKeyId: string,
    presented: string,
  ): Promise<Principal> {
    const date = header(request.headers, DATE_HEADER);
    const signedAt = date === undefined ? undefined : parseSigningDate(date);
    if (date === undefined || signedAt === undefined) {
      throw unauthenticated(
        'MISSING_DATE',
        `a signed request needs \`${DATE_HEADER}\` (YYYYMMDDTHHMMSSZ)`,
      );
    }
    if (Math.abs(this.#clock.now().getTime() - signedAt.getTime()) > this.#maxSkewMs) {
      throw unauthenticated(
        'REQUEST_TIME_SKEWED',
        'the request was signed more than 5 minutes from the server time',
      );
    }
    const securityToken = header(request.headers, SECURITY_TOKEN_HEADER);
    const parts: SignedRequestParts = {
      date,
      method: request.method,
      path: request.url,
      host: header(request.headers, 'host') ?? '',
      securityToken: securityToken ?? '',
      body: request.rawBody,
    };
    const principal = await this.#verifier.authenticateSignedRequest(
      accessKeyId,
      securityToken,
      (key) => signatureMatches(key, parts, presented),
    );
    // Only verified signatures are remembered, so nobody can fill the guard with garbage.
    if (!this.#replays.firstUse(`${accessKeyId}:${presented}`)) {
      throw unauthenticated('REPLAYED_REQUEST', 'this signed request was already used');
    }
    return principal;
  }
}
