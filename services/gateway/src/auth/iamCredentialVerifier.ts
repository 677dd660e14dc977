import type { IamService, Principal } from '@gatehouse/iam';
import type { CredentialVerifier } from './requestAuthenticator.js';

/** Checks a signed request's access key (the signing key never leaves the checker). */
export type SignedRequestAuthenticator = (
  accessKeyId: string,
  sessionToken: string | undefined,
  verify: (signingKey: Uint8Array) => boolean,
) => Promise<Principal>;

/**
 * Credentials checked by `@gatehouse/iam`: bearer session tokens by
 * `authenticateSessionToken`; signed access-key requests by `signed` (the
 * interim `ViewSignedRequests` until iam offers the check itself).
 */
export function iamCredentialVerifier(
  iam: Pick<IamService, 'authenticateSessionToken'>,
  signed: SignedRequestAuthenticator,
): CredentialVerifier {
  return {
    authenticateSessionToken: (token) => iam.authenticateSessionToken(token),
    authenticateSignedRequest: signed,
  };
}
