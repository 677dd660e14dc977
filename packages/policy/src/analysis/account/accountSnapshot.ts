import type { PolicyInput } from '../../evaluate/evaluationTypes.js';

/**
 * An account's identities and policies at one moment, as the analysis needs them. Plain JSON,
 * independent of the IAM domain package (which builds it from its read models). Names are
 * unique per kind; ARNs are derived from partition, account, path and name when not given.
 */
export interface AccountSnapshot {
  /** The 12-digit account id. */
  readonly accountId: string;
  /** The ARN partition; `gatehouse` when absent. */
  readonly partition?: string | undefined;
  readonly users: readonly UserSnapshot[];
  readonly groups: readonly GroupSnapshot[];
  readonly roles: readonly RoleSnapshot[];
  /** Managed policies, each with its default version's document. */
  readonly policies: readonly ManagedPolicySnapshot[];
  /** Organisation-wide ceilings (like SCPs) that apply to every principal of the account. */
  readonly guardrails?: readonly PolicyInput[] | undefined;
  readonly rules?: AccountRules | undefined;
}

/** The account's own rules that verdicts enforce. */
export interface AccountRules {
  /**
   * Principals (ARNs, `*` and `?` allowed) that may hold admin-equivalent access. Granting it to
   * anyone else is blocked, unless the change is a break-glass change.
   */
  readonly adminPrincipals?: readonly string[] | undefined;
}

/** An inline policy: its name and document. */
export type InlinePolicy = PolicyInput;

/** A user. */
export interface UserSnapshot {
  readonly name: string;
  /** `/` when absent; otherwise starts and ends with `/`. */
  readonly path?: string | undefined;
  readonly arn?: string | undefined;
  /** The unique id (`aws:userid`), when known. */
  readonly userId?: string | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
  readonly groups?: readonly string[] | undefined;
  readonly inlinePolicies?: readonly InlinePolicy[] | undefined;
  /** ARNs of attached managed policies. */
  readonly attachedPolicies?: readonly string[] | undefined;
  /** ARN of the managed policy used as permissions boundary. */
  readonly permissionsBoundary?: string | undefined;
}

/** A group. */
export interface GroupSnapshot {
  readonly name: string;
  readonly path?: string | undefined;
  readonly arn?: string | undefined;
  readonly inlinePolicies?: readonly InlinePolicy[] | undefined;
  readonly attachedPolicies?: readonly string[] | undefined;
}

/** A role. */
export interface RoleSnapshot {
  readonly name: string;
  readonly path?: string | undefined;
  readonly arn?: string | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
  /** The trust policy (who may assume the role). */
  readonly trustPolicy: string | object;
  readonly inlinePolicies?: readonly InlinePolicy[] | undefined;
  readonly attachedPolicies?: readonly string[] | undefined;
  readonly permissionsBoundary?: string | undefined;
}

/** A managed policy and the document of its default version. */
export interface ManagedPolicySnapshot {
  readonly arn: string;
  readonly document: string | object;
}

/** Which kind of principal or group a reference names. */
export type IdentityKind = 'user' | 'group' | 'role';

/** A user, group or role of the account, by name. */
export interface IdentityRef {
  readonly kind: IdentityKind;
  readonly name: string;
}

/** The partition of the snapshot (`gatehouse` by default). */
export function partitionOf(account: AccountSnapshot): string {
  return account.partition ?? 'gatehouse';
}

/** The ARN of a user, group or role of the account. */
export function identityArn(
  account: AccountSnapshot,
  kind: IdentityKind,
  identity: {
    readonly name: string;
    readonly path?: string | undefined;
    readonly arn?: string | undefined;
  },
): string {
  if (identity.arn !== undefined) return identity.arn;
  const path = identity.path ?? '/';
  return `arn:${partitionOf(account)}:iam::${account.accountId}:${kind}${path}${identity.name}`;
}
