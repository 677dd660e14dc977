/**
 * The account as plan compares it: what the repository wants (desired) and what the gateway has
 * (live) in one shape. Names are the keys; policy references are ARNs; documents are JSON values.
 */

/** A policy document as a JSON value. */
export type PolicyDocument = Readonly<Record<string, unknown>>;

/** Tags as a map. */
export type Tags = Readonly<Record<string, string>>;

/** A customer managed policy. */
export interface ManagedPolicyState {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  /** `''` when there is none. */
  readonly description: string;
  readonly tags: Tags;
  /** The default version's document. */
  readonly document: PolicyDocument;
  /** Live only: the unique id, the default version and all versions (oldest first). */
  readonly id?: string | undefined;
  readonly defaultVersionId?: string | undefined;
  readonly versions?: readonly PolicyVersionState[] | undefined;
}

/** A version of a managed policy (live only). */
export interface PolicyVersionState {
  readonly versionId: string;
  readonly isDefaultVersion: boolean;
  readonly createDate: string;
}

/** What users, groups and roles share. */
export interface PolicyHolderState {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly id?: string | undefined;
  /** ARNs of attached managed policies, sorted. */
  readonly policies: readonly string[];
  /** Inline policies by name. */
  readonly inlinePolicies: Readonly<Record<string, PolicyDocument>>;
}

/** An IAM user. */
export interface UserState extends PolicyHolderState {
  readonly tags: Tags;
  /** Names of the groups the user is in, sorted. */
  readonly groups: readonly string[];
  readonly permissionsBoundary?: string | undefined;
}

/** An IAM group (members are on the users). */
export type GroupState = PolicyHolderState;

/** An IAM role. */
export interface RoleState extends PolicyHolderState {
  /** `''` when there is none. */
  readonly description: string;
  readonly maxSessionDuration: number;
  readonly trustPolicy: PolicyDocument;
  readonly tags: Tags;
  readonly permissionsBoundary?: string | undefined;
}

/** The approval rules file: published (live), or the repository's (desired, with its text). */
export interface ApprovalRulesState {
  readonly fileName: string;
  /** Hex SHA-256 of the file's text, as @gatehouse/workflow versions the rules. */
  readonly digest: string;
  /** Desired only: the text to publish (the approvals API returns the parsed rules, not the text). */
  readonly source?: string | undefined;
}

/** A whole account. */
export interface AccountState {
  readonly accountId: string;
  readonly policies: readonly ManagedPolicyState[];
  readonly users: readonly UserState[];
  readonly groups: readonly GroupState[];
  readonly roles: readonly RoleState[];
  /**
   * Desired: the file, or undefined when the repository has none. Live: the published rules,
   * `null` when none are published, `'unsupported'` when the gateway has no approvals API.
   */
  readonly approvalRules?: ApprovalRulesState | null | 'unsupported' | undefined;
}

/** The kinds of entity a repository manages. */
export type EntityKind = 'policy' | 'user' | 'group' | 'role';

/** IAM's default maximum session duration of a role (seconds). */
export const DEFAULT_MAX_SESSION_DURATION = 3600;

/** The ARN of a user, group, role or policy of an account. */
export function entityArn(accountId: string, kind: EntityKind, path: string, name: string): string {
  return `arn:gatehouse:iam::${accountId}:${kind}${path}${name}`;
}
