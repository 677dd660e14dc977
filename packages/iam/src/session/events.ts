import type { DomainEvent } from '../shared/events.js';

/** How a session was obtained. */
export type SessionKind = 'SignIn' | 'GetSessionToken' | 'AssumeRole';

/**
 * A session began. The token's SHA-256 is the secret `tokenSecretId`; temporary
 * credentials also have an `ASIA...` key whose secret's SHA-256 is
 * `accessKeySecretId`. `rootSignIn` flags every session of the root user.
 */
export type SessionStarted = DomainEvent<
  'SessionStarted',
  {
    readonly sessionId: string;
    readonly kind: SessionKind;
    readonly principalArn: string;
    readonly principalType: 'Root' | 'User' | 'AssumedRole';
    /** `AIDA...` for users, `AROA...:<session name>` for role sessions, the account id for root. */
    readonly principalId: string;
    readonly userId: string | null;
    readonly roleId: string | null;
    readonly roleName: string | null;
    readonly roleSessionName: string | null;
    readonly issuedAt: string;
    readonly expiresAt: string;
    readonly mfaAuthenticated: boolean;
    readonly mfaAuthenticatedAt: string | null;
    readonly sourceIdentity: string | null;
    /** The long-term identity (user or root) behind the session: for role chains, who started it. */
    readonly originalPrincipalArn: string;
    readonly sessionPolicy: string | null;
    readonly tokenSecretId: string;
    readonly accessKeyId: string | null;
    readonly accessKeySecretId: string | null;
    readonly rootSignIn: boolean;
    readonly passwordResetRequired: boolean;
    readonly parentSessionId: string | null;
    readonly sourceIp: string | null;
  }
>;
export type SessionRevoked = DomainEvent<
  'SessionRevoked',
  { readonly sessionId: string; readonly reason: 'SignedOut' | 'Revoked' }
>;

/** Events of an `iam-session-<id>` stream. */
export type SessionEvent = SessionStarted | SessionRevoked;
