import type { AccountView } from '@gatehouse/iam';
import type {
  AccountRules,
  AccountSnapshot,
  GroupSnapshot,
  ManagedPolicySnapshot,
  RoleSnapshot,
  UserSnapshot,
} from '@gatehouse/policy';

const EMPTY_POLICY = '{"Version":"2012-10-17","Statement":[]}';

function tagRecord(tags: readonly { key: string; value: string }[]): Record<string, string> {
  return Object.fromEntries(tags.map((t) => [t.key, t.value]));
}

/**
 * The account as the least-privilege analysis reads it, built from IAM's
 * in-memory view and memoised per view version. (The gateway builds the same
 * snapshot; both belong in `@gatehouse/iam` once it exports one.)
 */
export class AccountSnapshots {
  readonly #view: AccountView;
  readonly #rules: AccountRules;
  #cached: { version: number; snapshot: AccountSnapshot } | undefined;

  constructor(view: AccountView, rules: AccountRules = {}) {
    this.#view = view;
    this.#rules = rules;
  }

  /** The snapshot of the view's current version. */
  current(): AccountSnapshot {
    const version = this.#view.version;
    if (this.#cached?.version === version) return this.#cached.snapshot;
    const snapshot = buildSnapshot(this.#view, this.#rules);
    this.#cached = { version, snapshot };
    return snapshot;
  }
}

function buildSnapshot(view: AccountView, rules: AccountRules): AccountSnapshot {
  const groupNames = new Map<string, string>();
  const groups: GroupSnapshot[] = [];
  for (const group of view.groups()) {
    if (group.status !== 'active') continue;
    groupNames.set(group.groupId, group.groupName);
    groups.push({
      name: group.groupName,
      path: group.path,
      arn: group.arn,
      inlinePolicies: group.inlinePolicies.map((p) => ({
        name: p.policyName,
        document: p.policyDocument,
      })),
      attachedPolicies: group.attachedPolicies.map((p) => p.policyArn),
    });
  }
  const users: UserSnapshot[] = [];
  for (const user of view.users()) {
    if (user.status !== 'active') continue;
    users.push({
      name: user.userName,
      path: user.path,
      arn: user.arn,
      userId: user.userId,
      tags: tagRecord(user.tags),
      groups: user.groupIds.flatMap((id) => groupNames.get(id) ?? []),
      inlinePolicies: user.inlinePolicies.map((p) => ({
        name: p.policyName,
        document: p.policyDocument,
      })),
      attachedPolicies: user.attachedPolicies.map((p) => p.policyArn),
      ...(user.permissionsBoundary === null
        ? {}
        : { permissionsBoundary: user.permissionsBoundary.policyArn }),
    });
  }
  const roles: RoleSnapshot[] = [];
  for (const role of view.roles()) {
    if (role.status !== 'active') continue;
    roles.push({
      name: role.roleName,
      path: role.path,
      arn: role.arn,
      tags: tagRecord(role.tags),
      trustPolicy: role.assumeRolePolicyDocument,
      inlinePolicies: role.inlinePolicies.map((p) => ({
        name: p.policyName,
        document: p.policyDocument,
      })),
      attachedPolicies: role.attachedPolicies.map((p) => p.policyArn),
      ...(role.permissionsBoundary === null
        ? {}
        : { permissionsBoundary: role.permissionsBoundary.policyArn }),
    });
  }
  const policies: ManagedPolicySnapshot[] = [];
  for (const policy of view.policies()) {
    if (policy.status !== 'active') continue;
    const document = policy.versions.find(
      (v) => v.versionId === policy.defaultVersionId,
    )?.policyDocument;
    policies.push({ arn: policy.arn, document: document ?? EMPTY_POLICY });
  }
  return {
    accountId: view.account().accountId,
    partition: 'gatehouse',
    users,
    groups,
    roles,
    policies,
    rules,
  };
}
