import type { SessionKind } from '../session/events.js';

/**
 * An authenticated caller: who it is and how it proved it. Returned by the
 * authentication functions, passed back as the actor of commands and as the
 * principal of `authorize`.
 */
export interface Principal {
  readonly principalType: 'Root' | 'User' | 'AssumedRole';
  /** `arn:gatehouse:iam::<account>:root`, `...:user/<path><name>`, `arn:gatehouse:sts::<account>:assumed-role/<role>/<session>`. */
  readonly principalArn: string;
  /** `AIDA...` for users, `AROA...:<session name>` for role sessions, the account id for root. */
  readonly principalId: string;
  readonly accountId: string;
  readonly userId?: string | undefined;
  readonly userName?: string | undefined;
  readonly roleId?: string | undefined;
  readonly roleName?: string | undefined;
  readonly roleSessionName?: string | undefined;
  /** The session the credentials belong to (absent for long-term access keys). */
  readonly sessionId?: string | undefined;
  readonly sessionKind?: SessionKind | undefined;
  /** The access key the request was signed with, if any. */
  readonly accessKeyId?: string | undefined;
  readonly mfaAuthenticated: boolean;
  readonly mfaAuthenticatedAt?: Date | undefined;
  readonly tokenIssuedAt?: Date | undefined;
  readonly expiresAt?: Date | undefined;
  /** AWS's `SourceIdentity`: set at AssumeRole, kept through role chaining. */
  readonly sourceIdentity?: string | undefined;
  /**
   * The long-term identity (user or root) behind the credentials: for a role
   * session, whoever started the chain. Recorded on every event for accountability.
   */
  readonly originalPrincipalArn: string;
  /** The user must change its password before anything else (only ChangePassword is allowed). */
  readonly passwordResetRequired: boolean;
  /** Human-readable warnings to pass on (root usage, MFA recommended). */
  readonly warnings: readonly string[];
}

/** The warning every use of root credentials carries. */
export const ROOT_USAGE_WARNING =
  'root user credentials were used: the root user has complete access and is meant only for account-level tasks; use an IAM user or role for everyday work';
/** Added while the root user has no MFA device. */
export const ROOT_MFA_WARNING =
  'the root user has no MFA device: enable one (EnableMFADevice as root)';
