/**
 * IAM's quotas as Gatehouse enforces them (AWS defaults, "IAM and AWS STS
 * quotas"). Checked in `decide`, so a violation is a typed error before anything
 * is written. Account-wide counts (5,000 users, ...) are not enforced: they
 * protect AWS's fleet, not an account's own control plane.
 */
export interface IamLimits {
  /** Managed policies attached to one user, group or role (AWS: 10, raisable to 20). */
  readonly managedPoliciesPerPrincipal: number;
  readonly groupsPerUser: number;
  readonly versionsPerPolicy: number;
  readonly accessKeysPerUser: number;
  readonly mfaDevicesPerUser: number;
  /** Sum of inline policy sizes (characters outside whitespace) per user, group, role. */
  readonly inlineUserSize: number;
  readonly inlineGroupSize: number;
  readonly inlineRoleSize: number;
  readonly managedPolicySize: number;
  readonly trustPolicySize: number;
  /** A session policy passed to AssumeRole (plain text characters). */
  readonly sessionPolicySize: number;
}

/** AWS's default quotas. */
export const DEFAULT_LIMITS: IamLimits = Object.freeze({
  managedPoliciesPerPrincipal: 10,
  groupsPerUser: 10,
  versionsPerPolicy: 5,
  accessKeysPerUser: 2,
  mfaDevicesPerUser: 8,
  inlineUserSize: 2048,
  inlineGroupSize: 5120,
  inlineRoleSize: 10240,
  managedPolicySize: 6144,
  trustPolicySize: 2048,
  sessionPolicySize: 2048,
});

/** Role session durations (seconds). */
export const ROLE_SESSION = Object.freeze({ min: 900, defaultMax: 3600, maxMax: 43_200 });
/** GetSessionToken durations (seconds): users up to 36 h, root up to 1 h. */
export const SESSION_TOKEN = Object.freeze({
  min: 900,
  max: 129_600,
  default: 43_200,
  rootMax: 3600,
});
/** Role chaining caps a session at one hour, as AWS. */
export const ROLE_CHAINING_MAX = 3600;
/** Sign-in sessions (console-like), seconds. */
export const SIGN_IN_SESSION = Object.freeze({ default: 43_200, rootDefault: 3600 });
